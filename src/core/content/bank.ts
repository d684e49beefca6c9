// The question bank's model and assembly: built-in content plus any user packs, read file by file through
// a reader. This module loads neither zod nor the YAML parser: with a warm cache (`loadBankCached`) the
// bank is rebuilt from already-validated values; load.ts supplies the parsing, validating reader.
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, basename, relative, resolve, dirname } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { asciiJson } from '../ascii-json.js';
import { dataPaths } from '../storage/paths.js';
import { safeWriteFile } from '../storage/safe-write.js';
import { PHASES } from './phases.js';
import type {
  ConceptFile,
  ConceptCard,
  GenericRubric,
  Phase,
  Question,
  QuizItem,
  RubricFile,
  RubricItem,
  Thesaurus,
} from './schema.js';

export { PACKAGE_ROOT } from '../package-root.js';

export interface Problem {
  file: string;
  path: string;
  message: string;
}
export const formatProblem = (p: Problem): string => `${p.file}: ${p.path}: ${p.message}`;

/** A question joined with its rubric: the generic items first, then the question's own. */
export interface BankQuestion {
  question: Question;
  rubric: RubricFile;
  /** Generic + question-specific items per phase, as graded. */
  items: Record<Phase, RubricItem[]>;
  /** Items per phase that the question itself adds (not inherited). */
  ownItems: Record<Phase, RubricItem[]>;
  /** The rubric version string recorded with grades: "<generic>.<question>". */
  rubricVersion: string;
  /** Where it came from: "built-in" or the pack directory. */
  origin: string;
  file: string;
}

export interface Bank {
  questions: Map<string, BankQuestion>;
  generic: GenericRubric;
  thesaurus: Thesaurus;
  cards: ConceptCard[];
  quiz: QuizItem[];
  problems: Problem[];
}

export const yamlFiles = (dir: string): string[] => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
};

export interface ParseOk<T> {
  ok: true;
  value: T;
}
export interface ParseFail {
  ok: false;
}

export const displayPath = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || rel === '' ? file : rel;
};

/**
 * Parsing and validating is the slow part of start-up (tens of milliseconds for the whole bank even from
 * the precompiled JSON, plus loading zod), so each file's validated value is cached by path, size and
 * mtime in one JSON file per content root. A changed file is parsed and validated again; a missing,
 * corrupt or foreign cache is simply rebuilt.
 */
interface CacheEntry {
  size: number;
  mtimeMs: number;
  ok: true;
  value: unknown;
}
interface CacheFile {
  version: string;
  entries: Record<string, CacheEntry>;
}
const CACHE_VERSION = 'bank-cache-1';

export class ParseCache {
  #data: CacheFile = { version: CACHE_VERSION, entries: {} };
  #dirty = false;
  #seen = new Set<string>();

  constructor(readonly file: string | null) {
    if (!file) return;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (parsed && parsed.version === CACHE_VERSION && typeof parsed.entries === 'object') this.#data = parsed;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
  }

  get(path: string, size: number, mtimeMs: number): CacheEntry | undefined {
    this.#seen.add(path);
    const e = this.#data.entries[path];
    return e && e.size === size && e.mtimeMs === mtimeMs ? e : undefined;
  }

  set(path: string, entry: CacheEntry): void {
    this.#seen.add(path);
    this.#data.entries[path] = entry;
    this.#dirty = true;
  }

  /** Writes the cache when something changed; failures only cost speed next time. */
  flush(): void {
    // Entries of files this run did not read stay (another command reads them), unless the file is gone.
    for (const k of Object.keys(this.#data.entries)) {
      if (!this.#seen.has(k) && !existsSync(k)) {
        delete this.#data.entries[k];
        this.#dirty = true;
      }
    }
    if (!this.file || !this.#dirty) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      safeWriteFile(this.file, asciiJson(this.#data));
      this.#dirty = false;
    } catch {
      // A read-only install or a full disk: run without the cache.
    }
  }
}

/** What each content file holds. */
export interface ContentKinds {
  generic: GenericRubric;
  thesaurus: Thesaurus;
  rubric: RubricFile;
  question: Question;
  concepts: ConceptFile;
}

/** Reads and checks one file of a kind; problems go to `out`. */
export type Reader = <K extends keyof ContentKinds>(file: string, kind: K, out: Problem[], cache: ParseCache) => ParseOk<ContentKinds[K]> | ParseFail;

/** Raised by the cache-only reader when a file is not (or no longer) in the cache. */
class CacheMiss extends Error {}

/** A reader that only answers from the cache. */
const cacheOnly: Reader = (file, _kind, _out, cache) => {
  let st: { size: number; mtimeMs: number };
  try {
    st = statSync(file);
  } catch {
    throw new CacheMiss(file);
  }
  const hit = cache.get(resolve(file), st.size, st.mtimeMs);
  if (!hit) throw new CacheMiss(file);
  return { ok: true, value: hit.value as never };
};

export interface LoadOptions {
  /** User packs: folders laid out like the built-in one (question-bank/, rubrics/). */
  packs?: string[];
  /** Replace the built-in content root (tests). */
  root?: string;
  /** Skip concept cards and quiz items (faster when only questions are needed). */
  withConcepts?: boolean;
  /** Use the parse cache (default true). */
  cache?: boolean;
}

/**
 * The built-in bank's cache lives beside the build, unless the install is read-only (a global install
 * owned by root): then, like the cache of a bank with packs, in the user's data folder.
 */
export const cacheFileFor = (root: string, packs: string[]): string => {
  const dist = join(root, 'dist');
  if (packs.length === 0 && writable(existsSync(dist) ? dist : root)) return join(dist, '.bank-cache.json');
  const key = createHash('sha1').update(JSON.stringify([root, ...packs.map((p) => resolve(p))])).digest('hex').slice(0, 16);
  return join(dataPaths().data, 'cache', `bank-${key}.json`);
};

const writable = (dir: string): boolean => {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

const emptyPhases = (): Record<Phase, RubricItem[]> => ({
  requirements: [],
  estimation: [],
  design: [],
  'deep-dive': [],
});

/** Loads the bank with a reader (load.ts passes the parsing, validating one). */
export const loadBankWith = (options: LoadOptions, read: Reader): Bank => {
  const root = options.root ?? PACKAGE_ROOT;
  const problems: Problem[] = [];
  const withConcepts = options.withConcepts ?? true;
  const cache = new ParseCache(options.cache === false ? null : cacheFileFor(root, options.packs ?? []));

  const genericFile = join(root, 'rubrics', '_generic.yaml');
  const thesaurusFile = join(root, 'rubrics', '_thesaurus.yaml');
  const generic = read(genericFile, 'generic', problems, cache);
  const thesaurus = read(thesaurusFile, 'thesaurus', problems, cache);
  const bank: Bank = {
    questions: new Map(),
    generic: generic.ok ? generic.value : { version: 0, phases: emptyPhases() },
    thesaurus: thesaurus.ok ? thesaurus.value : { version: 0, synonyms: [], broader: {} },
    cards: [],
    quiz: [],
    problems,
  };

  const roots = [{ dir: root, origin: 'built-in' }, ...(options.packs ?? []).map((p) => ({ dir: resolve(p), origin: p }))];
  for (const { dir, origin } of roots) {
    if (origin !== 'built-in') {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        problems.push({ file: displayPath(dir), path: '(pack)', message: 'is not a folder' });
        continue;
      }
      if (!existsSync(join(dir, 'question-bank')) && !existsSync(join(dir, 'rubrics'))) {
        problems.push({ file: displayPath(dir), path: '(pack)', message: 'has neither question-bank/ nor rubrics/' });
        continue;
      }
      const packThesaurus = join(dir, 'rubrics', '_thesaurus.yaml');
      if (existsSync(packThesaurus)) {
        const extra = read(packThesaurus, 'thesaurus', problems, cache);
        if (extra.ok) {
          bank.thesaurus.synonyms.push(...extra.value.synonyms);
          for (const [k, v] of Object.entries(extra.value.broader)) {
            bank.thesaurus.broader[k] = [...(bank.thesaurus.broader[k] ?? []), ...v];
          }
        }
      }
    }
    loadRoot(dir, origin, bank, withConcepts, cache, read);
  }
  cache.flush();
  return bank;
};

const loadRoot = (dir: string, origin: string, bank: Bank, withConcepts: boolean, cache: ParseCache, read: Reader): void => {
  const { problems } = bank;
  const rubrics = new Map<string, { rubric: RubricFile; file: string }>();
  for (const file of yamlFiles(join(dir, 'rubrics'))) {
    if (basename(file).startsWith('_')) continue;
    const r = read(file, 'rubric', problems, cache);
    if (!r.ok) continue;
    const expected = basename(file).replace(/\.ya?ml$/i, '');
    if (r.value.question !== expected) {
      problems.push({ file: displayPath(file), path: 'question', message: `is "${r.value.question}" but the file is named ${expected}` });
      continue;
    }
    rubrics.set(r.value.question, { rubric: r.value, file });
  }

  const questionFiles = yamlFiles(join(dir, 'question-bank'));
  const seen = new Set<string>();
  for (const file of questionFiles) {
    const q = read(file, 'question', problems, cache);
    if (!q.ok) {
      seen.add(basename(file).replace(/\.ya?ml$/i, ''));
      continue;
    }
    const question = q.value;
    const shown = (): string => displayPath(file);
    seen.add(question.id);
    const expected = basename(file).replace(/\.ya?ml$/i, '');
    if (question.id !== expected) {
      problems.push({ file: shown(), path: 'id', message: `is "${question.id}" but the file is named ${expected}` });
      continue;
    }
    if (bank.questions.has(question.id)) {
      problems.push({ file: shown(), path: 'id', message: `"${question.id}" is already defined by ${bank.questions.get(question.id)?.origin}` });
      continue;
    }
    const entry = rubrics.get(question.id);
    if (!entry) {
      problems.push({ file: shown(), path: '(rubric)', message: `no rubric: add rubrics/${question.id}.yaml` });
      continue;
    }
    const joined = joinRubric(question, entry.rubric, bank.generic, () => displayPath(entry.file), problems);
    if (!joined) continue;
    bank.questions.set(question.id, { ...joined, question, rubric: entry.rubric, origin, file });
  }
  for (const [id, { file }] of rubrics) {
    if (!seen.has(id)) problems.push({ file: displayPath(file), path: 'question', message: `no question file question-bank/${id}.yaml` });
  }

  if (withConcepts) {
    for (const file of yamlFiles(join(dir, 'question-bank', 'concepts'))) {
      const c = read(file, 'concepts', problems, cache);
      if (!c.ok) continue;
      if (c.value.kind === 'cards') bank.cards.push(...c.value.cards);
      else bank.quiz.push(...c.value.quiz);
    }
  }
};

const joinRubric = (
  question: Question,
  rubric: RubricFile,
  generic: GenericRubric,
  rubricFile: () => string,
  problems: Problem[],
): Pick<BankQuestion, 'items' | 'ownItems' | 'rubricVersion'> | null => {
  const before = problems.length;
  const factIds = new Set(question.facts.map((f) => f.id));
  const items = emptyPhases();
  const ownItems = emptyPhases();
  for (const phase of PHASES) {
    const genericIds = new Set(generic.phases[phase].map((i) => i.id));
    rubric.phases[phase].forEach((item, i) => {
      if (genericIds.has(item.id)) {
        problems.push({ file: rubricFile(), path: `phases.${phase}[${i}].id`, message: `"${item.id}" clashes with a generic item` });
      }
      for (const f of item.quantity?.from ?? []) {
        if (!factIds.has(f)) {
          problems.push({ file: rubricFile(), path: `phases.${phase}[${i}].quantity.from`, message: `unknown fact "${f}"` });
        }
      }
    });
    items[phase] = [...generic.phases[phase], ...rubric.phases[phase]];
    ownItems[phase] = rubric.phases[phase];
  }
  if (problems.length > before) return null;
  return { items, ownItems, rubricVersion: `${generic.version}.${rubric.version}` };
};

/**
 * The bank straight from the parse cache, when every file is cached unchanged and nothing is broken; null
 * otherwise (then load.ts parses and validates). Start-up paths use this first.
 */
export const loadBankCached = (options: LoadOptions = {}): Bank | null => {
  try {
    const bank = loadBankWith(options, cacheOnly);
    return bank.problems.length === 0 ? bank : null;
  } catch (e) {
    if (e instanceof CacheMiss) return null;
    throw e;
  }
};

/** The ids closest to `id` (edit distance, prefix and alias matches), for "did you mean" messages. */
export { closestIds } from './closest.js';

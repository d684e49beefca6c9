// The built-in bank precompiled from YAML to JSON at build time (`npm run build` runs
// dist/build/compile-content.js). Parsing 1.9 MB of YAML takes a few hundred milliseconds; JSON.parse of
// the same data takes a few. This is only the syntax step: every value read from here is still validated
// by zod like a freshly parsed file, and an entry is used only while the file is the one it was compiled
// from: same size and mtime (a stat, no read), or else the same text (a hash), so an edited file is always
// parsed afresh.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { asciiJson } from '../ascii-json.js';
import { yamlFiles } from './bank.js';
import { parseYaml } from './yaml.js';

export const COMPILED_VERSION = 'content-2';
export const compiledFileFor = (root: string): string => join(root, 'dist', '.content.json');

interface CompiledEntry {
  /** sha1 of the YAML text the data was parsed from. */
  sha1: string;
  size: number;
  mtimeMs: number;
  data: unknown;
}
export interface CompiledFile {
  version: string;
  /** Keyed by the path relative to the content root, with forward slashes. */
  files: Record<string, CompiledEntry>;
}

export const hashText = (text: string): string => createHash('sha1').update(text).digest('hex');
export const contentKey = (root: string, file: string): string => {
  // The common case, a path under the root as the loader builds it, without path.relative's work.
  const prefix = root.endsWith(sep) ? root : root + sep;
  const rel = file.startsWith(prefix) && !file.includes(`${sep}..`) ? file.slice(prefix.length) : relative(root, file);
  return sep === '/' ? rel : rel.split(sep).join('/');
};

/** Looks up the parsed data of a built-in file; undefined when there is none or the file has changed. */
export class CompiledContent {
  #files: Record<string, CompiledEntry> | undefined;

  constructor(readonly root: string) {}

  // Read on first use: a run that finds every file in the parse cache never needs it.
  get #all(): Record<string, CompiledEntry> {
    if (this.#files) return this.#files;
    this.#files = {};
    try {
      const parsed = JSON.parse(readFileSync(compiledFileFor(this.root), 'utf8')) as Partial<CompiledFile> | null;
      if (parsed && parsed.version === COMPILED_VERSION && parsed.files && typeof parsed.files === 'object') this.#files = parsed.files;
    } catch {
      // Not built yet (running from src/ in tests) or unreadable: every file is parsed from YAML.
    }
    return this.#files;
  }

  #entry(file: string): CompiledEntry | undefined {
    const key = contentKey(this.root, file);
    return key.startsWith('..') ? undefined : this.#all[key];
  }

  /**
   * The data when the file's size and mtime are those it was compiled with (no need to read it); `st` is
   * the file's stat when the caller already has it.
   */
  unchanged(file: string, st?: { size: number; mtimeMs: number }): { data: unknown } | undefined {
    const entry = this.#entry(file);
    if (!entry) return undefined;
    try {
      const { size, mtimeMs } = st ?? statSync(file);
      return size === entry.size && mtimeMs === entry.mtimeMs ? { data: entry.data } : undefined;
    } catch {
      return undefined;
    }
  }

  /** The data when the file's text is the one it was compiled from (a copied or re-extracted file). */
  lookup(file: string, text: string): { data: unknown } | undefined {
    const entry = this.#entry(file);
    if (!entry || typeof entry.sha1 !== 'string') return undefined;
    return entry.sha1 === hashText(text) ? { data: entry.data } : undefined;
  }
}

/**
 * Compiles every YAML file of a content root into its JSON file. A file that does not parse is left out
 * (the loader then reports its error with line and column). Returns how many were compiled and skipped.
 */
export const compileContent = (root: string): { compiled: number; skipped: number } => {
  const out: CompiledFile = { version: COMPILED_VERSION, files: {} };
  let skipped = 0;
  for (const dir of ['rubrics', 'question-bank', join('question-bank', 'concepts')]) {
    for (const file of yamlFiles(join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      const { size, mtimeMs } = statSync(file);
      const r = parseYaml(text);
      if (r.ok) out.files[contentKey(root, file)] = { sha1: hashText(text), size, mtimeMs, data: r.data };
      else skipped++;
    }
  }
  const target = compiledFileFor(root);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, asciiJson(out));
  return { compiled: Object.keys(out.files).length, skipped };
};

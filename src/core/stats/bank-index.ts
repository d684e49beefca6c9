// The header fields of every question (id, title, difficulty, tags) for `stats`. Loading the bank parses
// every question file in full, which takes seconds on a busy machine, far over the budget of `stats`; the
// header lines are read with a strict pattern instead (the layout of question-bank/FORMAT.md), and only a
// file that does not fit the pattern goes through the YAML parser. Either way the result is validated,
// by hand: the four fields are simple, and loading zod would cost more than reading every header.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { parseYaml } from '../content/yaml.js';

export interface QuestionMeta {
  id: string;
  title: string;
  difficulty: 'easy' | 'medium' | 'hard';
  tags: string[];
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const isKebab = (v: unknown): v is string => typeof v === 'string' && KEBAB.test(v);
const isDifficulty = (v: unknown): v is QuestionMeta['difficulty'] => v === 'easy' || v === 'medium' || v === 'hard';

/**
 * The header fields when they are valid, as the question schema has them: kebab-case id and tags (at
 * least one tag), a title that is not blank (trimmed), and a known difficulty. Other keys are dropped.
 */
export const checkMeta = (value: unknown): QuestionMeta | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, title, difficulty, tags } = value as Record<string, unknown>;
  if (!isKebab(id) || typeof title !== 'string' || title.trim() === '' || !isDifficulty(difficulty)) return null;
  if (!Array.isArray(tags) || tags.length === 0 || !tags.every(isKebab)) return null;
  return { id, title: title.trim(), difficulty, tags: [...tags] };
};

export const bankRoots = (packs: readonly string[]): string[] => [PACKAGE_ROOT, ...packs.map((p) => resolve(p))];

const HEADER_KEYS = new Set(['id', 'title', 'difficulty', 'tags']);

/** The top-level blocks of the header keys: each key line plus its indented or `- ` continuation lines. */
export const headerSnippet = (text: string): string => {
  const out: string[] = [];
  let keep = false;
  for (const line of text.split(/\r?\n/)) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (key) keep = HEADER_KEYS.has(key[1]!);
    else if (line.startsWith('---') || line.startsWith('...')) keep = false;
    else if (line.trim() !== '' && !/^[\s#-]/.test(line)) keep = false;
    if (keep) out.push(line);
  }
  return out.join('\n');
};

const PLAIN_SCALAR = /^[^\s'"&*!|>%@`{[\]#,?-][^#]*$/;

/**
 * The header from single lines: `key: plain scalar`, `key: "simple quoted"` and `tags: [a, b]`. Returns
 * null when a header line is written any other way (block lists, escapes, comments), for the YAML parser.
 */
export const quickHeader = (text: string): Record<string, unknown> | null => {
  const out: Record<string, unknown> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^(id|title|difficulty|tags):(.*)$/.exec(line);
    if (!m || m[1]! in out) continue;
    const value = m[2]!.trim();
    if (m[1] === 'tags') {
      const list = /^\[([^\]"'#]*)\]$/.exec(value);
      if (!list) return null;
      out.tags = list[1]!.split(',').map((t) => t.trim()).filter(Boolean);
    } else if (/^"[^"\\]*"$/.test(value) || /^'[^']*'$/.test(value)) {
      out[m[1]!] = value.slice(1, -1);
    } else if (PLAIN_SCALAR.test(value) && !value.includes(': ')) {
      out[m[1]!] = value;
    } else {
      return null;
    }
  }
  return Object.keys(out).length === HEADER_KEYS.size ? out : null;
};

// The YAML parser (loaded by yaml.ts on first use) only when the quick pattern does not fit.
const yamlParse = (text: string): unknown => {
  const r = parseYaml(text);
  return r.ok ? r.data : null;
};

/** Header lines come first in a question file; this much of it holds them with room to spare. */
const HEAD_BYTES = 4096;

/**
 * The file's first HEAD_BYTES cut back to the last whole line, or the whole file when it is shorter. A
 * newline byte never occurs inside a multi-byte UTF-8 character, so the cut decodes as the file does.
 */
const readHead = (file: string): { text: string; whole: boolean } => {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(HEAD_BYTES);
    let length = 0;
    while (length < HEAD_BYTES) {
      const n = readSync(fd, buffer, length, HEAD_BYTES - length, length);
      if (n === 0) break;
      length += n;
    }
    if (length < HEAD_BYTES) return { text: buffer.toString('utf8', 0, length), whole: true };
    return { text: buffer.toString('utf8', 0, buffer.lastIndexOf(10) + 1), whole: false };
  } finally {
    closeSync(fd);
  }
};

/**
 * The header of one question file. When the quick pattern finds all four fields in the head of the file,
 * the rest cannot change the answer (quickHeader keeps the first line of each key and skips later ones);
 * otherwise the whole file is read, as before.
 */
const readHeader = (file: string): unknown => {
  const head = readHead(file);
  const quick = quickHeader(head.text);
  if (quick) return quick;
  const text = head.whole ? head.text : readFileSync(file, 'utf8');
  return quickHeader(text) ?? yamlParse(headerSnippet(text));
};

const yamlIn = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch {
    return [];
  }
};

/**
 * Header fields of every question that has a rubric, built-in first; a file that does not validate is
 * skipped (`sdcoach validate` reports it). The first definition of an id wins, as in loadBank.
 */
export const questionIndex = (packs: readonly string[] = []): Map<string, QuestionMeta> => {
  const out = new Map<string, QuestionMeta>();
  for (const root of bankRoots(packs)) {
    const dir = join(root, 'question-bank');
    for (const name of yamlIn(dir)) {
      const id = name.replace(/\.ya?ml$/i, '');
      if (out.has(id) || !(existsSync(join(root, 'rubrics', `${id}.yaml`)) || existsSync(join(root, 'rubrics', `${id}.yml`)))) continue;
      try {
        const meta = checkMeta(readHeader(join(dir, name)));
        if (meta && meta.id === id) out.set(id, meta);
      } catch {
        // unreadable or not YAML: validate reports it
      }
    }
  }
  return out;
};

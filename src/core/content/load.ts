// Loads and validates the question bank: built-in content plus any user packs. Every problem becomes one
// line naming the file, the field path and what is wrong; a broken file never hides the others. The
// assembly lives in bank.ts; this module adds YAML parsing and zod validation (and the cache in between).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { parseDocument as ParseDocument } from 'yaml';
import type { z } from 'zod';
import { formatIssuePath } from '../errors.js';
import { displayPath, loadBankWith, type Bank, type LoadOptions, type ParseCache, type ParseFail, type ParseOk, type Problem, type Reader } from './bank.js';
import { ConceptFileSchema, GenericRubricSchema, QuestionSchema, RubricFileSchema, ThesaurusSchema } from './schema.js';

export * from './bank.js';

// The YAML parser is loaded only when a file has to be parsed: a warm cache never needs it.
const require = createRequire(import.meta.url);
let yamlParse: typeof ParseDocument | undefined;
const parseDocument: typeof ParseDocument = (...args) => (yamlParse ??= (require('yaml') as { parseDocument: typeof ParseDocument }).parseDocument)(...args);

/** Reads a YAML file and validates it, through the cache when one is given; problems go to `out`. */
export const readYaml = <S extends z.ZodType>(
  file: string,
  schema: S,
  out: Problem[],
  cache?: ParseCache,
): ParseOk<z.output<S>> | ParseFail => {
  if (!cache) return readYamlUncached(file, schema, out);
  let st: { size: number; mtimeMs: number };
  try {
    st = statSync(file);
  } catch {
    return readYamlUncached(file, schema, out);
  }
  const key = resolve(file);
  const hit = cache.get(key, st.size, st.mtimeMs);
  if (hit) return { ok: true, value: hit.value as z.output<S> };
  // Broken files are not cached: they are rare, and their messages name paths relative to today's cwd.
  const r = readYamlUncached(file, schema, out);
  if (r.ok) cache.set(key, { size: st.size, mtimeMs: st.mtimeMs, ok: true, value: r.value });
  return r;
};

const readYamlUncached = <S extends z.ZodType>(file: string, schema: S, out: Problem[]): ParseOk<z.output<S>> | ParseFail => {
  const shown = displayPath(file);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    out.push({ file: shown, path: '(file)', message: `cannot read: ${(e as Error).message}` });
    return { ok: false };
  }
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = err.linePos?.[0];
      out.push({
        file: shown,
        path: line ? `line ${line.line}:${line.col}` : '(yaml)',
        message: (err.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, ''),
      });
    }
    return { ok: false };
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      out.push({ file: shown, path: formatIssuePath(issue.path), message: issue.message });
    }
    return { ok: false };
  }
  return { ok: true, value: result.data };
};

const SCHEMAS = {
  generic: GenericRubricSchema,
  thesaurus: ThesaurusSchema,
  rubric: RubricFileSchema,
  question: QuestionSchema,
  concepts: ConceptFileSchema,
};

const parsingReader: Reader = (file, kind, out, cache) => readYaml(file, SCHEMAS[kind], out, cache) as never;

/** Parses, validates and assembles the bank (through the parse cache unless `cache: false`). */
export const loadBank = (options: LoadOptions = {}): Bank => loadBankWith(options, parsingReader);

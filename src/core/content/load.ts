// Loads and validates the question bank: built-in content plus any user packs. Every problem becomes one
// line naming the file, the field path and what is wrong; a broken file never hides the others. The
// assembly lives in bank.ts; this module adds YAML parsing and zod validation (and the cache in between).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { formatIssuePath } from '../errors.js';
import { displayPath, loadBankWith, PACKAGE_ROOT, type Bank, type LoadOptions, type ParseCache, type ParseFail, type ParseOk, type Problem, type Reader } from './bank.js';
import { CompiledContent } from './compiled.js';
import { ConceptFileSchema, GenericRubricSchema, QuestionSchema, RubricFileSchema, ThesaurusSchema } from './schema.js';
import { parseYaml } from './yaml.js';

export * from './bank.js';

/** Reads a YAML file and validates it, through the cache when one is given; problems go to `out`. */
export const readYaml = <S extends z.ZodType>(
  file: string,
  schema: S,
  out: Problem[],
  cache?: ParseCache,
  compiled?: CompiledContent,
): ParseOk<z.output<S>> | ParseFail => {
  if (!cache) return readYamlUncached(file, schema, out, compiled);
  let st: { size: number; mtimeMs: number };
  try {
    st = statSync(file);
  } catch {
    return readYamlUncached(file, schema, out, compiled);
  }
  const key = resolve(file);
  const hit = cache.get(key, st.size, st.mtimeMs);
  if (hit) return { ok: true, value: hit.value as z.output<S> };
  // Broken files are not cached: they are rare, and their messages name paths relative to today's cwd.
  const r = readYamlUncached(file, schema, out, compiled, st);
  if (r.ok) cache.set(key, { size: st.size, mtimeMs: st.mtimeMs, ok: true, value: r.value });
  return r;
};

const readYamlUncached = <S extends z.ZodType>(
  file: string,
  schema: S,
  out: Problem[],
  compiled?: CompiledContent,
  st?: { size: number; mtimeMs: number },
): ParseOk<z.output<S>> | ParseFail => {
  // The file as messages name it, worked out only when there is a problem to report.
  const shown = (): string => displayPath(file);
  const unchanged = compiled?.unchanged(file, st);
  if (unchanged) return validate(unchanged.data, schema, shown, out);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    out.push({ file: shown(), path: '(file)', message: `cannot read: ${(e as Error).message}` });
    return { ok: false };
  }
  let data: unknown;
  const precompiled = compiled?.lookup(file, source);
  if (precompiled) data = precompiled.data;
  else {
    const parsed = parseYaml(source);
    if (!parsed.ok) {
      out.push({ file: shown(), path: parsed.line ? `line ${parsed.line}:${parsed.col}` : '(yaml)', message: parsed.message });
      return { ok: false };
    }
    data = parsed.data;
  }
  return validate(data, schema, shown, out);
};

const validate = <S extends z.ZodType>(data: unknown, schema: S, shown: () => string, out: Problem[]): ParseOk<z.output<S>> | ParseFail => {
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      out.push({ file: shown(), path: formatIssuePath(issue.path), message: issue.message });
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

export interface ParseOptions extends LoadOptions {
  /**
   * Use the built-in files' JSON form compiled at build time (default true). Only the YAML syntax step is
   * skipped; every value is validated either way.
   */
  compiled?: boolean;
}

/**
 * Parses, validates and assembles the bank: through the parse cache of validated values unless
 * `cache: false`, and reading built-in files from their precompiled JSON unless `compiled: false`.
 */
export const loadBank = (options: ParseOptions = {}): Bank => {
  const compiled = options.compiled === false ? undefined : new CompiledContent(options.root ?? PACKAGE_ROOT);
  const reader: Reader = (file, kind, out, cache) => readYaml(file, SCHEMAS[kind], out, cache, compiled) as never;
  return loadBankWith(options, reader);
};

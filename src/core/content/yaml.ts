// YAML text → plain data, with js-yaml and the YAML 1.2 core schema (no timestamps or other implicit
// types, duplicate keys rejected). The parser is loaded on first use: a warm start never needs it.
import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';

const require = createRequire(import.meta.url);
let jsYaml: typeof JsYaml | undefined;

export type YamlResult = { ok: true; data: unknown } | { ok: false; line: number | null; col: number | null; message: string };

export const parseYaml = (text: string): YamlResult => {
  const lib = (jsYaml ??= require('js-yaml') as typeof JsYaml);
  try {
    return { ok: true, data: lib.load(text, { schema: lib.CORE_SCHEMA }) };
  } catch (e) {
    if (e instanceof lib.YAMLException) {
      // mark is 0-based; the message's first line repeats the position, so the reason alone is kept.
      return { ok: false, line: e.mark ? e.mark.line + 1 : null, col: e.mark ? e.mark.column + 1 : null, message: e.reason || 'invalid YAML' };
    }
    throw e;
  }
};

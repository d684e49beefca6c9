// Results cached by a hash of everything that could change them (rubric, prompt version and text, model,
// base URL, answer, samples), so reviewing the same answer again costs nothing. Only validated results
// are stored, one small JSON file each; an unreadable entry is a miss.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeWriteFile } from '../storage/safe-write.js';
import { LlmGradeResultSchema, type LlmGradeResult } from './record-schema.js';

/** JSON with sorted keys, so the same content always hashes the same. */
export const canonicalJson = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
};

export const hashKey = (parts: unknown): string => createHash('sha256').update(canonicalJson(parts)).digest('hex');

export class GradeCache {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  get(key: string): LlmGradeResult | null {
    try {
      const parsed = LlmGradeResultSchema.safeParse(JSON.parse(readFileSync(this.file(key), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Best effort: a failed write only means the next review pays again. */
  set(key: string, value: LlmGradeResult): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      safeWriteFile(this.file(key), `${JSON.stringify(value)}\n`);
    } catch {
      // ignore
    }
  }
}

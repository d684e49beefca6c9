// The settings a user may read and change with `sdcoach config`, each with its type and a one-line
// description. Values are coerced from the command line here; the settings schema then validates the
// whole file, so a bad value never reaches disk.
import { GRADER_MODES, STRUCTURED_MODES } from '../llm/settings-schema.js';

export type SettingKind = 'number' | 'integer' | 'boolean' | 'string' | 'url' | 'enum' | 'secret';

export interface SettingKey {
  key: string;
  kind: SettingKind;
  values?: readonly string[];
  description: string;
}

export const SETTING_KEYS: SettingKey[] = [
  { key: 'minutesPerPhase.requirements', kind: 'number', description: 'minutes for the requirements phase' },
  { key: 'minutesPerPhase.estimation', kind: 'number', description: 'minutes for the estimation phase' },
  { key: 'minutesPerPhase.design', kind: 'number', description: 'minutes for the design phase' },
  { key: 'minutesPerPhase.deep-dive', kind: 'number', description: 'minutes for the deep-dive phase' },
  { key: 'strict', kind: 'boolean', description: 'strict grading: no partial credit for vague mentions' },
  { key: 'grader', kind: 'enum', values: GRADER_MODES, description: 'rubric (default), or llm/both to add the LLM second opinion' },
  { key: 'llm.baseURL', kind: 'url', description: 'OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (default: api.openai.com)' },
  { key: 'llm.model', kind: 'string', description: 'model name, e.g. gpt-4o-mini or llama3.1:8b' },
  { key: 'llm.apiKey', kind: 'secret', description: 'API key (never printed); `-` reads it from stdin; OPENAI_API_KEY is used when unset' },
  { key: 'llm.timeoutSeconds', kind: 'number', description: 'per request, until the whole reply has arrived' },
  { key: 'llm.totalTimeoutSeconds', kind: 'number', description: 'for one whole grading (all phases, samples, retries)' },
  { key: 'llm.retries', kind: 'integer', description: 'retries on 429, 5xx and dropped connections' },
  { key: 'llm.concurrency', kind: 'integer', description: 'requests at once (phases are graded concurrently)' },
  { key: 'llm.samples', kind: 'integer', description: 'gradings per phase, with shuffled item order; shows the spread' },
  { key: 'llm.maxTokens', kind: 'integer', description: 'reply budget per request (reasoning models need more)' },
  { key: 'llm.structuredOutput', kind: 'enum', values: ['auto', ...STRUCTURED_MODES], description: 'auto steps down json_schema → json_object → none' },
  { key: 'llm.prices.input', kind: 'number', description: 'USD per million input tokens (enables cost)' },
  { key: 'llm.prices.cachedInput', kind: 'number', description: 'USD per million cached input tokens (default: the input price)' },
  { key: 'llm.prices.output', kind: 'number', description: 'USD per million output tokens (enables cost)' },
];

export const findSettingKey = (key: string): SettingKey | undefined => SETTING_KEYS.find((k) => k.key.toLowerCase() === key.toLowerCase());

/** Turns a command-line string into the key's type; an error message on failure. */
export const coerceSetting = (k: SettingKey, raw: string): { value: unknown } | { error: string } => {
  const v = raw.trim();
  switch (k.kind) {
    case 'number':
    case 'integer': {
      const n = Number(v);
      if (v === '' || !Number.isFinite(n)) return { error: `${k.key} must be a number (got "${raw}")` };
      if (k.kind === 'integer' && !Number.isInteger(n)) return { error: `${k.key} must be a whole number (got "${raw}")` };
      return { value: n };
    }
    case 'boolean': {
      if (/^(true|yes|on|1)$/i.test(v)) return { value: true };
      if (/^(false|no|off|0)$/i.test(v)) return { value: false };
      return { error: `${k.key} must be true or false (got "${raw}")` };
    }
    case 'enum':
      return k.values!.includes(v) ? { value: v } : { error: `${k.key} must be one of ${k.values!.join(', ')} (got "${raw}")` };
    default:
      return v === '' ? { error: `${k.key} must not be empty (use \`sdcoach config unset ${k.key}\`)` } : { value: v };
  }
};

export const getPath = (obj: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((o, part) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[part] : undefined), obj);

/** Returns a copy with `key` set (or removed when value is undefined); empty parents are pruned. */
export const setPath = (obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> => {
  const out = structuredClone(obj);
  const parts = key.split('.');
  const chain: Record<string, unknown>[] = [out];
  let cur = out;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (!next || typeof next !== 'object' || Array.isArray(next)) {
      if (value === undefined) return out;
      cur[p] = {};
    }
    cur = cur[p] as Record<string, unknown>;
    chain.push(cur);
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  for (let i = chain.length - 1; i > 0; i--) {
    if (Object.keys(chain[i]!).length === 0) delete chain[i - 1]![parts[i - 1]!];
  }
  return out;
};

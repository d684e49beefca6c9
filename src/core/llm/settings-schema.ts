// The `llm.*` and `grader` settings. Kept apart from settings.ts so the LLM feature owns its keys; this
// file is plain zod and loads nothing else (settings are read by every command).
import * as z from 'zod';

export const GRADER_MODES = ['rubric', 'llm', 'both'] as const;
export type GraderMode = (typeof GRADER_MODES)[number];

export const STRUCTURED_MODES = ['json_schema', 'json_object', 'none'] as const;
export type StructuredMode = (typeof STRUCTURED_MODES)[number];

const price = z.number().nonnegative().max(10_000);

export const LlmPricesSchema = z.looseObject({
  /** USD per million input tokens. */
  input: price.optional(),
  /** USD per million cached input tokens (defaults to the input price). */
  cachedInput: price.optional(),
  /** USD per million output tokens. */
  output: price.optional(),
});

// Loose, like the settings as a whole: keys from a newer sdcoach survive a save.
export const LlmSettingsSchema = z.looseObject({
  /** An OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (Ollama). Unset = api.openai.com. */
  baseURL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://localhost:11434/v1' }).optional(),
  model: z.string().trim().min(1).optional(),
  /** Never printed, never copied into sessions, exports or the cache; OPENAI_API_KEY is used when unset. */
  apiKey: z.string().trim().min(1).optional(),
  /** Per request, until the whole reply has arrived. */
  timeoutSeconds: z.number().positive().max(3600).default(90),
  /** For one whole grading (all phases, samples, retries and repairs). */
  totalTimeoutSeconds: z.number().positive().max(7200).default(300),
  retries: z.number().int().min(0).max(5).default(2),
  concurrency: z.number().int().min(1).max(8).default(2),
  samples: z.number().int().min(1).max(10).default(1),
  maxTokens: z.number().int().min(256).max(65_536).default(4096),
  /** `auto` starts at json_schema and steps down when the server refuses. */
  structuredOutput: z.enum(['auto', ...STRUCTURED_MODES]).default('auto'),
  prices: LlmPricesSchema.optional(),
});
export type LlmSettings = z.infer<typeof LlmSettingsSchema>;

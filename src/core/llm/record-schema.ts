// The stored form of an LLM grade: what the cache keeps and what a session records under
// phases[p].llm. Everything read back is validated here. No API key is ever part of it.
import * as z from 'zod';
import { LLM_ERROR_KINDS } from './errors.js';
import { VERDICTS } from './grade-schema.js';
import { STRUCTURED_MODES } from './settings-schema.js';

export const LlmUsageSchema = z.object({
  calls: z.number().int().nonnegative(),
  inputTokens: z.number().nonnegative(),
  cachedTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  reasoningTokens: z.number().nonnegative(),
  callsWithoutUsage: z.number().int().nonnegative(),
  latencyMs: z.number().nonnegative(),
  costUsd: z.number().nonnegative().nullable(),
  cacheHit: z.boolean(),
});

export const LlmItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  weight: z.number().nonnegative(),
  verdict: z.enum(VERDICTS),
  modelVerdict: z.enum(VERDICTS),
  evidence: z.array(z.string()),
  dropped: z.array(z.object({ quote: z.string(), reason: z.enum(['not-verbatim', 'too-short', 'restates-question', 'instruction']) })),
  rationale: z.string(),
  unverified: z.boolean(),
  agreement: z.number().min(0).max(1),
  points: z.number().min(0).max(1),
});

export const LlmFlagSchema = z.object({
  kind: z.enum([
    'item-disagreement',
    'score-disagreement',
    'injection',
    'low-trust',
    'unverified',
    'uncertain',
    'answer-truncated',
    'hidden-characters',
    'samples-failed',
  ]),
  message: z.string(),
  itemId: z.string().optional(),
});

export const SamplesSchema = z.object({
  count: z.number().int().positive(),
  scores: z.array(z.number()),
  min: z.number(),
  max: z.number(),
  stdev: z.number().nonnegative(),
});

export const LlmGradeResultSchema = z.object({
  ok: z.literal(true),
  /** After the trust rules (and capped at the rubric score when the answer tried to instruct the grader). */
  score: z.number().min(0).max(100),
  /** Before the cap; equal to `score` unless untrusted. */
  uncappedScore: z.number().min(0).max(100),
  rubricScore: z.number().min(0).max(100),
  items: z.array(LlmItemSchema),
  flags: z.array(LlmFlagSchema),
  summary: z.string(),
  injectionSuspected: z.boolean(),
  untrusted: z.boolean(),
  lowTrust: z.boolean(),
  samples: SamplesSchema.nullable(),
  model: z.string(),
  baseURL: z.string(),
  promptVersion: z.number().int(),
  mode: z.enum(STRUCTURED_MODES).nullable(),
  repaired: z.boolean(),
  usage: LlmUsageSchema,
  cached: z.boolean(),
  gradedAt: z.string(),
});
export type LlmGradeResult = z.infer<typeof LlmGradeResultSchema>;

export const LlmGradeFailureSchema = z.object({
  ok: z.literal(false),
  error: z.string(),
  kind: z.enum(LLM_ERROR_KINDS),
  model: z.string().optional(),
  baseURL: z.string().optional(),
  usage: LlmUsageSchema.optional(),
});
export type LlmGradeFailure = z.infer<typeof LlmGradeFailureSchema>;

export const LlmGradeOutcomeSchema = z.discriminatedUnion('ok', [LlmGradeResultSchema, LlmGradeFailureSchema]);
export type LlmGradeOutcome = z.infer<typeof LlmGradeOutcomeSchema>;

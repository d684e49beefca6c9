// The session document: one JSON file per mock interview under <data>/sessions/<ULID>.json. Everything
// read back from disk (or imported) is validated here; the grade schemas mirror src/core/grade/types.ts
// and a compile-time check below keeps the two in step.
import * as z from 'zod';
import { PhaseSchema } from '../content/schema.js';
import type { FollowUpGrade, ItemGrade, PhaseGrade } from '../grade/types.js';
import { SESSION_SCHEMA_VERSION, SESSION_STATUSES, ULID_PATTERN } from './session-constants.js';

// The constants live in a zod-free module so that fast paths can use them without loading this one.
export { SESSION_SCHEMA_VERSION, SESSION_STATUSES, ULID_PATTERN, type SessionStatus } from './session-constants.js';

const ulidString = z.string().regex(ULID_PATTERN, 'must be a ULID (26 characters of Crockford base32)');
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });
const score = z.number().min(0).max(100);
const durationMs = z.number().nonnegative();

const perPhase = <S extends z.ZodType>(schema: S) =>
  z.object({ requirements: schema, estimation: schema, design: schema, 'deep-dive': schema });

export const ItemGradeSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  weight: z.number().nonnegative(),
  credit: z.number().min(0).max(1),
  evidence: z.string().nullable(),
  why: z.string().nullable(),
  expected: z.string().optional(),
});

export const PhaseGradeSchema = z.object({
  phase: PhaseSchema,
  score,
  items: z.array(ItemGradeSchema),
  notes: z.array(z.string()),
});

export const FollowUpGradeSchema = z.object({
  followUpId: z.string().min(1),
  score,
  items: z.array(ItemGradeSchema),
  notes: z.array(z.string()),
});

// If the grader's types change, this stops compiling: update the schemas above to match.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _gradeTypesMatch: [
  Same<z.infer<typeof ItemGradeSchema>, ItemGrade>,
  Same<z.infer<typeof PhaseGradeSchema>, PhaseGrade>,
  Same<z.infer<typeof FollowUpGradeSchema>, FollowUpGrade>,
] = [true, true, true];

export const TranscriptEntrySchema = z.object({
  role: z.enum(['candidate', 'interviewer']),
  text: z.string(),
  /** Facts of the question the interviewer's answer revealed. */
  factIds: z.array(z.string()).optional(),
  at: isoTime,
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

export const HintSchema = z.object({ itemId: z.string().min(1), at: isoTime });
export type Hint = z.infer<typeof HintSchema>;

export const PhaseRecordSchema = z.object({
  answer: z.string(),
  transcript: z.array(TranscriptEntrySchema),
  timeSpentMs: durationMs,
  startedAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  hints: z.array(HintSchema),
  /** The offline rubric grade. */
  grade: PhaseGradeSchema.nullable(),
  /** The LLM grader's opinion, when one ran; its shape belongs to the LLM module. */
  llm: z.unknown().optional(),
});
export type PhaseRecord = z.infer<typeof PhaseRecordSchema>;

export const FollowUpRecordSchema = z.object({
  id: z.string().min(1),
  question: z.string(),
  answer: z.string(),
  grade: FollowUpGradeSchema.nullable(),
  /** The LLM grader's opinion on this answer, when one ran (as phases[p].llm). */
  llm: z.unknown().optional(),
});
export type FollowUpRecord = z.infer<typeof FollowUpRecordSchema>;

/** Enough to resume exactly where the interview stopped, timer included. */
export const CurrentSchema = z.object({
  phase: PhaseSchema,
  followUpIndex: z.number().int().nonnegative(),
  elapsedMs: perPhase(durationMs),
  draft: z.string(),
});
export type Current = z.infer<typeof CurrentSchema>;

export const SettingsSnapshotSchema = z.object({
  minutesPerPhase: perPhase(z.number().positive()),
  strict: z.boolean(),
});
export type SettingsSnapshot = z.infer<typeof SettingsSnapshotSchema>;

const sessionShape = {
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  id: ulidString,
  questionId: z.string().min(1),
  questionTitle: z.string(),
  rubricVersion: z.string(),
  startedAt: isoTime,
  updatedAt: isoTime,
  endedAt: isoTime.nullable(),
  status: z.enum(SESSION_STATUSES),
  /** Seconds per phase. */
  budgets: perPhase(z.number().positive()),
  phases: perPhase(PhaseRecordSchema),
  followUps: z.array(FollowUpRecordSchema),
  current: CurrentSchema,
  /** 0…100 once graded. */
  overall: score.nullable(),
  phaseWeights: perPhase(z.number().nonnegative()),
  /** Points taken off the overall score per hint used. */
  hintPenalty: z.number().nonnegative(),
  settings: SettingsSnapshotSchema,
};

export const SessionSchema = z.object(sessionShape);
export type Session = z.infer<typeof SessionSchema>;

/**
 * A document from a newer sdcoach: read with today's fields (unknown ones dropped) and shown read-only,
 * never written back.
 */
export const NewerSessionSchema = z.object({ ...sessionShape, schemaVersion: z.number().int().gt(SESSION_SCHEMA_VERSION) });

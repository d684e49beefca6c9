// A fresh session document for the mock interview to fill in.
import { PHASES, type Phase } from '../content/phases.js';
import { DEFAULT_PHASE_WEIGHTS } from '../grade/types.js';
import { SESSION_SCHEMA_VERSION } from './session-constants.js';
import type { PhaseRecord, Session, SettingsSnapshot } from './session-schema.js';

export interface NewSessionInput {
  questionId: string;
  questionTitle: string;
  rubricVersion: string;
  settings: SettingsSnapshot;
  /** The question's follow-ups, in the order the interviewer will ask them. */
  followUps?: { id: string; question: string }[];
  phaseWeights?: Record<Phase, number>;
  /** Points off the overall score per hint; 0 unless the grader says otherwise. */
  hintPenalty?: number;
}

const byPhase = <T>(f: (p: Phase) => T): Record<Phase, T> =>
  Object.fromEntries(PHASES.map((p) => [p, f(p)])) as Record<Phase, T>;

const emptyPhase = (): PhaseRecord => ({
  answer: '',
  transcript: [],
  timeSpentMs: 0,
  startedAt: null,
  endedAt: null,
  hints: [],
  grade: null,
});

export const newSession = (input: NewSessionInput, id: string, now: Date): Session => {
  const at = now.toISOString();
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    id,
    questionId: input.questionId,
    questionTitle: input.questionTitle,
    rubricVersion: input.rubricVersion,
    startedAt: at,
    updatedAt: at,
    endedAt: null,
    status: 'in-progress',
    budgets: byPhase((p) => Math.round(input.settings.minutesPerPhase[p] * 60)),
    phases: byPhase(emptyPhase),
    followUps: (input.followUps ?? []).map((f) => ({ id: f.id, question: f.question, answer: '', grade: null })),
    current: { phase: PHASES[0], followUpIndex: 0, elapsedMs: byPhase(() => 0), draft: '' },
    overall: null,
    phaseWeights: { ...(input.phaseWeights ?? DEFAULT_PHASE_WEIGHTS) },
    hintPenalty: input.hintPenalty ?? 0,
    settings: structuredClone(input.settings),
  };
};

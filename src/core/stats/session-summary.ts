// The numbers a listing needs from a session: scores per phase (the deep dive blended with its follow-ups,
// as the interview scores it), time against budget and hints.
import { PHASES, type Phase } from '../content/schema.js';
import { combineDeepDive } from '../grade/grader.js';
import type { Session, SessionStatus } from '../storage/session-schema.js';
import type { SessionEntry } from '../storage/session-file.js';

export interface PhaseSummary {
  score: number | null;
  timeMs: number;
  budgetMs: number;
  hints: number;
}

export interface SessionSummary {
  id: string;
  questionId: string;
  questionTitle: string;
  status: SessionStatus;
  startedAt: string;
  endedAt: string | null;
  overall: number | null;
  phases: Record<Phase, PhaseSummary>;
  timeMs: number;
  budgetMs: number;
  hints: number;
  schemaVersion: number;
  readOnly: boolean;
}

/** The phase's score as the interview reports it, or null before it is graded. */
export const phaseScore = (s: Session, phase: Phase): number | null => {
  const grade = s.phases[phase].grade;
  if (!grade) return null;
  if (phase !== 'deep-dive') return grade.score;
  return combineDeepDive(grade, s.followUps.flatMap((f) => (f.grade ? [f.grade] : [])));
};

/** Time spent in a phase; for the phase in progress the live clock (`current.elapsedMs`) is ahead. */
export const phaseTimeMs = (s: Session, phase: Phase): number =>
  Math.max(s.phases[phase].timeSpentMs, s.current.elapsedMs[phase]);

export const summarize = (entry: SessionEntry): SessionSummary => {
  const s = entry.session;
  const phases = Object.fromEntries(
    PHASES.map((p) => [p, { score: phaseScore(s, p), timeMs: phaseTimeMs(s, p), budgetMs: s.budgets[p] * 1000, hints: s.phases[p].hints.length }]),
  ) as Record<Phase, PhaseSummary>;
  const sum = (f: (p: PhaseSummary) => number): number => PHASES.reduce((a, p) => a + f(phases[p]), 0);
  return {
    id: s.id,
    questionId: s.questionId,
    questionTitle: s.questionTitle,
    status: s.status,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    overall: s.overall,
    phases,
    timeMs: sum((p) => p.timeMs),
    budgetMs: sum((p) => p.budgetMs),
    hints: sum((p) => p.hints),
    schemaVersion: entry.schemaVersion,
    readOnly: entry.readOnly,
  };
};

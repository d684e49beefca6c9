// What listings need from a session, in two steps: a digest (small, cacheable: raw grade scores, times,
// hints and per-item credit) and a summary derived from it (scores per phase with the deep dive blended
// with its follow-ups, as the interview scores it; totals).
import { PHASES, type Phase } from '../content/phases.js';
import { combineDeepDive } from '../grade/grader.js';
import type { Session, SessionStatus } from '../storage/session-schema.js';
import type { SessionEntry } from '../storage/session-file.js';

/** [item id, label, credit]. */
export type ItemDigest = [string, string, number];

export interface PhaseDigest {
  /** The phase grade's own score, or null before grading. */
  grade: number | null;
  timeMs: number;
  budgetMs: number;
  hints: number;
  items: ItemDigest[];
}

/** What identifies a session in every listing. */
interface SessionHeader {
  id: string;
  questionId: string;
  questionTitle: string;
  status: SessionStatus;
  startedAt: string;
  endedAt: string | null;
  overall: number | null;
  schemaVersion: number;
  readOnly: boolean;
}

export interface SessionDigest extends SessionHeader {
  followUpScores: number[];
  phases: Record<Phase, PhaseDigest>;
}

export interface PhaseSummary {
  score: number | null;
  timeMs: number;
  budgetMs: number;
  hints: number;
}

export interface SessionSummary extends SessionHeader {
  phases: Record<Phase, PhaseSummary>;
  timeMs: number;
  budgetMs: number;
  hints: number;
}

const blend = (phase: Phase, grade: number | null, followUpScores: readonly number[]): number | null =>
  grade === null ? null : phase === 'deep-dive' ? combineDeepDive({ score: grade }, followUpScores.map((score) => ({ score }))) : grade;

/** The phase's score as the interview reports it, or null before it is graded. */
export const phaseScore = (s: Session, phase: Phase): number | null =>
  blend(phase, s.phases[phase].grade?.score ?? null, s.followUps.flatMap((f) => (f.grade ? [f.grade.score] : [])));

/** Time spent in a phase; for the phase in progress the live clock (`current.elapsedMs`) is ahead. */
export const phaseTimeMs = (s: Session, phase: Phase): number => Math.max(s.phases[phase].timeSpentMs, s.current.elapsedMs[phase]);

export const digest = (entry: SessionEntry): SessionDigest => {
  const s = entry.session;
  return {
    id: s.id,
    questionId: s.questionId,
    questionTitle: s.questionTitle,
    status: s.status,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    overall: s.overall,
    followUpScores: s.followUps.flatMap((f) => (f.grade ? [f.grade.score] : [])),
    phases: Object.fromEntries(
      PHASES.map((p): [Phase, PhaseDigest] => [
        p,
        {
          grade: s.phases[p].grade?.score ?? null,
          timeMs: phaseTimeMs(s, p),
          budgetMs: s.budgets[p] * 1000,
          hints: s.phases[p].hints.length,
          items: (s.phases[p].grade?.items ?? []).map((i): ItemDigest => [i.id, i.label, i.credit]),
        },
      ]),
    ) as Record<Phase, PhaseDigest>,
    schemaVersion: entry.schemaVersion,
    readOnly: entry.readOnly,
  };
};

export const summarizeDigest = (d: SessionDigest): SessionSummary => {
  const phases = Object.fromEntries(
    PHASES.map((p): [Phase, PhaseSummary] => [
      p,
      { score: blend(p, d.phases[p].grade, d.followUpScores), timeMs: d.phases[p].timeMs, budgetMs: d.phases[p].budgetMs, hints: d.phases[p].hints },
    ]),
  ) as Record<Phase, PhaseSummary>;
  const sum = (f: (p: PhaseSummary) => number): number => PHASES.reduce((a, p) => a + f(phases[p]), 0);
  return {
    id: d.id,
    questionId: d.questionId,
    questionTitle: d.questionTitle,
    status: d.status,
    startedAt: d.startedAt,
    endedAt: d.endedAt,
    overall: d.overall,
    phases,
    timeMs: sum((p) => p.timeMs),
    budgetMs: sum((p) => p.budgetMs),
    hints: sum((p) => p.hints),
    schemaVersion: d.schemaVersion,
    readOnly: d.readOnly,
  };
};

export const summarize = (entry: SessionEntry): SessionSummary => summarizeDigest(digest(entry));

// The digest of a session (small and cacheable: per-phase scores, times, hints and per-item credit) and
// the summary that listings print, derived from it. This module loads nothing heavy, so that `history`
// and `stats` can work from cached digests alone; session-summary.ts builds digests from whole sessions.
import { PHASES, type Phase } from '../content/phases.js';
import type { SessionStatus } from '../storage/session-constants.js';

/** [item id, label, credit]; read-only because digests read from the cache share them. */
export type ItemDigest = readonly [id: string, label: string, credit: number];

export interface PhaseDigest {
  /** The phase's score as the interview reports it (the deep dive blended with its follow-ups), or null before grading. */
  score: number | null;
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

export const summarizeDigest = (d: SessionDigest): SessionSummary => {
  // One plain loop: this runs for every session of every listing.
  const phases = {} as Record<Phase, PhaseSummary>;
  let timeMs = 0;
  let budgetMs = 0;
  let hints = 0;
  for (const p of PHASES) {
    const phase = d.phases[p];
    phases[p] = { score: phase.score, timeMs: phase.timeMs, budgetMs: phase.budgetMs, hints: phase.hints };
    timeMs += phase.timeMs;
    budgetMs += phase.budgetMs;
    hints += phase.hints;
  }
  return {
    id: d.id,
    questionId: d.questionId,
    questionTitle: d.questionTitle,
    status: d.status,
    startedAt: d.startedAt,
    endedAt: d.endedAt,
    overall: d.overall,
    phases,
    timeMs,
    budgetMs,
    hints,
    schemaVersion: d.schemaVersion,
    readOnly: d.readOnly,
  };
};

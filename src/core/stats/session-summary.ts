// What listings need from a whole session: its digest (see digest-summary.ts), with the deep dive blended
// with its follow-ups as the interview scores it, and the summary derived from that.
import { PHASES, type Phase } from '../content/phases.js';
import { combineDeepDive } from '../grade/grader.js';
import type { Session } from '../storage/session-schema.js';
import type { SessionEntry } from '../storage/session-file.js';
import { summarizeDigest, type ItemDigest, type PhaseDigest, type SessionDigest, type SessionSummary } from './digest-summary.js';

export {
  summarizeDigest,
  type ItemDigest,
  type PhaseDigest,
  type PhaseSummary,
  type SessionDigest,
  type SessionSummary,
} from './digest-summary.js';

const followUpScores = (s: Session): number[] => s.followUps.flatMap((f) => (f.grade ? [f.grade.score] : []));

const blend = (phase: Phase, grade: number | null, followUps: readonly number[]): number | null =>
  grade === null ? null : phase === 'deep-dive' ? combineDeepDive({ score: grade }, followUps.map((score) => ({ score }))) : grade;

/** The phase's score as the interview reports it, or null before it is graded. */
export const phaseScore = (s: Session, phase: Phase): number | null => blend(phase, s.phases[phase].grade?.score ?? null, followUpScores(s));

/** Time spent in a phase; for the phase in progress the live clock (`current.elapsedMs`) is ahead. */
export const phaseTimeMs = (s: Session, phase: Phase): number => Math.max(s.phases[phase].timeSpentMs, s.current.elapsedMs[phase]);

export const digest = (entry: SessionEntry): SessionDigest => {
  const s = entry.session;
  const followUps = followUpScores(s);
  return {
    id: s.id,
    questionId: s.questionId,
    questionTitle: s.questionTitle,
    status: s.status,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    overall: s.overall,
    phases: Object.fromEntries(
      PHASES.map((p): [Phase, PhaseDigest] => [
        p,
        {
          score: blend(p, s.phases[p].grade?.score ?? null, followUps),
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

export const summarize = (entry: SessionEntry): SessionSummary => summarizeDigest(digest(entry));

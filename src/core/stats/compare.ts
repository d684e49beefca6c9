// Attempt comparison: how a session differs from another attempt at the same question — score per phase
// and the rubric items newly covered or newly missed (covered = any credit, as the grade view shows it).
import { PHASES, type Phase } from '../content/phases.js';
import type { ItemGrade } from '../grade/types.js';
import type { SessionEntry } from '../storage/session-file.js';
import type { Session } from '../storage/session-schema.js';
import { phaseScore } from './session-summary.js';

export interface ScoreChange {
  before: number | null;
  now: number | null;
  change: number | null;
}

export interface ItemChange {
  phase: Phase;
  id: string;
  label: string;
}

export interface AttemptComparison {
  previous: { id: string; startedAt: string; status: Session['status'] };
  overall: ScoreChange;
  phases: Record<Phase, ScoreChange>;
  newlyCovered: ItemChange[];
  newlyMissed: ItemChange[];
}

const hasGrades = (s: Session): boolean => PHASES.some((p) => s.phases[p].grade !== null);

/** The newest earlier attempt at the same question that has at least one grade (`entries` newest first). */
export const previousAttempt = (entries: Iterable<SessionEntry>, current: Session): SessionEntry | null => {
  for (const e of entries) {
    if (e.id < current.id && e.session.questionId === current.questionId && hasGrades(e.session)) return e;
  }
  return null;
};

const change = (before: number | null, now: number | null): ScoreChange => ({
  before,
  now,
  change: before === null || now === null ? null : Math.round(now - before),
});

const covered = (items: readonly ItemGrade[] | undefined): Map<string, ItemGrade> =>
  new Map((items ?? []).map((i) => [i.id, i]));

export const compareAttempts = (current: Session, previous: Session): AttemptComparison => {
  const newlyCovered: ItemChange[] = [];
  const newlyMissed: ItemChange[] = [];
  const phases = {} as Record<Phase, ScoreChange>;
  for (const phase of PHASES) {
    phases[phase] = change(phaseScore(previous, phase), phaseScore(current, phase));
    const before = previous.phases[phase].grade;
    const now = current.phases[phase].grade;
    // Only items graded both times can have changed; a changed rubric adds or drops items silently.
    if (!before || !now) continue;
    const was = covered(before.items);
    for (const item of now.items) {
      const old = was.get(item.id);
      if (!old) continue;
      if (item.credit > 0 && old.credit === 0) newlyCovered.push({ phase, id: item.id, label: item.label });
      if (item.credit === 0 && old.credit > 0) newlyMissed.push({ phase, id: item.id, label: item.label });
    }
  }
  return {
    previous: { id: previous.id, startedAt: previous.startedAt, status: previous.status },
    overall: change(previous.overall, current.overall),
    phases,
    newlyCovered,
    newlyMissed,
  };
};

// Progress over all sessions: averages and trends, time management against budget, the rubric items and
// question tags most often missed, the best score per question, and what to practise next.
import { PHASES, type Phase } from '../content/phases.js';
import type { QuestionMeta } from './bank-index.js';
import { recommendNext, type Recommendation } from './recommend.js';
import { summarizeDigest, type SessionDigest, type SessionSummary } from './digest-summary.js';

export interface PhaseTime {
  /** Total time spent in the phase over sessions with any time recorded. */
  spentMs: number;
  budgetMs: number;
  /** Share of all time spent, and of all budget, 0…1. */
  share: number;
  budgetShare: number;
  /** Sessions in which the phase ran over its budget. */
  overBudget: number;
}

export interface MissedItem {
  phase: Phase;
  id: string;
  label: string;
  graded: number;
  /** Graded with no credit at all. */
  missed: number;
  partial: number;
}

export interface TagStat {
  tag: string;
  sessions: number;
  averageOverall: number;
  /** Share of rubric items graded on questions with this tag that earned no credit, 0…1. */
  missRate: number;
}

export interface QuestionBest {
  questionId: string;
  title: string;
  best: number | null;
  attempts: number;
  lastAt: string;
}

export interface Stats {
  sessions: { total: number; completed: number; inProgress: number; abandoned: number; graded: number };
  averages: { overall: number | null; phases: Record<Phase, number | null> };
  /** Oldest first, graded sessions only. */
  trend: { overall: number[]; phases: Record<Phase, number[]> };
  time: Record<Phase, PhaseTime>;
  missedItems: MissedItem[];
  weakTags: TagStat[];
  bestByQuestion: QuestionBest[];
  recommendation: Recommendation | null;
}

const mean = (xs: readonly number[]): number | null => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

const byPhase = <T>(f: (p: Phase) => T): Record<Phase, T> => Object.fromEntries(PHASES.map((p) => [p, f(p)])) as Record<Phase, T>;

export interface StatsOptions {
  now?: Date;
  /** How many items and tags to list. */
  top?: number;
}

export const computeStats = (sessions: readonly SessionDigest[], bank: ReadonlyMap<string, QuestionMeta>, options: StatsOptions = {}): Stats => {
  const top = options.top ?? 10;
  const chronological = [...sessions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const summaries = chronological.map(summarizeDigest);
  const graded = summaries.filter((s): s is SessionSummary & { overall: number } => s.overall !== null);

  const count = (status: SessionSummary['status']): number => summaries.filter((s) => s.status === status).length;
  const phaseScores = byPhase((p) => summaries.flatMap((s) => (s.phases[p].score === null ? [] : [s.phases[p].score!])));

  // Time: sessions that recorded any time, so a session abandoned at once does not skew the shares.
  const timed = summaries.filter((s) => s.timeMs > 0);
  const spentAll = timed.reduce((a, s) => a + s.timeMs, 0);
  const budgetAll = timed.reduce((a, s) => a + s.budgetMs, 0);
  const time = byPhase((p): PhaseTime => {
    const spentMs = timed.reduce((a, s) => a + s.phases[p].timeMs, 0);
    const budgetMs = timed.reduce((a, s) => a + s.phases[p].budgetMs, 0);
    return {
      spentMs,
      budgetMs,
      share: spentAll ? spentMs / spentAll : 0,
      budgetShare: budgetAll ? budgetMs / budgetAll : 0,
      overBudget: timed.filter((s) => s.phases[p].timeMs > s.phases[p].budgetMs).length,
    };
  });

  // Rubric items, per phase and id (plain loops: this runs over every item of every session).
  const items = Object.fromEntries(PHASES.map((p) => [p, new Map<string, MissedItem>()])) as Record<Phase, Map<string, MissedItem>>;
  const tagItems = new Map<string, { graded: number; missed: number; scores: number[] }>();
  for (const d of chronological) {
    const tags = bank.get(d.questionId)?.tags ?? [];
    let sessionGraded = 0;
    let sessionMissed = 0;
    for (const phase of PHASES) {
      const list = d.phases[phase].items;
      const byId = items[phase];
      for (let i = 0; i < list.length; i++) {
        const item = list[i]!;
        const id = item[0];
        const credit = item[2];
        let agg = byId.get(id);
        if (!agg) byId.set(id, (agg = { phase, id, label: item[1], graded: 0, missed: 0, partial: 0 }));
        agg.label = item[1];
        agg.graded += 1;
        if (credit === 0) {
          agg.missed += 1;
          sessionMissed += 1;
        } else if (credit < 1) agg.partial += 1;
      }
      sessionGraded += list.length;
    }
    if (sessionGraded === 0) continue;
    for (const tag of tags) {
      const agg = tagItems.get(tag) ?? { graded: 0, missed: 0, scores: [] };
      agg.graded += sessionGraded;
      agg.missed += sessionMissed;
      if (d.overall !== null) agg.scores.push(d.overall);
      tagItems.set(tag, agg);
    }
  }
  const missedItems = PHASES.flatMap((p) => [...items[p].values()])
    .filter((i) => i.missed + i.partial > 0)
    .sort((a, b) => b.missed + b.partial / 2 - (a.missed + a.partial / 2) || b.missed / b.graded - a.missed / a.graded || a.id.localeCompare(b.id))
    .slice(0, top);
  const tagStats = [...tagItems.entries()]
    .filter(([, v]) => v.scores.length > 0)
    .map(([tag, v]): TagStat => ({ tag, sessions: v.scores.length, averageOverall: mean(v.scores)!, missRate: v.graded ? v.missed / v.graded : 0 }));
  const weakTags = [...tagStats].sort((a, b) => b.missRate - a.missRate || a.averageOverall - b.averageOverall || a.tag.localeCompare(b.tag)).slice(0, top);

  const perQuestion = new Map<string, QuestionBest>();
  for (const s of summaries) {
    const q = perQuestion.get(s.questionId) ?? { questionId: s.questionId, title: s.questionTitle, best: null, attempts: 0, lastAt: s.startedAt };
    q.attempts += 1;
    q.title = s.questionTitle;
    q.lastAt = s.startedAt > q.lastAt ? s.startedAt : q.lastAt;
    if (s.overall !== null) q.best = q.best === null ? s.overall : Math.max(q.best, s.overall);
    perQuestion.set(s.questionId, q);
  }
  const bestByQuestion = [...perQuestion.values()].sort((a, b) => (b.best ?? -1) - (a.best ?? -1) || a.questionId.localeCompare(b.questionId));

  return {
    sessions: { total: summaries.length, completed: count('completed'), inProgress: count('in-progress'), abandoned: count('abandoned'), graded: graded.length },
    averages: { overall: mean(graded.map((s) => s.overall)), phases: byPhase((p) => mean(phaseScores[p])) },
    trend: { overall: graded.map((s) => s.overall), phases: phaseScores },
    time,
    missedItems,
    weakTags,
    bestByQuestion,
    recommendation: recommendNext(bank, tagStats, perQuestion, graded.length, options.now ?? new Date()),
  };
};

// What to practise next: the question whose tags are weakest for you, preferring questions not practised
// recently (never-tried ones most) and skipping ones already mastered, with the reason in words.
import type { QuestionMeta } from './bank-index.js';
import type { QuestionBest, TagStat } from './stats.js';

export interface Recommendation {
  questionId: string;
  title: string;
  difficulty: QuestionMeta['difficulty'];
  tags: string[];
  /** The question's tags you score worst on, weakest first. */
  weakTags: string[];
  reason: string;
}

const DAY_MS = 86_400_000;
const MASTERED = 85;

/** 0…100: a low average and a high miss rate both make a tag weak. */
const weakness = (t: TagStat): number => (100 - t.averageOverall + t.missRate * 100) / 2;

const recencyBonus = (days: number | null): number => {
  if (days === null) return 15;
  if (days < 1) return -60;
  if (days < 3) return -40;
  if (days < 7) return -20;
  if (days < 14) return -5;
  return Math.min(days, 30) / 3;
};

const list = (xs: string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

export const recommendNext = (
  bank: ReadonlyMap<string, QuestionMeta>,
  tagStats: readonly TagStat[],
  perQuestion: ReadonlyMap<string, QuestionBest>,
  gradedSessions: number,
  now: Date,
): Recommendation | null => {
  const tags = new Map(tagStats.map((t) => [t.tag, t]));
  const noHistory = gradedSessions === 0;
  const scored = [...bank.values()].map((q) => {
    const known = q.tags.flatMap((t) => (tags.has(t) ? [tags.get(t)!] : [])).sort((a, b) => weakness(b) - weakness(a));
    const weak = known.length ? known.reduce((a, t) => a + weakness(t), 0) / known.length : 50;
    const past = perQuestion.get(q.id);
    const days = past ? Math.max(0, (now.getTime() - Date.parse(past.lastAt)) / DAY_MS) : null;
    const mastered = past?.best !== null && past?.best !== undefined && past.best >= MASTERED;
    const easyFirst = noHistory ? { easy: 10, medium: 5, hard: 0 }[q.difficulty] : 0;
    return { q, known, days, past, priority: weak + recencyBonus(days) + easyFirst - (mastered ? 20 : 0) };
  });
  scored.sort((a, b) => b.priority - a.priority || a.q.id.localeCompare(b.q.id));
  const pick = scored[0];
  if (!pick) return null;

  const { q, known, days, past } = pick;
  const weakest = known.filter((t) => weakness(t) >= 30).slice(0, 2);
  const why: string[] = [];
  if (noHistory) why.push(`you have no graded sessions yet, and a${q.difficulty === 'easy' ? 'n easy' : ` ${q.difficulty}`} question is a good start`);
  else if (weakest.length) why.push(`it practises ${list(weakest.map((t) => `${t.tag} (your average ${t.averageOverall})`))}, among your weakest tags`);
  else {
    const fresh = q.tags.filter((t) => !tags.has(t)).slice(0, 3);
    why.push(fresh.length ? `it covers tags you have not practised: ${list(fresh)}` : 'it rounds out the tags you practise');
  }
  if (days === null) why.push('you have not tried it yet');
  else why.push(`you last practised it ${days < 1 ? 'today' : `${Math.floor(days)} day${Math.floor(days) === 1 ? '' : 's'} ago`}${past?.best !== null && past?.best !== undefined ? ` (best ${past.best})` : ''}`);
  const reason = `${why.join('; ')}.`;
  return {
    questionId: q.id,
    title: q.title,
    difficulty: q.difficulty,
    tags: q.tags,
    weakTags: weakest.map((t) => t.tag),
    reason: reason.charAt(0).toUpperCase() + reason.slice(1),
  };
};

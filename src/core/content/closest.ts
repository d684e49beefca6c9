import { distance } from 'fastest-levenshtein';

export interface Named {
  id: string;
  title?: string;
  aliases?: string[];
}

/** Up to `limit` ids nearest to `query`: substring hits in id, title or aliases first, then edit distance. */
export const closestIds = (query: string, candidates: Named[], limit = 3): string[] => {
  const q = query.toLowerCase();
  const scored = candidates.map((c) => {
    const names = [c.id, c.title ?? '', ...(c.aliases ?? [])].map((n) => n.toLowerCase()).filter(Boolean);
    const contains = names.some((n) => n.includes(q) || (q.length >= 3 && q.includes(n)));
    const d = Math.min(...names.map((n) => distance(q, n)));
    return { id: c.id, score: (contains ? 0 : 100) + d };
  });
  scored.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  const best = scored[0]?.score ?? Infinity;
  // Keep suggestions that are plausibly what was meant, not the whole list.
  return scored.filter((s) => s.score <= Math.max(best, 0) + 3 && s.score < 100 + Math.max(4, q.length / 2)).slice(0, limit).map((s) => s.id);
};

// The thesaurus compiled for matching. Synonym groups collapse to one canonical token ("≡load balancer");
// broader terms add their concept's token (an answer's "redis" also carries "≡cache"). Rubric phrases are
// rewritten to canonical tokens; answers get a lattice with every reading, so either side may use any variant.
import type { Thesaurus } from '../content/schema.js';
import { phraseStems } from './tokens.js';

export interface Term {
  stems: string[];
  canon: string;
}

export interface Vocabulary {
  /** Terms indexed by their first stem, longest first. */
  byFirst: Map<string, Term[]>;
  /** canonical token → broader canonical tokens (transitively closed). */
  broader: Map<string, string[]>;
}

const canonOf = (stems: string[]): string => `≡${stems.join(' ')}`;

export const compileVocabulary = (thesaurus: Thesaurus): Vocabulary => {
  const byFirst = new Map<string, Term[]>();
  const canonByKey = new Map<string, string>();
  const add = (stems: string[], canon: string): void => {
    if (stems.length === 0) return;
    const key = stems.join(' ');
    if (canonByKey.has(key)) return; // first group wins: keeps canonical tokens stable
    canonByKey.set(key, canon);
    const list = byFirst.get(stems[0]!) ?? [];
    list.push({ stems, canon });
    byFirst.set(stems[0]!, list);
  };

  for (const group of thesaurus.synonyms) {
    const forms = group.map(phraseStems).filter((s) => s.length > 0);
    if (forms.length === 0) continue;
    const existing = forms.map((f) => canonByKey.get(f.join(' '))).find((c) => c !== undefined);
    const canon = existing ?? canonOf(forms[0]!);
    for (const f of forms) add(f, canon);
  }
  // Broader concepts and their members get canonical tokens too, so "cache" and "Redis" are single tokens.
  const broader = new Map<string, Set<string>>();
  for (const [concept, members] of Object.entries(thesaurus.broader)) {
    const cStems = phraseStems(concept);
    if (cStems.length === 0) continue;
    add(cStems, canonOf(cStems));
    const cCanon = canonByKey.get(cStems.join(' '))!;
    for (const member of members) {
      const mStems = phraseStems(member);
      if (mStems.length === 0) continue;
      add(mStems, canonOf(mStems));
      const mCanon = canonByKey.get(mStems.join(' '))!;
      if (mCanon === cCanon) continue;
      const set = broader.get(mCanon) ?? new Set<string>();
      set.add(cCanon);
      broader.set(mCanon, set);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);

  // Transitive closure: "consistent hashing" → "sharding"; "cassandra" → "nosql" → "database".
  const closed = new Map<string, string[]>();
  const visit = (c: string, seen: Set<string>): void => {
    for (const b of broader.get(c) ?? []) {
      if (seen.has(b)) continue;
      seen.add(b);
      visit(b, seen);
    }
  };
  for (const c of broader.keys()) {
    const seen = new Set<string>();
    visit(c, seen);
    seen.delete(c);
    closed.set(c, [...seen]);
  }
  return { byFirst, broader: closed };
};

/** Does `term` spell the stems from position `i` on? */
export const termMatchesAt = (term: Term, stems: readonly string[], i: number): boolean => {
  const t = term.stems;
  for (let k = 0; k < t.length; k++) if (stems[i + k] !== t[k]) return false;
  return true;
};

/** Term matches starting at `i` in a stem sequence, longest first. */
export const termsAt = (vocab: Vocabulary, stems: readonly string[], i: number): Term[] => {
  const candidates = vocab.byFirst.get(stems[i]!);
  if (!candidates) return [];
  return candidates.filter((t) => termMatchesAt(t, stems, i));
};

/** A rubric phrase in canonical form: greedy longest thesaurus term at each step. */
export const canonicalPhrase = (vocab: Vocabulary, phrase: string): string[] => {
  const stems = phraseStems(phrase);
  const out: string[] = [];
  for (let i = 0; i < stems.length; ) {
    const best = termsAt(vocab, stems, i)[0];
    if (best) {
      out.push(best.canon);
      i += best.stems.length;
    } else {
      out.push(stems[i]!);
      i += 1;
    }
  }
  return out;
};

// Compiled rubric items and the unit-level matcher: concept groups that must co-occur in one unit,
// phrase search over the token lattice, and negation in the clause.
import type { MatchAlternative, RubricItem } from '../content/schema.js';
import { SPECIALS, type AnalyzedUnit, type Lattice, type Special } from './analyze.js';
import { FUNCTION_STEMS, phraseStems, stemWord } from './tokens.js';
import { canonicalPhrase, type Vocabulary } from './vocabulary.js';

export interface CompiledGroup {
  phrases: string[][];
  specials: Special[];
}
export interface CompiledItem {
  item: RubricItem;
  alts: CompiledGroup[][];
  labelStems: Set<string>;
}

export const compileGroup = (vocab: Vocabulary, group: string): CompiledGroup => {
  const phrases: string[][] = [];
  const specials: Special[] = [];
  for (const alt of group.split('|')) {
    const a = alt.trim();
    if (a.startsWith('#') && SPECIALS.has(a.slice(1).toLowerCase())) specials.push(a.slice(1).toLowerCase() as Special);
    else {
      const seq = canonicalPhrase(vocab, a);
      if (seq.length > 0) phrases.push(seq);
    }
  }
  return { phrases, specials };
};

export const compileAlternatives = (vocab: Vocabulary, match: MatchAlternative[]): CompiledGroup[][] =>
  match.map((alt) => alt.all.map((g) => compileGroup(vocab, g)));

const itemCache = new WeakMap<Vocabulary, WeakMap<RubricItem, CompiledItem>>();

export const compileItem = (vocab: Vocabulary, item: RubricItem): CompiledItem => {
  let byItem = itemCache.get(vocab);
  if (!byItem) {
    byItem = new WeakMap();
    itemCache.set(vocab, byItem);
  }
  let compiled = byItem.get(item);
  if (!compiled) {
    compiled = {
      item,
      alts: compileAlternatives(vocab, item.match),
      labelStems: new Set(phraseStems(item.label).filter((s) => !FUNCTION_STEMS.has(s) && !/^\d/.test(s))),
    };
    byItem.set(item, compiled);
  }
  return compiled;
};

// Verbs like avoid/skip/drop are left out: "avoid spider traps" and "skip pages we've seen" are designs, not negations.
const NEG_BEFORE = new Set(['no', 'not', 'never', 'without', 'instead', 'rather', 'neither', 'nor', 'none'].map(stemWord));
// After the term only words that plainly reject it: "a heap can't lower a key" negates the verb, not the heap.
const NEG_AFTER = new Set(['unnecessary', 'overkill', 'needless', 'unneeded'].map(stemWord));
const NOT_NEGATING_NEXT = new Set(['only', 'just', 'matter', 'longer', 'doubt'].map(stemWord));
const WINDOW_BEFORE = 4;
const WINDOW_AFTER = 3;

const negated = (lat: Lattice, start: number, end: number): boolean => {
  const clause = lat.clause[start];
  for (let i = start - 1; i >= Math.max(0, start - WINDOW_BEFORE); i--) {
    if (lat.clause[i] !== clause) break;
    if (NEG_BEFORE.has(lat.stems[i]!) && !NOT_NEGATING_NEXT.has(lat.stems[i + 1] ?? '')) return true;
  }
  const lastClause = lat.clause[end - 1];
  for (let i = end; i < Math.min(lat.stems.length, end + WINDOW_AFTER); i++) {
    if (lat.clause[i] !== lastClause) break;
    if (NEG_AFTER.has(lat.stems[i]!) && !NOT_NEGATING_NEXT.has(lat.stems[i + 1] ?? '')) return true;
  }
  return false;
};

/** Ends of paths spelling `seq` from position `i`. */
const pathEnds = (lat: Lattice, seq: string[], i: number, k = 0): number[] => {
  if (k === seq.length) return [i];
  const out: number[] = [];
  for (const e of lat.edges[i] ?? []) if (e.tok === seq[k]) out.push(...pathEnds(lat, seq, e.next, k + 1));
  return out;
};

/** Is the phrase present, not negated, anywhere in the lattice? */
export const findPhrase = (lat: Lattice, seq: string[]): boolean => {
  for (const start of lat.index.get(seq[0]!) ?? []) {
    for (const end of pathEnds(lat, seq, start)) if (!negated(lat, start, end)) return true;
  }
  return false;
};

export type GroupHit = 'own' | 'context' | null;

export const matchGroup = (unit: AnalyzedUnit, group: CompiledGroup): GroupHit => {
  if (group.specials.some((s) => unit.specials.has(s))) return 'own';
  for (const p of group.phrases) if (findPhrase(unit.own, p)) return 'own';
  if (unit.ctx) for (const p of group.phrases) if (findPhrase(unit.ctx, p)) return 'context';
  return null;
};

/** An alternative matches when every group is found, at least one in the unit's own words. */
export const matchAlternatives = (unit: AnalyzedUnit, alts: CompiledGroup[][], allowContextOnly = false): boolean =>
  alts.some((groups) => {
    let own = false;
    for (const g of groups) {
      const hit = matchGroup(unit, g);
      if (!hit) return false;
      if (hit === 'own') own = true;
    }
    return own || allowContextOnly;
  });

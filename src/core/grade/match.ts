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

/**
 * Does a path spelling `seq[k..]` run from position `i` to an end where the phrase (begun at `start`)
 * is not negated? A depth-first walk that returns at the first such end, without collecting the ends.
 */
const unnegatedPathFrom = (lat: Lattice, seq: string[], start: number, i: number, k: number): boolean => {
  if (k === seq.length) return !negated(lat, start, i);
  const edges = lat.edges[i];
  if (edges === undefined) return false;
  const tok = seq[k];
  for (const e of edges) if (e.tok === tok && unnegatedPathFrom(lat, seq, start, e.next, k + 1)) return true;
  return false;
};

/** Is the phrase present, not negated, anywhere in the lattice? */
export const findPhrase = (lat: Lattice, seq: string[]): boolean => {
  // Most phrases are absent from most units: one index lookup settles those.
  const starts = lat.index.get(seq[0]!);
  if (starts === undefined) return false;
  for (const start of starts) if (unnegatedPathFrom(lat, seq, start, start, 0)) return true;
  return false;
};

export type GroupHit = 'own' | 'context' | null;

export const matchGroup = (unit: AnalyzedUnit, group: CompiledGroup): GroupHit => {
  for (const s of group.specials) if (unit.specials.has(s)) return 'own';
  for (const p of group.phrases) if (findPhrase(unit.own, p)) return 'own';
  if (unit.ctx) for (const p of group.phrases) if (findPhrase(unit.ctx, p)) return 'context';
  return null;
};

/**
 * The part of `alts` that can match anywhere in an answer whose lattices hold `tokens` and whose units show
 * `specials`. A phrase is only found along edges of a lattice, and every edge's token is in its lattice's
 * index, so a phrase with a token the answer lacks never matches and is dropped; an alternative left with
 * a group that can match nothing is dropped whole. Matching a unit of that answer against the result gives
 * the same answer as matching it against `alts`, with fewer lookups per unit.
 */
export const possibleAlternatives = (alts: CompiledGroup[][], tokens: ReadonlySet<string>, specials: ReadonlySet<Special>): CompiledGroup[][] => {
  const out: CompiledGroup[][] = [];
  for (const groups of alts) {
    const kept: CompiledGroup[] = [];
    for (const g of groups) {
      const phrases = g.phrases.filter((p) => p.every((t) => tokens.has(t)));
      const groupSpecials = g.specials.filter((s) => specials.has(s));
      if (phrases.length === 0 && groupSpecials.length === 0) break;
      const whole = phrases.length === g.phrases.length && groupSpecials.length === g.specials.length;
      kept.push(whole ? g : { phrases, specials: groupSpecials });
    }
    if (kept.length === groups.length) out.push(kept);
  }
  return out;
};

/** An alternative matches when every group is found, at least one in the unit's own words. */
export const matchAlternatives = (unit: AnalyzedUnit, alts: CompiledGroup[][], allowContextOnly = false): boolean => {
  for (const groups of alts) if (matchAlternative(unit, groups, allowContextOnly)) return true;
  return false;
};

const matchAlternative = (unit: AnalyzedUnit, groups: CompiledGroup[], allowContextOnly: boolean): boolean => {
  let own = false;
  for (const g of groups) {
    const hit = matchGroup(unit, g);
    if (!hit) return false;
    if (hit === 'own') own = true;
  }
  return own || allowContextOnly;
};

// Reads an answer once, independent of any rubric: units, a token lattice per unit (every thesaurus
// reading of every span), clause boundaries for negation, numbers with units, and how sentence-like
// each unit is. One analysis can then be graded against many rubrics.
import { parseQuantitiesNormalized, type Mention } from './numbers.js';
import { FUNCTION_STEMS, NUMBER_WORDS, normalize, stemWord, tokenizeNormalized, type Token } from './tokens.js';
import { splitUnits, type Unit } from './units.js';
import { termMatchesAt, type Vocabulary } from './vocabulary.js';

export type Special = 'num' | 'rate' | 'bytes' | 'ratio' | 'op' | 'endpoint';
export const SPECIALS: ReadonlySet<string> = new Set<Special>(['num', 'rate', 'bytes', 'ratio', 'op', 'endpoint']);

interface Edge {
  tok: string;
  next: number;
}

export interface Lattice {
  stems: string[];
  edges: Edge[][];
  /** token → start positions */
  index: Map<string, number[]>;
  clause: number[];
}

export interface AnalyzedUnit extends Unit {
  own: Lattice;
  ctx: Lattice | null;
  specials: Set<Special>;
  words: number;
  /** 1 for a sentence, 0.5 for a fragment of one or two words, 0.25 for a keyword list. */
  quality: number;
  salad: boolean;
  reasoning: boolean;
  mentions: Mention[];
  contentStems: Set<string>;
  /** The content stems that are not numbers: what echo detection compares with the prompt and labels. */
  echoStems: string[];
  /** Under an "Out of scope" heading or lead-in. */
  outOfScope: boolean;
}

export interface Analysis {
  units: AnalyzedUnit[];
  empty: boolean;
  /** Every token of every unit's lattice and context lattice: what any phrase could match in this answer. */
  tokens: Set<string>;
  /** Every special any unit shows. */
  specials: Set<Special>;
}

const CLAUSE_SYMS = new Set([',', ';', ':', '(', ')', '.', '!', '?', '→', '->', '-->', '=>', '|']);
const CLAUSE_WORDS = new Set(['but', 'however', 'while', 'whereas', 'so', 'because', 'although', 'though', 'and', 'then', 'which', 'since', 'yet', 'unless', 'otherwise'].map(stemWord));
const REASONING = new Set(
  [
    'because', 'since', 'so', 'therefore', 'thus', 'hence', 'tradeoff', 'trade', 'but', 'however', 'whereas', 'while',
    'although', 'though', 'vs', 'versus', 'instead', 'rather', 'cost', 'costs', 'downside', 'drawback', 'benefit', 'advantage',
    'disadvantage', 'pro', 'pros', 'con', 'cons', 'means', 'otherwise', 'unless', 'avoid', 'avoids', 'prevent', 'prevents',
    'why', 'reason', 'lets', 'allows', 'enables', 'expense', 'risk', 'penalty', 'price', 'sacrifice', 'gain', 'if', 'when',
    'simpler', 'cheaper', 'faster', 'slower', 'safer',
  ].map(stemWord),
);
const OP_WORDS = new Set(['times', 'multiply', 'multiplied', 'divide', 'divided', 'x', 'over', 'equals'].map(stemWord));
const OP_SYMS = new Set(['×', '*', '/', '=', '≈', '^', '+']);
const OUT_OF_SCOPE_RE = /\b(out of scope|not in scope|non-goals?|won'?t (cover|build|design)|will not (cover|build|design)|excluded|not covering)\b/;
const ENDPOINT_RE = /\b(get|post|put|patch|delete)\s+\/[\w{}:/.-]*/;

const buildLattice = (tokens: Token[], vocab: Vocabulary): Lattice => {
  const stems: string[] = [];
  const clause: number[] = [];
  let c = 0;
  for (const t of tokens) {
    if (t.kind === 'sym') {
      if (CLAUSE_SYMS.has(t.stem)) c++;
      continue;
    }
    if (CLAUSE_WORDS.has(t.stem)) c++;
    stems.push(t.stem);
    clause.push(c);
  }
  const edges: Edge[][] = [];
  const index = new Map<string, number[]>();
  // Plain loops rather than closures and filter/some: this runs for every word of every unit.
  for (let i = 0; i < stems.length; i++) {
    const list: Edge[] = [];
    edges.push(list);
    addEdge(list, index, i, stems[i]!, i + 1);
    const candidates = vocab.byFirst.get(stems[i]!);
    if (candidates === undefined) continue;
    for (const term of candidates) {
      if (!termMatchesAt(term, stems, i)) continue;
      const next = i + term.stems.length;
      addEdge(list, index, i, term.canon, next);
      const broader = vocab.broader.get(term.canon);
      if (broader) for (const b of broader) addEdge(list, index, i, b, next);
    }
  }
  return { stems, edges, index, clause };
};

/** Adds the edge `tok` from position `i` (whose edges are `list`) to `next`, once, and indexes `i` under `tok`. */
const addEdge = (list: Edge[], index: Map<string, number[]>, i: number, tok: string, next: number): void => {
  for (const e of list) if (e.tok === tok && e.next === next) return;
  list.push({ tok, next });
  const at = index.get(tok);
  if (!at) index.set(tok, [i]);
  else if (at[at.length - 1] !== i) at.push(i);
};

const specialsOf = (tokens: Token[], normalized: string, mentions: Mention[]): Set<Special> => {
  const out = new Set<Special>();
  // Is the token at `i` a number? False before the start and past the end.
  const isNum = (i: number): boolean => i >= 0 && i < tokens.length && tokens[i]!.kind === 'num';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'num' || (t.kind === 'word' && NUMBER_WORDS.has(t.text))) out.add('num');
    if ((t.kind === 'sym' && OP_SYMS.has(t.stem)) || (t.kind === 'word' && OP_WORDS.has(t.stem))) {
      // "x" and "over" are only arithmetic between numbers (or a number and a magnitude word).
      if (isNum(i - 1) || isNum(i - 2) || isNum(i + 1)) out.add('op');
    }
    if (t.kind === 'sym' && t.stem === ':' && isNum(i - 1) && isNum(i + 1)) out.add('ratio');
    if (t.kind === 'word' && t.text === 'to' && isNum(i - 1) && tokens[i + 1]?.stem === '1') out.add('ratio');
  }
  if (/\b\d+(?:\.\d+)?\s*(?:x|×|times)\s+(?:more|as many|higher|fewer)\b/.test(normalized)) out.add('ratio');
  if (ENDPOINT_RE.test(normalized)) out.add('endpoint');
  for (const m of mentions) {
    if (m.kind === 'rate') out.add('rate');
    if (m.kind === 'bytes' || m.kind === 'bytes/s') out.add('bytes');
  }
  return out;
};

/** A keyword list: at least four parts between commas, semicolons or slashes, of 2.2 words or fewer on average. */
const isListLike = (text: string): boolean => {
  // Splitting allocates; most sentences have too few separators to be a list at all.
  let separators = 0;
  for (let i = 0; i < text.length && separators < 3; i++) {
    const ch = text[i];
    if (ch === ',' || ch === ';' || ch === '/') separators++;
  }
  if (separators < 3) return false;
  const parts = text
    .split(/[,;/]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split(/\s+/).length);
  return parts.length >= 4 && parts.reduce((a, b) => a + b, 0) / parts.length <= 2.2;
};

/** Bullets under one heading share its context: build that lattice once per answer. */
type ContextCache = Map<string, Lattice>;

export const analyzeUnit = (unit: Unit, vocab: Vocabulary, contexts: ContextCache = new Map()): AnalyzedUnit => {
  const normalized = normalize(unit.matchText);
  const tokens = tokenizeNormalized(normalized);
  const own = buildLattice(tokens, vocab);
  let ctx: Lattice | null = null;
  if (unit.context) {
    ctx = contexts.get(unit.context) ?? buildLattice(tokenizeNormalized(normalize(unit.context)), vocab);
    contexts.set(unit.context, ctx);
  }
  const mentions = parseQuantitiesNormalized(normalized);
  const specials = specialsOf(tokens, normalized, mentions);
  const words = own.stems.length;
  // One pass over the words: glue words, content words, and whether any of them gives a reason.
  let functionCount = 0;
  let reasoning = false;
  const contentStems = new Set<string>();
  for (const s of own.stems) {
    if (FUNCTION_STEMS.has(s)) functionCount++;
    else contentStems.add(s);
    if (REASONING.has(s)) reasoning = true;
  }
  const listLike = isListLike(unit.matchText);
  const structured = unit.kind === 'diagram' || unit.kind === 'diagram-edge' || unit.kind === 'code' || unit.kind === 'row';
  // Arithmetic ("100M × 365 × 5 = 182.5B") is terse by nature and is not a keyword list.
  // An arrow chain ("LB → API → Redis") describes a flow and an endpoint has slashes: neither is a list.
  // A long run with no punctuation needs more glue words than a dense sentence that ends properly.
  const flow = /→|->|=>/.test(unit.matchText) || specials.has('endpoint');
  const ratio = words === 0 ? 1 : functionCount / words;
  const unpunctuated = !/[.,;:!?()]/.test(unit.matchText);
  const salad =
    !structured && !flow && !specials.has('op') && ((words >= 6 && ratio < 0.1) || (words >= 10 && unpunctuated && ratio < 0.15) || listLike);
  // Units listing what is out of scope only ever earn the out-of-scope item.
  const outOfScope = OUT_OF_SCOPE_RE.test(`${unit.context} ${unit.matchText.slice(0, 40)}`.toLowerCase());
  const quality = unit.kind === 'heading' ? 0.5 : salad ? 0.25 : !structured && words < 3 ? 0.5 : 1;
  const echoStems = [...contentStems].filter((s) => !/^\d/.test(s));
  // Listed field by field rather than spread from `unit`: V8 builds a spread-and-extend literal slowly, and
  // this runs once per unit of every answer graded.
  return {
    text: unit.text,
    matchText: unit.matchText,
    kind: unit.kind,
    context: unit.context,
    own,
    ctx,
    specials,
    words,
    quality,
    salad,
    reasoning,
    mentions,
    contentStems,
    echoStems,
    outOfScope,
  };
};

export const analyze = (answer: string, vocab: Vocabulary): Analysis => {
  const contexts: ContextCache = new Map();
  const units = splitUnits(answer).map((u) => analyzeUnit(u, vocab, contexts));
  const tokens = new Set<string>();
  const specials = new Set<Special>();
  for (const u of units) {
    for (const t of u.own.index.keys()) tokens.add(t);
    for (const s of u.specials) specials.add(s);
  }
  // Every context lattice of the answer is in the cache.
  for (const ctx of contexts.values()) for (const t of ctx.index.keys()) tokens.add(t);
  return { units, empty: units.every((u) => u.words === 0), tokens, specials };
};

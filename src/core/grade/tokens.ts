// Normalisation and tokenisation shared by rubric phrases and answers, so both sides are read the same
// way: Unicode NFKC, lower case, contractions expanded, numbers kept whole ("1,200" → 1200), words stemmed.
import { stemmer } from 'stemmer';

export type TokenKind = 'word' | 'num' | 'sym';

export interface Token {
  kind: TokenKind;
  /** The normalised surface form (lower case). */
  text: string;
  /** Stem for words, canonical digits for numbers, the symbol itself for symbols. */
  stem: string;
}

/** Contractions to expand, each with a literal its pattern cannot match without (to skip the regex). */
const CONTRACTIONS: [string, RegExp, string][] = [
  ["won't", /\bwon't\b/g, 'will not'],
  ["can't", /\bcan't\b/g, 'can not'],
  ['cannot', /\bcannot\b/g, 'can not'],
  ["shan't", /\bshan't\b/g, 'shall not'],
  ["n't", /n't\b/g, ' not'],
];

const NON_ASCII_RE = /[\u0080-\uffff]/;

export const normalize = (s: string): string => {
  let out: string;
  if (NON_ASCII_RE.test(s)) {
    out = s.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
    // Zero-width characters would otherwise split words invisibly.
    out = out.replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  } else {
    // Plain ASCII is its own NFKC form and has no curly quotes or zero-width characters.
    out = s.toLowerCase();
  }
  // Most text has no contractions: a substring check is much cheaper than running each regex.
  for (const [needle, re, rep] of CONTRACTIONS) if (out.includes(needle)) out = out.replace(re, rep);
  return out;
};

const MAGNITUDE_SUFFIX: Record<string, string> = { k: 'thousand', m: 'million', mm: 'million', b: 'billion', bn: 'billion', t: 'trillion' };

const TOKEN_RE =
  /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([a-z]+)?|(\p{L}[\p{L}\p{N}]*)|(-->|->|=>|[×*/=≈~:→^%+<>()[\]{},;.!?|])/gu;

/** Irregular forms the Porter stemmer leaves apart from their base word. */
const IRREGULAR: Record<string, string> = {
  written: 'write', wrote: 'write', writes: 'write', sent: 'send', built: 'build', chosen: 'choose', chose: 'choose',
  held: 'hold', kept: 'keep', dies: 'die', died: 'die', dying: 'die', lost: 'lose', ties: 'tie', tied: 'tie',
  keyed: 'key', keys: 'key', fell: 'fall', falls: 'fall', ran: 'run', read: 'read', reads: 'read',
  ids: 'id', apis: 'api', dbs: 'db', urls: 'url', cdns: 'cdn', lbs: 'lb', vms: 'vm', ttls: 'ttl',
  paid: 'pay', sold: 'sell', bought: 'buy', stored: 'store', stores: 'store', fed: 'feed', led: 'lead', met: 'meet',
};

const stemCache = new Map<string, string>();
export const stemWord = (word: string): string => {
  let s = stemCache.get(word);
  if (s === undefined) {
    const w = IRREGULAR[word] ?? word;
    // Short words and words with digits (p99, s3, base62) are kept as written.
    s = w.length <= 3 || /\d/.test(w) ? w : stemmer(w);
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
};

/** Tokens of already-normalised text. */
export const tokenizeNormalized = (s: string): Token[] => {
  const out: Token[] = [];
  for (const m of s.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined) {
      out.push({ kind: 'num', text: m[1], stem: m[1].replace(/,/g, '') });
      const suffix = m[2];
      if (suffix) {
        const mag = MAGNITUDE_SUFFIX[suffix];
        const word = mag ?? suffix;
        out.push({ kind: 'word', text: word, stem: stemWord(word) });
      }
    } else if (m[3] !== undefined) {
      out.push({ kind: 'word', text: m[3], stem: stemWord(m[3]) });
    } else if (m[4] !== undefined) {
      out.push({ kind: 'sym', text: m[4], stem: m[4] });
    }
  }
  return out;
};

export const tokenize = (s: string): Token[] => tokenizeNormalized(normalize(s));

/** Stems of a phrase, symbols dropped: the form rubric phrases and thesaurus terms are compared in. */
export const phraseStems = (s: string): string[] =>
  tokenize(s)
    .filter((t) => t.kind !== 'sym')
    .map((t) => t.stem);

/** Number words count as numbers ("in under five seconds"). */
export const NUMBER_WORDS = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty hundred thousand million billion trillion dozen'.split(' '),
);

/** Function words: used to tell sentences from keyword lists and to ignore filler in echo checks. */
export const FUNCTION_WORDS = new Set(
  (
    'a an the to of for in on at by with from into onto via per as is are was were be been being it its this that these those ' +
    'we i you they he she our us your their them and or but if then so than when while which who whom whose what where how why ' +
    'will would can could should shall may might must do does did has have had not no each every all any some one both either ' +
    'there here also just only very more most less such up down out over under again once about after before because since until ' +
    'use used using uses need needs keep keeps store stores send sends get gets put puts make makes let lets go goes call calls ' +
    'then first next last new same other another'
  ).split(' '),
);
export const FUNCTION_STEMS = new Set([...FUNCTION_WORDS].map(stemWord));

// The trust rules. The model's verdicts count only as far as the answer backs them: a quote that is not
// in the answer (or comes from a line that addresses the grader, or merely restates the question or the
// rubric) is dropped, and a verdict left without a quote is "missed". The score is computed here from
// verdicts and weights, never taken from the model, and disagreements with the rubric grade are flagged.
import type { RubricItem } from '../content/schema.js';
import type { ItemGrade } from '../grade/types.js';
import { VERDICT_POINTS, type GradeReply, type Verdict } from './grade-schema.js';
import { displayText, normalizeForMatch, type SanitizedAnswer } from './sanitize.js';

export const MIN_QUOTE_CHARS = 8;
export const MAX_QUOTES = 3;
export const SCORE_DISAGREEMENT = 20;

export type DropReason = 'not-verbatim' | 'too-short' | 'restates-question' | 'instruction';
export const DROP_REASONS: Record<DropReason, string> = {
  'not-verbatim': 'not found in the answer',
  'too-short': 'too short to show anything',
  'restates-question': 'only restates the question or the rubric',
  instruction: 'comes from text addressed to the grader',
};

export interface DroppedQuote {
  quote: string;
  reason: DropReason;
}

export interface LlmItem {
  id: string;
  label: string;
  weight: number;
  /** After the trust rules. */
  verdict: Verdict;
  /** What the model said, before the trust rules. */
  modelVerdict: Verdict;
  evidence: string[];
  dropped: DroppedQuote[];
  rationale: string;
  /** The model said met/partial but no quote survived. */
  unverified: boolean;
  /** With samples: the share of samples that gave `verdict` (1 with one sample). */
  agreement: number;
  /** met 1, partial 0.5, missed 0; a mean over samples. */
  points: number;
}

export interface QuoteChecker {
  body: string;
  clean: string;
  echoes: string[];
}

const trimQuote = (s: string): string => s.replace(/^[\s"'.,;:!?()[\]-]+|[\s"'.,;:!?()[\]-]+$/g, '');

export const quoteChecker = (answer: SanitizedAnswer, echoTexts: string[]): QuoteChecker => ({
  body: normalizeForMatch(answer.body),
  clean: normalizeForMatch(answer.clean),
  echoes: echoTexts.map(normalizeForMatch).filter((e) => e.length > 0),
});

/** Why a quote does not count, or null when it does. An ellipsis may join verbatim fragments. */
export const checkQuote = (quote: string, c: QuoteChecker): DropReason | null => {
  const q = trimQuote(normalizeForMatch(quote));
  if (q.length < MIN_QUOTE_CHARS) return 'too-short';
  const fragments = q
    .split(/\s*\.\.\.\s*/)
    .map(trimQuote)
    .filter((f) => f.length > 0);
  if (fragments.length === 0 || fragments.some((f) => !c.body.includes(f))) return 'not-verbatim';
  if (fragments.some((f) => !c.clean.includes(f))) return 'instruction';
  if (c.echoes.some((e) => e.includes(q))) return 'restates-question';
  return null;
};

/** Applies the trust rules to one validated reply. */
export const verifyReply = (reply: GradeReply, items: RubricItem[], checker: QuoteChecker): LlmItem[] =>
  items.map((item) => {
    const m = reply.items[item.id]!;
    const evidence: string[] = [];
    const dropped: DroppedQuote[] = [];
    for (const raw of m.evidence) {
      const quote = displayText(raw, 400);
      if (!quote) continue;
      const reason = checkQuote(raw, checker);
      if (reason) dropped.push({ quote, reason });
      else if (evidence.length < MAX_QUOTES && !evidence.includes(quote)) evidence.push(quote);
    }
    const unverified = m.verdict !== 'missed' && evidence.length === 0;
    const verdict: Verdict = unverified ? 'missed' : m.verdict;
    return {
      id: item.id,
      label: item.label,
      weight: item.weight,
      verdict,
      modelVerdict: m.verdict,
      evidence,
      dropped,
      rationale: displayText(m.rationale, 400),
      unverified,
      agreement: 1,
      points: VERDICT_POINTS[verdict],
    };
  });

/** 0…100 from points and weights, on the rubric's scale. */
export const scoreOf = (items: Pick<LlmItem, 'weight' | 'points'>[]): number => {
  const total = items.reduce((a, i) => a + i.weight, 0);
  return total === 0 ? 0 : Math.round((100 * items.reduce((a, i) => a + i.weight * i.points, 0)) / total);
};

/** More than half of the quotes the model gave did not check out. */
export const isLowTrust = (items: LlmItem[]): boolean => {
  const dropped = items.reduce((a, i) => a + i.dropped.filter((d) => d.reason === 'not-verbatim').length, 0);
  const total = dropped + items.reduce((a, i) => a + i.evidence.length, 0);
  return total >= 2 && dropped * 2 > total;
};

export type FlagKind =
  | 'item-disagreement'
  | 'score-disagreement'
  | 'injection'
  | 'low-trust'
  | 'unverified'
  | 'uncertain'
  | 'answer-truncated'
  | 'hidden-characters'
  | 'samples-failed';

export interface LlmFlag {
  kind: FlagKind;
  message: string;
  itemId?: string;
}

const rubricVerdict = (credit: number): Verdict => (credit >= 0.99 ? 'met' : credit <= 0 ? 'missed' : 'partial');

/** Flags where the two graders part ways: an item met by one and missed by the other, or ≥ 20 points. */
export const compareWithRubric = (items: LlmItem[], llmScore: number, rubric: { score: number; items: ItemGrade[] }): LlmFlag[] => {
  const flags: LlmFlag[] = [];
  const byId = new Map(rubric.items.map((i) => [i.id, i]));
  for (const it of items) {
    const r = byId.get(it.id);
    if (!r) continue;
    const rv = rubricVerdict(r.credit);
    if ((rv === 'met' && it.verdict === 'missed') || (rv === 'missed' && it.verdict === 'met')) {
      flags.push({
        kind: 'item-disagreement',
        itemId: it.id,
        message: `“${it.label}”: the rubric says ${rv}, the LLM says ${it.verdict}`,
      });
    }
  }
  const gap = llmScore - rubric.score;
  if (Math.abs(gap) >= SCORE_DISAGREEMENT) {
    flags.push({
      kind: 'score-disagreement',
      message: `the LLM scores ${llmScore}/100, ${Math.abs(gap)} points ${gap > 0 ? 'above' : 'below'} the rubric's ${rubric.score}/100`,
    });
  }
  return flags;
};

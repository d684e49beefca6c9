// The rubric grader: pure and deterministic. Each item earns credit from the single best unit of the
// answer that matches it, and that unit is quoted as evidence. Gaming is resisted by construction:
// a unit credits at most three items, keyword lists and fragments earn a fraction, units that restate
// the prompt or a rubric label earn nothing, negated mentions earn nothing, and trade-off items need a reason.
import type { Bank, BankQuestion } from '../content/load.js';
import { PHASES, type Phase } from '../content/phases.js';
import type { Quantity, RubricItem } from '../content/schema.js';
import { analyze, type Analysis } from './analyze.js';
import { EchoReferences } from './echo.js';
import { compileItem, matchAlternatives, possibleAlternatives, type CompiledItem } from './match.js';
import { formatQuantity, type Mention } from './numbers.js';
import { splitPhases } from './split.js';
import { FUNCTION_STEMS, phraseStems } from './tokens.js';
import { DEFAULT_PHASE_WEIGHTS, type FollowUpGrade, type ItemGrade, type PhaseGrade } from './types.js';
import { compileVocabulary, type Vocabulary } from './vocabulary.js';

/** Items one unit may credit; a keyword list may credit one. */
export const UNIT_CAP = 3;
/** Items about stating scope; the only ones a unit under "Out of scope" can earn. */
const SCOPE_ITEM_RE = /\bscope\b/i;
/** This many label-like sentences in one answer read as a pasted rubric. */
const LABEL_PASTE_MIN = 3;
/** Echo references kept per grader (prompt texts); a bound so arbitrary callers cannot grow it forever. */
const ECHO_CACHE_MAX = 512;

/** A rubric item with the per-item facts the unit loop checks, read once instead of once per unit. */
interface PlannedItem {
  c: CompiledItem;
  /** The label names scope, so units under "Out of scope" may earn it. */
  scopeItem: boolean;
  needsReasoning: boolean;
  needsNumber: boolean;
}

/**
 * Everything about a list of rubric items that does not depend on the answer: the compiled items in the
 * order they choose units (heavier first, ties in rubric order) and the index of their labels for echo
 * detection. Built once per list and reused for every answer graded against it.
 */
interface RubricPlan {
  /** The items the plan was built from, to notice a list that changed since. */
  items: readonly RubricItem[];
  order: PlannedItem[];
  labels: EchoReferences;
}

export interface DocumentGrade {
  question: string;
  score: number;
  phases: Partial<Record<Phase, PhaseGrade>>;
  notes: string[];
}

export interface ItemsGrade {
  score: number;
  items: ItemGrade[];
  notes: string[];
}

const contentStems = (s: string): Set<string> => new Set(phraseStems(s).filter((x) => !FUNCTION_STEMS.has(x) && !/^\d/.test(x)));

const sameItems = (a: readonly RubricItem[], b: readonly RubricItem[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const quantityKindMatches = (unit: Quantity, m: Mention): boolean => {
  switch (unit.unit) {
    case 'requests/s':
      return m.kind === 'rate' && (m.per === 'second' || m.per === 'minute' || m.per === 'hour');
    case 'bytes':
      return m.kind === 'bytes' || (m.kind === 'bytes/s' && isLongPeriod(m));
    case 'bytes/s':
      return m.kind === 'bytes/s';
    case 'count':
      return m.kind === 'count' || (m.kind === 'rate' && isLongPeriod(m));
  }
};

const isLongPeriod = (m: Mention): boolean => m.per === 'day' || m.per === 'month' || m.per === 'year';

/** "47 TB a year" against a bytes target, "260K transactions a day" against a count: compare as written. */
const mentionValue = (q: Quantity, m: Mention): number =>
  (q.unit === 'bytes' || q.unit === 'count') && (m.kind === 'bytes/s' || m.kind === 'rate') && m.per ? m.value * (PERIOD_SECONDS[m.per] ?? 1) : m.value;

const PERIOD_SECONDS: Partial<Record<string, number>> = { second: 1, minute: 60, hour: 3600, day: 86_400, month: 30 * 86_400, year: 365 * 86_400 };

const round1 = (n: number): number => Math.round(n * 100) / 100;

export class Grader {
  readonly vocab: Vocabulary;
  private readonly plans = new WeakMap<readonly RubricItem[], RubricPlan>();
  private readonly echoRefs = new Map<string, EchoReferences>();

  constructor(readonly bank: Pick<Bank, 'thesaurus'>) {
    this.vocab = compileVocabulary(bank.thesaurus);
  }

  analyze(text: string): Analysis {
    return analyze(text, this.vocab);
  }

  /** The answer-independent part of grading `items`, cached per list (a bank's lists never change). */
  private plan(items: RubricItem[]): RubricPlan {
    const cached = this.plans.get(items);
    if (cached && sameItems(cached.items, items)) return cached;
    const compiled = items.map((i) => compileItem(this.vocab, i));
    const order = compiled
      .map((c, i) => ({ c, i }))
      .sort((a, b) => b.c.item.weight - a.c.item.weight || a.i - b.i)
      .map(({ c }) => ({
        c,
        scopeItem: SCOPE_ITEM_RE.test(c.item.label),
        needsReasoning: c.item.requires.includes('reasoning'),
        needsNumber: c.item.requires.includes('number'),
      }));
    const plan: RubricPlan = { items: [...items], order, labels: new EchoReferences(compiled.map((c) => c.labelStems)) };
    this.plans.set(items, plan);
    return plan;
  }

  /** The sentences of the texts whose restatement earns nothing (the prompt, a follow-up question), indexed. */
  private echoReferences(echoOf: string[]): EchoReferences {
    const key = JSON.stringify(echoOf);
    let refs = this.echoRefs.get(key);
    if (!refs) {
      refs = new EchoReferences(echoOf.flatMap((t) => t.split(/(?<=[.!?])\s+/)).map(contentStems));
      if (this.echoRefs.size >= ECHO_CACHE_MAX) this.echoRefs.clear();
      this.echoRefs.set(key, refs);
    }
    return refs;
  }

  /** Grades an analysed answer against a list of items. `echoOf` lists texts whose restatement earns nothing. */
  gradeItems(items: RubricItem[], analysis: Analysis, echoOf: string[] = []): ItemsGrade {
    const notes: string[] = [];
    if (analysis.empty) {
      return {
        score: 0,
        items: items.map((i) => this.missed(i)),
        notes: ['Empty answer: nothing to grade.'],
      };
    }
    const plan = this.plan(items);
    const units = analysis.units;
    // Restating the prompt never earns anything. A sentence that matches an item's label is only an echo
    // when the answer pastes several labels: one plain requirement that happens to read like a label is fine.
    // A unit with fewer than three content words, or with a number, is never an echo.
    const promptRefs = this.echoReferences(echoOf);
    const echoCandidate = units.map((u) => u.echoStems.length >= 3 && !u.specials.has('num'));
    const labelEcho = units.map((u, i) => echoCandidate[i]! && plan.labels.echoes(u.echoStems));
    const pastedLabels = labelEcho.filter(Boolean).length >= LABEL_PASTE_MIN;
    const echo = units.map((u, i) => echoCandidate[i]! && (promptRefs.echoes(u.echoStems) || (pastedLabels && labelEcho[i]!)));
    const usage = units.map(() => 0);
    const usedMentions = new Set<string>();
    const results = new Map<RubricItem, ItemGrade>();

    for (const { c, scopeItem, needsReasoning, needsNumber } of plan.order) {
      const item = c.item;
      // Only the alternatives this answer's words can satisfy; when none can, no unit needs a look.
      // (A quantity item without alternatives takes any unit, so it is not missed for lack of them.)
      const alts = possibleAlternatives(c.alts, analysis.tokens, analysis.specials);
      if (alts.length === 0 && (c.alts.length > 0 || !item.quantity)) {
        results.set(item, this.missed(item));
        continue;
      }
      if (item.quantity) {
        results.set(item, this.gradeQuantity(item, alts, analysis, echo, usedMentions));
        continue;
      }
      // The first unit of the highest quality wins.
      let bestUnit = -1;
      let bestCredit = 0;
      for (let idx = 0; idx < units.length; idx++) {
        const u = units[idx]!;
        if (echo[idx]) continue;
        const cap = u.salad ? 1 : UNIT_CAP;
        if (usage[idx]! >= cap) continue;
        if (u.outOfScope && !scopeItem) continue;
        if (needsReasoning && !u.reasoning) continue;
        if (needsNumber && !u.specials.has('num')) continue;
        if (!matchAlternatives(u, alts)) continue;
        if (bestUnit < 0 || u.quality > bestCredit) {
          bestUnit = idx;
          bestCredit = u.quality;
        }
      }
      if (bestUnit >= 0) {
        usage[bestUnit]!++;
        results.set(item, {
          id: item.id,
          label: item.label,
          weight: item.weight,
          credit: bestCredit,
          evidence: units[bestUnit]!.text,
          why: bestCredit < 1 ? `${item.why} (Only partly shown: say it in a full sentence with how it is used.)` : null,
        });
      } else results.set(item, this.missed(item));
    }

    const echoCount = echo.filter(Boolean).length;
    if (echoCount > 0) notes.push(`${echoCount} sentence(s) restate the question or the rubric and earned nothing.`);
    const saladCount = units.filter((u) => u.salad).length;
    if (saladCount > 0) notes.push(`${saladCount} line(s) read as keyword lists and earned little: say how each piece is used and why.`);

    const graded = items.map((i) => results.get(i)!);
    const total = graded.reduce((a, g) => a + g.weight, 0);
    const earned = graded.reduce((a, g) => a + g.weight * g.credit, 0);
    return { score: total === 0 ? 0 : Math.round((100 * earned) / total), items: graded, notes };
  }

  private missed(item: RubricItem): ItemGrade {
    const expected = item.quantity ? formatQuantity(item.quantity.value, item.quantity.unit) : undefined;
    return {
      id: item.id,
      label: item.label,
      weight: item.weight,
      credit: 0,
      evidence: null,
      why: expected ? `${item.why} Expected ${expected}.` : item.why,
      ...(expected ? { expected } : {}),
    };
  }

  private gradeQuantity(
    item: RubricItem,
    alts: ReturnType<typeof compileItem>['alts'],
    analysis: Analysis,
    echo: boolean[],
    used: Set<string>,
  ): ItemGrade {
    const q = item.quantity!;
    let best: { credit: number; ratio: number; unit: number; key: string } | null = null;
    analysis.units.forEach((u, idx) => {
      if (echo[idx] || u.mentions.length === 0) return;
      if (alts.length > 0 && !matchAlternatives(u, alts, true)) return;
      u.mentions.forEach((m, k) => {
        const key = `${idx}:${k}`;
        if (used.has(key) || !quantityKindMatches(q, m) || m.value <= 0) return;
        const v = mentionValue(q, m);
        const ratio = Math.max(v / q.value, q.value / v);
        const credit = ratio <= q.tolerance.full ? 1 : ratio <= q.tolerance.partial ? 0.5 : 0;
        if (credit === 0) return;
        if (!best || credit > best.credit || (credit === best.credit && ratio < best.ratio)) best = { credit, ratio, unit: idx, key };
      });
    });
    const hit = best as { credit: number; ratio: number; unit: number; key: string } | null;
    const expected = formatQuantity(q.value, q.unit);
    if (!hit) return this.missed(item);
    used.add(hit.key);
    return {
      id: item.id,
      label: item.label,
      weight: item.weight,
      credit: hit.credit,
      evidence: analysis.units[hit.unit]!.text,
      why: hit.credit < 1 ? `${item.why} Right order of magnitude, but expected ${expected}.` : null,
      expected,
    };
  }

  gradePhase(entry: BankQuestion, phase: Phase, text: string): PhaseGrade {
    const r = this.gradeItems(entry.items[phase], this.analyze(text), [entry.question.prompt]);
    return { phase, ...r };
  }

  gradeFollowUp(entry: BankQuestion, followUpId: string, text: string): FollowUpGrade {
    const f = entry.question.followUps.find((x) => x.id === followUpId);
    if (!f) throw new Error(`unknown follow-up ${followUpId} in ${entry.question.id}`);
    const r = this.gradeItems(f.items, this.analyze(text), [entry.question.prompt, f.question]);
    return { followUpId, ...r };
  }

  /** A whole answer with phase headings; phases without a section score 0. */
  gradeDocument(entry: BankQuestion, markdown: string, weights = DEFAULT_PHASE_WEIGHTS): DocumentGrade {
    const split = splitPhases(markdown);
    const phases: Partial<Record<Phase, PhaseGrade>> = {};
    const notes: string[] = [];
    for (const p of PHASES) {
      const text = split.sections[p];
      if (text === undefined) {
        notes.push(`No ${p} section found (use a heading such as "## ${p === 'deep-dive' ? 'Deep dive' : p[0]!.toUpperCase() + p.slice(1)}").`);
        phases[p] = { phase: p, score: 0, items: entry.items[p].map((i) => this.missed(i)), notes: ['No section for this phase.'] };
      } else phases[p] = this.gradePhase(entry, p, text);
    }
    return { question: entry.question.id, score: overallScore(phases, weights), phases, notes };
  }
}

/** Phase-weighted overall score; missing phases count as 0. */
export const overallScore = (phases: Partial<Record<Phase, { score: number }>>, weights = DEFAULT_PHASE_WEIGHTS): number => {
  const total = PHASES.reduce((a, p) => a + weights[p], 0);
  const earned = PHASES.reduce((a, p) => a + weights[p] * (phases[p]?.score ?? 0), 0);
  return total === 0 ? 0 : Math.round(earned / total);
};

/** The deep-dive score when follow-ups were asked: half the phase rubric, half the follow-ups' mean. */
export const combineDeepDive = (phase: { score: number }, followUps: { score: number }[]): number => {
  if (followUps.length === 0) return phase.score;
  const mean = followUps.reduce((a, f) => a + f.score, 0) / followUps.length;
  return Math.round(0.5 * phase.score + 0.5 * mean);
};

export const creditRatio = round1;

// The LLM's second opinion on one part of an answer (a phase, or a follow-up): render the prompt, ask
// for N samples with shuffled item order, apply the trust rules to each, aggregate, compare with the
// rubric grade, cache. It never throws for an LLM problem: the outcome says in one line what went wrong.
import { randomBytes } from 'node:crypto';
import type { ZodType } from 'zod';
import type { RubricItem } from '../content/schema.js';
import { formatQuantity } from '../grade/numbers.js';
import type { ItemGrade } from '../grade/types.js';
import { hashKey } from './cache.js';
import { LlmError, toLlmError } from './errors.js';
import { gradeReplySchema, shapeExample, VERDICT_POINTS, VERDICTS, type GradeReply, type Verdict } from './grade-schema.js';
import { shuffled } from './pool.js';
import { loadPrompt, renderSection, type PromptTemplate } from './prompts.js';
import type { LlmGradeOutcome, LlmGradeResult } from './record-schema.js';
import type { LlmRuntime } from './runtime.js';
import { sanitizeAnswer, type SanitizedAnswer } from './sanitize.js';
import { redactUrl } from './server-profiles.js';
import { requestJson } from './structured.js';
import { compareWithRubric, isLowTrust, quoteChecker, scoreOf, verifyReply, type LlmFlag, type LlmItem } from './trust.js';
import { costOf, emptyUsage, type LlmUsage } from './usage.js';
import type { StructuredMode } from './settings-schema.js';

/** Bump when the grading logic (not the prompt) changes in a way that should invalidate the cache. */
export const LLM_GRADER_VERSION = 1;
export const GRADE_PROMPT_ID = 'grade-phase';

export interface GradeTarget {
  questionTitle: string;
  questionPrompt: string;
  /** "Design", or a follow-up question. */
  part: string;
  items: RubricItem[];
  /** Reference points (Markdown), shown to the model for calibration only. */
  reference: string;
  answer: string;
  /** The rubric grade of the same text: the score of record, which the LLM stands beside. */
  rubric: { score: number; items: ItemGrade[] };
}

export interface GradeOptions {
  samples?: number;
  noCache?: boolean;
  signal?: AbortSignal;
  now?: () => Date;
  /** Per-request marker nonce (tests); random otherwise. */
  nonce?: () => string;
}

const itemLine = (i: RubricItem): string => {
  const needs: string[] = [];
  if (i.quantity) {
    needs.push(
      `needs the figure for ${i.quantity.name}, expected ${formatQuantity(i.quantity.value, i.quantity.unit)}; within ×${i.quantity.tolerance.full} is met, within ×${i.quantity.tolerance.partial} is partial`,
    );
  }
  if (i.requires.includes('reasoning')) needs.push('needs a stated reason or trade-off');
  if (i.requires.includes('number') && !i.quantity) needs.push('needs a number');
  return `- ${i.id} · weight ${i.weight} · ${i.label}${needs.length ? ` (${needs.join('; ')})` : ''} · ${i.why}`;
};

export const renderGradeMessages = (t: PromptTemplate, target: GradeTarget, items: RubricItem[], answer: SanitizedAnswer, nonce: string) => [
  { role: 'system' as const, content: renderSection(t, 'system', {}) },
  {
    role: 'user' as const,
    content: renderSection(t, 'user', {
      question: `${target.questionTitle}\n${target.questionPrompt.trim()}`,
      part: target.part,
      items: items.map(itemLine).join('\n'),
      reference: target.reference.trim() || '(none)',
      shape: shapeExample(items.map((i) => i.id)),
      nonce,
      answer: answer.text,
    }),
  },
];

interface Sample {
  items: LlmItem[];
  injectionSuspected: boolean;
  summary: string;
  mode: StructuredMode;
  repaired: boolean;
}

const rank = (v: Verdict): number => VERDICTS.length - 1 - VERDICTS.indexOf(v); // missed 0, partial 1, met 2

/** Majority verdict per item, ties going to the lower verdict; points are the mean. */
export const aggregateSamples = (samples: LlmItem[][], order: RubricItem[]): LlmItem[] =>
  order.map((item) => {
    const got = samples.map((s) => s.find((x) => x.id === item.id)!);
    const counts = new Map<Verdict, number>();
    for (const g of got) counts.set(g.verdict, (counts.get(g.verdict) ?? 0) + 1);
    const verdict = [...counts.entries()].sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]))[0]![0];
    const same = got.filter((g) => g.verdict === verdict);
    const modelCounts = new Map<Verdict, number>();
    for (const g of got) modelCounts.set(g.modelVerdict, (modelCounts.get(g.modelVerdict) ?? 0) + 1);
    const modelVerdict = [...modelCounts.entries()].sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]))[0]![0];
    const evidence = [...new Set(same.flatMap((g) => g.evidence))].slice(0, 3);
    const seen = new Set<string>();
    const dropped = got.flatMap((g) => g.dropped).filter((d) => (seen.has(d.quote) ? false : (seen.add(d.quote), true)));
    return {
      ...same[0]!,
      verdict,
      modelVerdict,
      evidence,
      dropped,
      agreement: same.length / got.length,
      points: got.reduce((a, g) => a + VERDICT_POINTS[g.verdict], 0) / got.length,
    };
  });

const stdev = (xs: number[]): number => {
  const m = xs.reduce((a, x) => a + x, 0) / xs.length;
  return Math.round(Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length) * 10) / 10;
};

/** Flags and the score that depend on the rubric grade (recomputed on a cache hit). */
const judge = (core: LlmGradeResult, target: GradeTarget, answer: SanitizedAnswer): LlmGradeResult => {
  const flags: LlmFlag[] = [];
  const injectionHits = answer.injection.hits;
  const untrusted = core.injectionSuspected || injectionHits.length > 0;
  const uncapped = core.uncappedScore;
  const score = untrusted ? Math.min(uncapped, target.rubric.score) : uncapped;
  if (untrusted) {
    const why = injectionHits.length ? `text addressed to the grader (${injectionHits.slice(0, 2).join('; ')})` : 'the model saw text addressed to the grader';
    flags.push({
      kind: 'injection',
      message: `untrusted: the answer contains ${why}; that text earns nothing and the LLM score is capped at the rubric's ${target.rubric.score}`,
    });
  }
  if (core.lowTrust) flags.push({ kind: 'low-trust', message: 'low trust: more than half of the quoted evidence was not in the answer' });
  const unverified = core.items.filter((i) => i.unverified);
  if (unverified.length) {
    flags.push({
      kind: 'unverified',
      message: `${unverified.length} verdict${unverified.length === 1 ? '' : 's'} set to missed for lack of a verified quote: ${unverified.map((i) => i.id).join(', ')}`,
    });
  }
  for (const i of core.items.filter((x) => x.agreement < 2 / 3)) {
    flags.push({ kind: 'uncertain', itemId: i.id, message: `uncertain: samples disagree on “${i.label}” (${Math.round(i.agreement * 100)}% agree)` });
  }
  if (answer.truncated) flags.push({ kind: 'answer-truncated', message: 'the answer was cut to its first 12,000 characters for the LLM' });
  if (answer.hiddenRemoved > 0) flags.push({ kind: 'hidden-characters', message: `${answer.hiddenRemoved} invisible or control character(s) were removed before grading` });
  flags.push(...core.flags.filter((f) => f.kind === 'samples-failed'));
  flags.push(...compareWithRubric(core.items, score, target.rubric));
  return { ...core, score, rubricScore: target.rubric.score, untrusted, injectionSuspected: core.injectionSuspected || injectionHits.length > 0, flags };
};

export const gradeWithLlm = async (rt: LlmRuntime, target: GradeTarget, options: GradeOptions = {}): Promise<LlmGradeOutcome> => {
  const { config } = rt;
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const usage: LlmUsage = emptyUsage();
  const base = { model: config.model, baseURL: redactUrl(config.baseURL) };
  const samples = Math.max(1, Math.min(10, options.samples ?? config.samples));
  const budget = AbortSignal.timeout(config.totalTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, budget]) : budget;
  const fail = (e: unknown): LlmGradeOutcome => {
    let err = toLlmError(e);
    if (err.kind === 'cancelled' && budget.aborted && !options.signal?.aborted) {
      err = new LlmError('timeout', `the LLM grading took longer than ${Math.round(config.totalTimeoutMs / 1000)} s (llm.totalTimeoutSeconds)`);
    }
    usage.latencyMs = Math.round(performance.now() - started);
    usage.costUsd = costOf(usage, config.prices);
    return { ok: false, error: err.message, kind: err.kind, ...base, usage };
  };

  try {
    const template = loadPrompt(GRADE_PROMPT_ID);
    const answer = sanitizeAnswer(target.answer);
    const checker = quoteChecker(answer, [target.questionPrompt, ...target.items.flatMap((i) => [i.label, i.why])]);
    const key = hashKey({
      grader: LLM_GRADER_VERSION,
      prompt: { id: template.id, version: template.version, hash: template.hash },
      rubric: target.items.map((i) => ({ id: i.id, label: i.label, weight: i.weight, why: i.why, quantity: i.quantity, requires: i.requires })),
      question: target.questionPrompt,
      part: target.part,
      reference: target.reference,
      answer: answer.text,
      model: config.model,
      baseURL: base.baseURL,
      samples,
    });
    const finish = (core: LlmGradeResult): LlmGradeResult => judge(core, target, answer);

    if (!options.noCache && rt.cache) {
      const hit = rt.cache.get(key);
      if (hit) return finish({ ...hit, cached: true, usage: { ...emptyUsage(), cacheHit: true } });
    }

    const resultCore = (items: LlmItem[], extra: Partial<LlmGradeResult>): LlmGradeResult => ({
      ok: true,
      score: scoreOf(items),
      uncappedScore: scoreOf(items),
      rubricScore: target.rubric.score,
      items,
      flags: [],
      summary: '',
      injectionSuspected: false,
      untrusted: false,
      lowTrust: false,
      samples: null,
      ...base,
      promptVersion: template.version,
      mode: null,
      repaired: false,
      usage,
      cached: false,
      gradedAt: now().toISOString(),
      ...extra,
    });

    if (answer.clean.trim() === '') {
      // Nothing that could earn credit: no request, every item missed.
      const items = target.items.map<LlmItem>((i) => ({
        id: i.id,
        label: i.label,
        weight: i.weight,
        verdict: 'missed',
        modelVerdict: 'missed',
        evidence: [],
        dropped: [],
        rationale: 'Nothing to grade: the answer is empty.',
        unverified: false,
        agreement: 1,
        points: 0,
      }));
      return finish(resultCore(items, { summary: 'Empty answer: nothing to grade.' }));
    }

    const runSample = (index: number): Promise<Sample> =>
      rt.limiter.run(async () => {
        const order = index === 0 ? target.items : shuffled(target.items, index);
        const ids = order.map((i) => i.id);
        const nonce = options.nonce?.() ?? randomBytes(8).toString('hex');
        const res = await requestJson<GradeReply>(
          {
            transport: rt.transport,
            profiles: rt.profiles,
            baseURL: config.baseURL,
            model: config.model,
            structuredOutput: config.structuredOutput,
            maxTokens: config.maxTokens,
            signal,
            usage,
          },
          {
            messages: renderGradeMessages(template, target, order, answer, nonce),
            schema: gradeReplySchema(ids) as unknown as ZodType<GradeReply>,
            schemaName: 'rubric_grade',
            repairMessage: (errors) => renderSection(template, 'repair', { errors, ids: ids.join(', ') }),
          },
        );
        return {
          items: verifyReply(res.value, target.items, checker),
          injectionSuspected: res.value.injection_suspected,
          summary: res.value.summary,
          mode: res.mode,
          repaired: res.repaired,
        };
      });

    const settled = await Promise.allSettled(Array.from({ length: samples }, (_, i) => runSample(i)));
    const ok = settled.filter((s): s is PromiseFulfilledResult<Sample> => s.status === 'fulfilled').map((s) => s.value);
    const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (ok.length === 0) return fail(failed[0]!.reason);
    if (signal.aborted) return fail(new LlmError('cancelled', 'cancelled before the LLM replied'));

    const items = ok.length === 1 ? ok[0]!.items : aggregateSamples(ok.map((s) => s.items), target.items);
    const scores = ok.map((s) => scoreOf(s.items));
    usage.latencyMs = Math.round(performance.now() - started);
    usage.costUsd = costOf(usage, config.prices);
    const flags: LlmFlag[] = failed.length
      ? [{ kind: 'samples-failed', message: `${failed.length} of ${samples} samples failed: ${toLlmError(failed[0]!.reason).message}` }]
      : [];
    const core = resultCore(items, {
      flags,
      summary: ok[0]!.summary,
      injectionSuspected: ok.some((s) => s.injectionSuspected),
      lowTrust: isLowTrust(items),
      samples: samples > 1 ? { count: ok.length, scores, min: Math.min(...scores), max: Math.max(...scores), stdev: stdev(scores) } : null,
      mode: ok[0]!.mode,
      repaired: ok.some((s) => s.repaired),
    });
    if (rt.cache && failed.length === 0) rt.cache.set(key, { ...core, flags: [] });
    return finish(core);
  } catch (e) {
    return fail(e);
  }
};

// The LLM as interviewer: answers clarifying questions that match none of the question's facts, grounded
// in those facts, and (optionally) asks a deep-dive follow-up aimed at the candidate's own design. The
// facts stay the ground truth: a reply that states a figure the facts do not contain is discarded.
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Fact, Question } from '../content/schema.js';
import { LlmError, toLlmError, type LlmErrorKind } from './errors.js';
import { loadPrompt, renderSection } from './prompts.js';
import type { LlmRuntime } from './runtime.js';
import { displayText, sanitizeAnswer } from './sanitize.js';
import { requestJson } from './structured.js';
import { costOf, emptyUsage, type LlmUsage } from './usage.js';

export type LlmTextOutcome<T> = ({ ok: true } & T & { usage: LlmUsage }) | { ok: false; error: string; kind: LlmErrorKind; usage: LlmUsage };

const MAG: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9, t: 1e12, trillion: 1e12,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, pb: 1e15,
};
const NUMBER = /(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|mn|m|million|bn|b|billion|t|trillion|kb|mb|gb|tb|pb)?\b/gi;

/** Every figure in a text, as values (100 million → 1e8; 1,200 → 1200; 5 GB → 5e9). */
export const figuresIn = (text: string): number[] =>
  [...text.matchAll(NUMBER)].map((m) => Number(m[1]!.replace(/,/g, '')) * (m[2] ? (MAG[m[2].toLowerCase()] ?? 1) : 1)).filter(Number.isFinite);

/** Figures in `reply` that none of the `sources` state (small counts like "one" or "2 regions" included). */
export const inventedFigures = (reply: string, sources: string[]): number[] => {
  const known = new Set(sources.flatMap(figuresIn).map((v) => v.toPrecision(6)));
  return figuresIn(reply).filter((v) => !known.has(v.toPrecision(6)));
};

const factLines = (facts: Fact[]): string => facts.map((f) => `${f.id}: ${f.answer.trim().replace(/\s+/g, ' ')}`).join('\n') || '(no facts)';

const context = (rt: LlmRuntime, signal: AbortSignal, usage: LlmUsage) => ({
  transport: rt.transport,
  profiles: rt.profiles,
  baseURL: rt.config.baseURL,
  model: rt.config.model,
  structuredOutput: rt.config.structuredOutput,
  // Short replies: a small budget keeps a chatty model from stalling the interview.
  maxTokens: Math.min(rt.config.maxTokens, 1024),
  signal,
  usage,
});

const run = async <T>(rt: LlmRuntime, signal: AbortSignal | undefined, body: (signal: AbortSignal, usage: LlmUsage) => Promise<T>): Promise<LlmTextOutcome<T>> => {
  const usage = emptyUsage();
  const started = performance.now();
  const budget = AbortSignal.timeout(rt.config.timeoutMs);
  const sig = signal ? AbortSignal.any([signal, budget]) : budget;
  const done = (): void => {
    usage.latencyMs = Math.round(performance.now() - started);
    usage.costUsd = costOf(usage, rt.config.prices);
  };
  try {
    const value = await rt.limiter.run(() => body(sig, usage));
    done();
    return { ok: true, ...value, usage };
  } catch (e) {
    done();
    let err = toLlmError(e);
    if (err.kind === 'cancelled' && budget.aborted && !signal?.aborted) err = new LlmError('timeout', `no answer within ${Math.round(rt.config.timeoutMs / 1000)} s`);
    return { ok: false, error: err.message, kind: err.kind, usage };
  }
};

const AnswerSchema = z.object({ answer: z.string().trim().min(1).max(1200), fact_ids: z.array(z.string()) });

/** The system and user messages of an interviewer template: the question, its facts and a fresh nonce. */
const promptMessages = (
  template: 'interviewer' | 'follow-up',
  question: Question,
  facts: Fact[],
  nonce: string | undefined,
  extra: Record<string, string>,
): { role: 'system' | 'user'; content: string }[] => {
  const t = loadPrompt(template);
  return [
    { role: 'system', content: renderSection(t, 'system', {}) },
    {
      role: 'user',
      content: renderSection(t, 'user', {
        question: `${question.title}\n${question.prompt.trim()}`,
        facts: factLines(facts),
        nonce: nonce ?? randomBytes(8).toString('hex'),
        ...extra,
      }),
    },
  ];
};

/** The interviewer's answer to a clarifying question, from the LLM, grounded in the facts. */
export const answerWithLlm = (
  question: Question,
  asked: string,
  facts: Fact[],
  options: { runtime: LlmRuntime; signal?: AbortSignal; nonce?: string },
): Promise<LlmTextOutcome<{ text: string; factIds: string[] }>> =>
  run(options.runtime, options.signal, async (signal, usage) => {
    const res = await requestJson(context(options.runtime, signal, usage), {
      messages: promptMessages('interviewer', question, facts, options.nonce, { asked: sanitizeAnswer(asked, 2000).text }),
      schema: AnswerSchema,
      schemaName: 'interviewer_answer',
      repairMessage: (errors) => `Your reply could not be used: ${errors}\nReply with only {"answer": "...", "fact_ids": [...]}.`,
    });
    const text = displayText(res.value.answer, 600);
    const invented = inventedFigures(text, [question.prompt, ...facts.map((f) => f.answer)]);
    if (invented.length) {
      throw new LlmError('invalid-output', `the LLM's answer stated figures that are not in the question's facts (${invented.slice(0, 3).join(', ')}); not shown`);
    }
    const known = new Set(facts.map((f) => f.id));
    return { text, factIds: res.value.fact_ids.filter((id) => known.has(id)) };
  });

const FollowUpSchema = z.object({ question: z.string().trim().min(10).max(600) });

/** A deep-dive follow-up question aimed at the candidate's own design (optional feature). */
export const followUpWithLlm = (
  question: Question,
  design: string,
  options: { runtime: LlmRuntime; signal?: AbortSignal; nonce?: string },
): Promise<LlmTextOutcome<{ text: string }>> =>
  run(options.runtime, options.signal, async (signal, usage) => {
    const res = await requestJson(context(options.runtime, signal, usage), {
      messages: promptMessages('follow-up', question, question.facts, options.nonce, { design: sanitizeAnswer(design, 8000).text }),
      schema: FollowUpSchema,
      schemaName: 'follow_up',
      repairMessage: (errors) => `Your reply could not be used: ${errors}\nReply with only {"question": "..."}.`,
    });
    const text = displayText(res.value.question, 400);
    if (!text.endsWith('?')) throw new LlmError('invalid-output', 'the LLM did not ask a question');
    const invented = inventedFigures(text, [question.prompt, design, ...question.facts.map((f) => f.answer)]);
    if (invented.length) throw new LlmError('invalid-output', `the LLM's follow-up stated figures not in the facts or the design (${invented.slice(0, 3).join(', ')})`);
    return { text };
  });

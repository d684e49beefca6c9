// The LLM feature's entry points for the commands and the TUI. Every function resolves (never rejects
// for an LLM problem) with an outcome that either carries the result or says in one line what went wrong,
// and every one takes an AbortSignal so a screen can offer Esc to cancel.
import type { BankQuestion } from '../content/load.js';
import { PHASES, type Phase } from '../content/phases.js';
import type { Question } from '../content/schema.js';
import { answerClarifyingQuestion } from '../interview/clarify.js';
import type { Vocabulary } from '../grade/vocabulary.js';
import type { FollowUpGrade, PhaseGrade } from '../grade/types.js';
import type { DataPaths } from '../storage/paths.js';
import { loadSettings, SettingsSchema, type Settings, type SettingsInput } from '../storage/settings.js';
import { PHASE_TITLES } from '../render/grade-markdown.js';
import { LlmError } from './errors.js';
import { gradeWithLlm, type GradeOptions, type GradeTarget } from './grade.js';
import { answerWithLlm, followUpWithLlm } from './interviewer.js';
import type { LlmGradeOutcome } from './record-schema.js';
import { createLlmRuntime, FAKE_ENV, llmWanted, resolveLlmConfig, type LlmOverrides, type LlmRuntime } from './runtime.js';
import { redactUrl } from './server-profiles.js';
import type { ChatTransport } from './transport.js';
import { emptyUsage, type LlmUsage } from './usage.js';

export interface LlmCallOptions {
  signal?: AbortSignal;
  /** Defaults to the saved settings (read silently: the TUI owns the screen). */
  settings?: SettingsInput;
  overrides?: LlmOverrides;
  paths?: DataPaths;
  /** Replaces the network (tests). */
  transport?: ChatTransport;
  /** Reuse one runtime across calls (shares the concurrency limit and what was learned about the server). */
  runtime?: LlmRuntime;
  noCache?: boolean;
  samples?: number;
}

export interface LlmStatus {
  /** A model is set (and, for api.openai.com, a key): the LLM can be asked. */
  configured: boolean;
  /** The `grader` setting asks for the LLM's second opinion. */
  grading: boolean;
  model: string | null;
  baseURL: string | null;
  /** Why it is not configured, in one line. */
  problem: string | null;
}

// Settings handed in are parsed again, so a partial object still gets every default.
const settingsOf = (o: LlmCallOptions): Settings =>
  o.settings ? SettingsSchema.parse(o.settings) : loadSettings({ paths: o.paths, warn: () => undefined }).settings;

/** What the TUI needs to decide whether to offer LLM features. */
export const llmStatus = (input: SettingsInput, env: NodeJS.ProcessEnv = process.env): LlmStatus => {
  const settings = SettingsSchema.parse(input);
  const r = resolveLlmConfig(settings.llm, {}, env);
  if ('error' in r) {
    return { configured: false, grading: llmWanted(settings.grader), model: settings.llm.model ?? null, baseURL: null, problem: r.error.message };
  }
  return { configured: true, grading: llmWanted(settings.grader), model: r.config.model, baseURL: redactUrl(r.config.baseURL), problem: null };
};

export const runtimeFor = (o: LlmCallOptions): LlmRuntime | LlmError =>
  o.runtime ?? createLlmRuntime({ settings: settingsOf(o).llm, overrides: o.overrides, paths: o.paths, transport: o.transport });

const failure = (e: LlmError): LlmGradeOutcome => ({ ok: false, error: e.message, kind: e.kind, usage: emptyUsage() });

const gradeOpts = (o: LlmCallOptions): GradeOptions => ({ signal: o.signal, noCache: o.noCache, samples: o.samples });

export const phaseTarget = (entry: BankQuestion, phase: Phase, answer: string, rubric: PhaseGrade): GradeTarget => ({
  questionTitle: entry.question.title,
  questionPrompt: entry.question.prompt,
  part: `${PHASE_TITLES[phase]} phase`,
  items: entry.items[phase],
  reference: entry.question.reference[phase],
  answer,
  rubric,
});

/** The LLM's second opinion on one phase of an interview; store the outcome in session.phases[phase].llm. */
export const gradeSessionPhaseWithLlm = async (
  entry: BankQuestion,
  phase: Phase,
  answer: string,
  rubric: PhaseGrade,
  options: LlmCallOptions = {},
): Promise<LlmGradeOutcome> => {
  const rt = runtimeFor(options);
  if (rt instanceof LlmError) return failure(rt);
  return gradeWithLlm(rt, phaseTarget(entry, phase, answer, rubric), gradeOpts(options));
};

/** The LLM's second opinion on the answer to one follow-up question. */
export const gradeFollowUpWithLlm = async (
  entry: BankQuestion,
  followUpId: string,
  answer: string,
  rubric: FollowUpGrade,
  options: LlmCallOptions = {},
): Promise<LlmGradeOutcome> => {
  const f = entry.question.followUps.find((x) => x.id === followUpId);
  if (!f) return failure(new LlmError('not-configured', `unknown follow-up "${followUpId}"`));
  const rt = runtimeFor(options);
  if (rt instanceof LlmError) return failure(rt);
  return gradeWithLlm(
    rt,
    { questionTitle: entry.question.title, questionPrompt: entry.question.prompt, part: `Follow-up question: ${f.question}`, items: f.items, reference: f.reference, answer, rubric },
    gradeOpts(options),
  );
};

/** All four phases, concurrently within the runtime's limit; `answers` holds each phase's text. */
export const gradePhasesWithLlm = async (
  entry: BankQuestion,
  answers: Partial<Record<Phase, string>>,
  rubric: Partial<Record<Phase, PhaseGrade>>,
  options: LlmCallOptions = {},
): Promise<Partial<Record<Phase, LlmGradeOutcome>>> => {
  const rt = runtimeFor(options);
  const phases = PHASES.filter((p) => answers[p] !== undefined && rubric[p]);
  if (rt instanceof LlmError) return Object.fromEntries(phases.map((p) => [p, failure(rt)]));
  const results = await Promise.all(phases.map((p) => gradeWithLlm(rt, phaseTarget(entry, p, answers[p]!, rubric[p]!), gradeOpts(options))));
  return Object.fromEntries(phases.map((p, i) => [p, results[i]!]));
};

export interface ClarifyOutcome {
  text: string;
  factIds: string[];
  /** facts: matched offline; llm: answered by the LLM; fallback: neither (the standard "your call"). */
  source: 'facts' | 'llm' | 'fallback';
  /** Why the LLM was not used or failed, in one line (for a dim status line). */
  note: string | null;
  usage: LlmUsage | null;
}

/**
 * A clarifying question: the question's facts first (offline, instant); the LLM only for a question no
 * fact matches, and only when configured. Any LLM failure falls back to the standard answer.
 */
export const answerClarifyingWithLlm = async (
  question: Question,
  asked: string,
  vocab: Vocabulary,
  options: LlmCallOptions = {},
): Promise<ClarifyOutcome> => {
  const offline = answerClarifyingQuestion(question, asked, vocab);
  if (offline.factIds.length > 0) return { ...offline, source: 'facts', note: null, usage: null };
  const settings = settingsOf(options);
  if (!options.runtime && !options.transport && !process.env[FAKE_ENV] && !llmStatus(settings).configured) {
    return { ...offline, source: 'fallback', note: null, usage: null };
  }
  const rt = runtimeFor({ ...options, settings });
  if (rt instanceof LlmError) return { ...offline, source: 'fallback', note: rt.message, usage: null };
  const r = await answerWithLlm(question, asked, question.facts, { runtime: rt, signal: options.signal });
  if (!r.ok) return { ...offline, source: 'fallback', note: `LLM: ${r.error}`, usage: r.usage };
  return { text: r.text, factIds: r.factIds, source: 'llm', note: null, usage: r.usage };
};

/** Optional: a deep-dive follow-up tailored to the candidate's design; null text when unavailable. */
export const tailoredFollowUpWithLlm = async (
  question: Question,
  design: string,
  options: LlmCallOptions = {},
): Promise<{ text: string | null; note: string | null; usage: LlmUsage | null }> => {
  const rt = runtimeFor(options);
  if (rt instanceof LlmError) return { text: null, note: rt.message, usage: null };
  const r = await followUpWithLlm(question, design, { runtime: rt, signal: options.signal });
  return r.ok ? { text: r.text, note: null, usage: r.usage } : { text: null, note: `LLM: ${r.error}`, usage: r.usage };
};

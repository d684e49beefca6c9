// The LLM half of `sdcoach grade`: decide whether to ask, ask with a spinner (Ctrl-C skips), and shape
// the outcome for JSON. Kept apart from grade.ts so the rubric path stays readable; the openai SDK is
// only loaded once a request is actually made.
import type { BankQuestion } from '../core/content/load.js';
import { PHASES, type Phase } from '../core/content/phases.js';
import { overallScore } from '../core/grade/grader.js';
import type { PhaseGrade } from '../core/grade/types.js';
import { UserError } from '../core/errors.js';
import { gradePhasesWithLlm } from '../core/llm/api.js';
import type { LlmGradeOutcome } from '../core/llm/record-schema.js';
import { llmWanted, type LlmOverrides } from '../core/llm/runtime.js';
import { sumUsage } from '../core/llm/usage.js';
import { loadSettingsAsync } from '../core/storage/settings.js';

export interface LlmFlags {
  llm?: boolean;
  model?: string;
  baseUrl?: string;
  samples?: string;
  cache?: boolean;
  requireLlm?: boolean;
}

export interface LlmPlan {
  overrides: LlmOverrides;
  noCache: boolean;
  require: boolean;
}

/** Flags override settings: --llm/--no-llm, and --model, --base-url, --samples, --require-llm imply --llm. */
export const planLlm = async (opts: LlmFlags): Promise<LlmPlan | null> => {
  let samples: number | undefined;
  if (opts.samples !== undefined) {
    samples = Number(opts.samples);
    if (!Number.isInteger(samples) || samples < 1 || samples > 10) throw new UserError('--samples must be a whole number from 1 to 10', { exitCode: 2 });
  }
  if (opts.baseUrl !== undefined && !/^https?:\/\/\S+$/i.test(opts.baseUrl)) {
    throw new UserError(`--base-url must be an http(s) URL, e.g. http://localhost:11434/v1 (got "${opts.baseUrl}")`, { exitCode: 2 });
  }
  const implied = opts.model !== undefined || opts.baseUrl !== undefined || samples !== undefined || opts.requireLlm === true;
  const wanted = opts.llm ?? (implied || llmWanted((await loadSettingsAsync()).settings.grader));
  if (!wanted) return null;
  return { overrides: { model: opts.model, baseURL: opts.baseUrl, samples }, noCache: opts.cache === false, require: opts.requireLlm === true };
};

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Runs the LLM for the given phases with a stderr spinner on a terminal; Ctrl-C cancels only the LLM. */
export const runLlm = async (
  entry: BankQuestion,
  answers: Partial<Record<Phase, string>>,
  rubric: Partial<Record<Phase, PhaseGrade>>,
  plan: LlmPlan,
  quiet: boolean,
): Promise<{ outcomes: Partial<Record<Phase, LlmGradeOutcome>>; cancelled: boolean }> => {
  const ctrl = new AbortController();
  const onSigint = (): void => ctrl.abort();
  process.on('SIGINT', onSigint);
  const tty = !quiet && process.stderr.isTTY === true;
  let frame = 0;
  const timer = tty
    ? setInterval(() => process.stderr.write(`\r${SPINNER[frame++ % SPINNER.length]} Asking the LLM for a second opinion… (Ctrl-C to skip)`), 100)
    : undefined;
  try {
    const outcomes = await gradePhasesWithLlm(entry, answers, rubric, {
      signal: ctrl.signal,
      settings: (await loadSettingsAsync({ warn: () => undefined })).settings,
      overrides: plan.overrides,
      noCache: plan.noCache,
    });
    return { outcomes, cancelled: ctrl.signal.aborted };
  } finally {
    process.off('SIGINT', onSigint);
    if (timer) {
      clearInterval(timer);
      process.stderr.write('\r\u001b[2K');
    }
  }
};

/** `llm` in `grade --json`: the spec's shape plus a few explanatory fields. */
export const llmJson = (o: LlmGradeOutcome): Record<string, unknown> => {
  if (!o.ok) return { error: o.error, kind: o.kind };
  return {
    score: o.score,
    rubricScore: o.rubricScore,
    items: Object.fromEntries(
      o.items.map((i) => [i.id, { verdict: i.verdict, evidence: i.evidence, rationale: i.rationale, unverified: i.unverified, agreement: i.agreement }]),
    ),
    flags: o.flags,
    untrusted: o.untrusted,
    summary: o.summary,
    samples: o.samples,
    model: o.model,
    baseURL: o.baseURL,
    mode: o.mode,
    cached: o.cached,
    usage: o.usage,
  };
};

/** The whole-document LLM score: phase-weighted like the rubric's, only when every phase succeeded. */
export const documentLlm = (outcomes: Partial<Record<Phase, LlmGradeOutcome>>, rubricScore: number): Record<string, unknown> => {
  const list = PHASES.map((p) => outcomes[p]).filter((o): o is LlmGradeOutcome => o !== undefined);
  const failed = list.filter((o) => !o.ok);
  const usage = sumUsage(list.map((o) => o.usage).filter((u) => u !== undefined));
  if (failed.length) {
    const first = failed[0] as Extract<LlmGradeOutcome, { ok: false }>;
    return { error: failed.length === list.length ? first.error : `${failed.length} of ${list.length} phases failed: ${first.error}`, kind: first.kind, usage };
  }
  const ok = list as Extract<LlmGradeOutcome, { ok: true }>[];
  const score = overallScore(Object.fromEntries(PHASES.map((p) => [p, outcomes[p]])) as Partial<Record<Phase, { score: number }>>);
  const flags = ok.flatMap((o) => o.flags.filter((f) => f.kind === 'injection').slice(0, 1));
  if (Math.abs(score - rubricScore) >= 20) {
    flags.push({ kind: 'score-disagreement', message: `the LLM scores ${score}/100 overall, ${Math.abs(score - rubricScore)} points from the rubric's ${rubricScore}/100` });
  }
  return { score, rubricScore, flags, model: ok[0]?.model, usage };
};

export const firstFailure = (outcomes: Partial<Record<Phase, LlmGradeOutcome>>): string | null => {
  for (const p of PHASES) {
    const o = outcomes[p];
    if (o && !o.ok) return o.error;
  }
  return null;
};

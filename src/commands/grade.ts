import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { PHASES, type Phase } from '../core/content/phases.js';
import { Grader } from '../core/grade/grader.js';
import { splitPhases } from '../core/grade/split.js';
import type { PhaseGrade } from '../core/grade/types.js';
import { findQuestion, loadBankFor, requireValidBank } from './context.js';
import { renderMarkdown } from '../render/markdown.js';
import { phaseGradeMarkdown } from '../core/render/grade-markdown.js';
import type { LlmGradeOutcome } from '../core/llm/record-schema.js';
import type * as LlmGrade from './llm-grade.js';
import type * as LlmMarkdown from '../core/llm/markdown.js';
import type { LlmFlags } from './llm-grade.js';
import { peekSetting } from '../core/storage/settings-peek.js';

export interface GradeOptions extends LlmFlags {
  phase?: Phase;
  json?: boolean;
}

interface LlmContext {
  m: typeof LlmGrade;
  md: typeof LlmMarkdown;
  plan: NonNullable<Awaited<ReturnType<typeof LlmGrade.planLlm>>>;
}

/**
 * The LLM modules (client, schemas, settings through conf) load only when the LLM may be used: a flag asks
 * for it, or the settings file says `grader: llm|both`. Plain rubric grading never pays for them.
 */
const llmContext = async (opts: GradeOptions): Promise<LlmContext | null> => {
  const flagged = opts.llm === true || opts.model !== undefined || opts.baseUrl !== undefined || opts.samples !== undefined || opts.requireLlm === true;
  const configured = opts.llm !== false && typeof peekSetting('grader') === 'string' && peekSetting('grader') !== 'rubric';
  if (!flagged && !configured) return null;
  const m = await import('./llm-grade.js');
  const plan = await m.planLlm(opts);
  return plan ? { m, md: await import('../core/llm/markdown.js'), plan } : null;
};

/** After the output: `--require-llm` turns an LLM failure into exit 1; Ctrl-C during the LLM is 130. */
const finishLlm = (ctx: LlmContext, outcomes: Partial<Record<Phase, LlmGradeOutcome>>, cancelled: boolean): void => {
  const failure = ctx.m.firstFailure(outcomes);
  if (cancelled) process.exitCode = 130;
  else if (failure && ctx.plan.require) {
    process.stderr.write(`sdcoach: --require-llm: ${ctx.md.llmFailureLine(failure)}\n`);
    process.exitCode = 1;
  }
};

const readAnswer = async (file: string | undefined): Promise<string> => {
  if (file && file !== '-') {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(`cannot read answer file ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { exitCode: 2 });
    }
  }
  if (process.stdin.isTTY) {
    throw new UserError('no answer given: pass a file, or pipe the answer on stdin', {
      exitCode: 2,
      hint: 'Example: sdcoach grade url-shortener answer.md --phase design',
    });
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** `sdcoach grade <id> [file] [--phase p] [--json]` */
export const gradeCommand = async (id: string, file: string | undefined, opts: GradeOptions, cmd: Command): Promise<void> => {
  const bank = await loadBankFor(cmd);
  requireValidBank(bank);
  const entry = findQuestion(bank, id);
  const answer = await readAnswer(file);
  const grader = new Grader(bank);
  const base = { question: entry.question.id, grader: 'rubric' as const, rubricVersion: entry.rubricVersion };
  const ctx = await llmContext(opts);

  if (opts.phase) {
    const phase = opts.phase;
    const g = grader.gradePhase(entry, phase, answer);
    const llm = ctx ? await ctx.m.runLlm(entry, { [phase]: answer }, { [phase]: g }, ctx.plan, opts.json === true) : null;
    const o = llm?.outcomes[phase];
    if (opts.json) {
      const out = { ...base, phase: g.phase, score: g.score, items: g.items, notes: g.notes, ...(o && ctx ? { llm: ctx.m.llmJson(o) } : {}) };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      const md = [`# ${entry.question.title}`, '', phaseGradeMarkdown(g)];
      if (o && ctx) md.push('', ctx.md.llmPhaseMarkdown(o, g.items));
      process.stdout.write(renderMarkdown(md.join('\n')));
    }
    if (llm && ctx) finishLlm(ctx, llm.outcomes, llm.cancelled);
    return;
  }

  const split = splitPhases(answer);
  if (!split.found && answer.trim() !== '') {
    throw new UserError('no phase headings found in the answer; add "## Requirements", "## Estimation", "## Design", "## Deep dive" sections, or pass --phase', {
      exitCode: 2,
    });
  }
  const doc = answer.trim() === '' ? null : grader.gradeDocument(entry, answer);
  const phases = doc?.phases ?? Object.fromEntries(PHASES.map((p) => [p, grader.gradePhase(entry, p, '')]));
  const score = doc?.score ?? 0;
  const notes = doc?.notes ?? ['Empty answer: nothing to grade.'];
  // A phase without a section is graded as empty: every item missed, no request made.
  const sections = Object.fromEntries(PHASES.map((p) => [p, split.sections[p] ?? ''])) as Record<Phase, string>;
  const llm = ctx ? await ctx.m.runLlm(entry, sections, phases, ctx.plan, opts.json === true) : null;
  if (opts.json) {
    const out = {
      ...base,
      score,
      phases: Object.fromEntries(
        PHASES.map((p) => {
          const g = phases[p] as PhaseGrade;
          const o = llm?.outcomes[p];
          return [p, { ...base, phase: p, score: g.score, items: g.items, notes: g.notes, ...(o && ctx ? { llm: ctx.m.llmJson(o) } : {}) }];
        }),
      ),
      notes,
      ...(llm && ctx ? { llm: ctx.m.documentLlm(llm.outcomes, score) } : {}),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const md = [`# ${entry.question.title}: ${score}/100`, ''];
    if (llm && ctx) {
      const d = ctx.m.documentLlm(llm.outcomes, score);
      md.push(d.error === undefined ? `> Second opinion (LLM ${String(d.model)}): ${String(d.score)}/100` : `> ${ctx.md.llmFailureLine(String(d.error))}`);
    }
    md.push(...notes.map((n) => `> ${n}`), '');
    for (const p of PHASES) {
      md.push(phaseGradeMarkdown(phases[p] as PhaseGrade), '');
      const o = llm?.outcomes[p];
      if (o?.ok && ctx) md.push(ctx.md.llmPhaseMarkdown(o, (phases[p] as PhaseGrade).items), '');
    }
    process.stdout.write(renderMarkdown(md.join('\n')));
  }
  if (llm && ctx) finishLlm(ctx, llm.outcomes, llm.cancelled);
};

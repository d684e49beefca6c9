import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { PHASES, type Phase } from '../core/content/schema.js';
import { Grader } from '../core/grade/grader.js';
import { splitPhases } from '../core/grade/split.js';
import type { PhaseGrade } from '../core/grade/types.js';
import { findQuestion, loadBankFor, requireValidBank } from './context.js';
import { renderMarkdown } from '../render/markdown.js';
import { phaseGradeMarkdown } from '../core/render/grade-markdown.js';

export interface GradeOptions {
  phase?: Phase;
  json?: boolean;
}

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
  const bank = loadBankFor(cmd);
  requireValidBank(bank);
  const entry = findQuestion(bank, id);
  const answer = await readAnswer(file);
  const grader = new Grader(bank);
  const base = { question: entry.question.id, grader: 'rubric' as const, rubricVersion: entry.rubricVersion };

  if (opts.phase) {
    const g = grader.gradePhase(entry, opts.phase, answer);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ ...base, phase: g.phase, score: g.score, items: g.items, notes: g.notes }, null, 2)}\n`);
    } else {
      process.stdout.write(renderMarkdown(`# ${entry.question.title}\n\n${phaseGradeMarkdown(g)}`));
    }
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
  if (opts.json) {
    const out = {
      ...base,
      score,
      phases: Object.fromEntries(
        PHASES.map((p) => {
          const g = phases[p] as PhaseGrade;
          return [p, { ...base, phase: p, score: g.score, items: g.items, notes: g.notes }];
        }),
      ),
      notes,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const md = [`# ${entry.question.title}: ${score}/100`, '', ...notes.map((n) => `> ${n}`), ''];
  for (const p of PHASES) md.push(phaseGradeMarkdown(phases[p] as PhaseGrade), '');
  process.stdout.write(renderMarkdown(md.join('\n')));
};

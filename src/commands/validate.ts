import type { Command } from 'commander';
import { formatProblem, loadBank } from '../core/content/load.js';
import { packDirs } from './context.js';
import { selfCheck } from '../core/content/self-check.js';
import { PHASES } from '../core/content/phases.js';

export interface ValidateOptions {
  json?: boolean;
  selfCheck?: boolean | string[];
}

const OWN_MIN = 80;
const CROSS_MAX = 40;

/** `sdcoach validate [dir...]`: the built-in bank plus packs (or only the given packs), one line per problem. */
export const validateCommand = async (dirs: string[], opts: ValidateOptions, cmd: Command): Promise<void> => {
  const packs = [...packDirs(cmd), ...dirs];
  const bank = loadBank({ packs, withConcepts: true });
  const problems = bank.problems;
  if (opts.json) {
    // One JSON document: the self-check, when asked for, is part of it.
    const check = opts.selfCheck ? runSelfCheck(bank, opts) : undefined;
    process.stdout.write(
      `${JSON.stringify({ ok: problems.length === 0 && !check?.failures, questions: bank.questions.size, cards: bank.cards.length, quiz: bank.quiz.length, problems, ...(check ?? {}) }, null, 2)}\n`,
    );
    process.exitCode = problems.length === 0 && !check?.failures ? 0 : 1;
    return;
  } else if (problems.length === 0) {
    process.stdout.write(
      `ok: ${bank.questions.size} questions, ${bank.cards.length} concept cards, ${bank.quiz.length} quiz items${packs.length ? ` (packs: ${packs.join(', ')})` : ''}\n`,
    );
  } else {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`${problems.length} problem(s)\n`);
  }
  process.exitCode = problems.length === 0 ? 0 : 1;
  if (opts.selfCheck) runSelfCheck(bank, opts);
};

const runSelfCheck = (bank: ReturnType<typeof loadBank>, opts: ValidateOptions): { selfCheck: ReturnType<typeof selfCheck>; failures: number } => {
  const ids = Array.isArray(opts.selfCheck) ? opts.selfCheck : undefined;
  const results = selfCheck(bank, ids);
  let failures = 0;
  const lines: string[] = [];
  for (const r of results) {
    for (const p of PHASES) {
      const c = r.phases[p];
      const bad = c.own < OWN_MIN || c.maxCross > CROSS_MAX;
      if (bad) failures++;
      lines.push(
        `${bad ? '✗' : '✓'} ${r.id} ${p}: own ${c.own}, max other ${c.maxCross}${c.maxCrossQuestion ? ` (${c.maxCrossQuestion})` : ''}${c.missed.length ? `; outline misses: ${c.missed.join(', ')}` : ''}`,
      );
    }
    for (const f of r.followUps) {
      const bad = f.score < OWN_MIN;
      if (bad) failures++;
      lines.push(`${bad ? '✗' : '✓'} ${r.id} follow-up ${f.id}: ${f.score}${f.missed.length ? `; reference misses: ${f.missed.join(', ')}` : ''}`);
    }
  }
  if (!opts.json) process.stdout.write(`${lines.join('\n')}\n${failures} self-check failure(s) (own outline must score >= ${OWN_MIN}, others <= ${CROSS_MAX})\n`);
  if (failures > 0) process.exitCode = 1;
  return { selfCheck: results, failures };
};

import type { Command } from 'commander';
import { formatProblem, loadBank } from '../core/content/load.js';
import { packDirs } from './context.js';

export interface ValidateOptions {
  json?: boolean;
}

/** `sdcoach validate [dir...]`: the built-in bank plus packs (or only the given packs), one line per problem. */
export const validateCommand = async (dirs: string[], opts: ValidateOptions, cmd: Command): Promise<void> => {
  const packs = [...packDirs(cmd), ...dirs];
  const bank = loadBank({ packs, withConcepts: true });
  const problems = bank.problems;
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: problems.length === 0, questions: bank.questions.size, cards: bank.cards.length, quiz: bank.quiz.length, problems }, null, 2)}\n`,
    );
  } else if (problems.length === 0) {
    process.stdout.write(
      `ok: ${bank.questions.size} questions, ${bank.cards.length} concept cards, ${bank.quiz.length} quiz items${packs.length ? ` (packs: ${packs.join(', ')})` : ''}\n`,
    );
  } else {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`${problems.length} problem(s)\n`);
  }
  process.exitCode = problems.length === 0 ? 0 : 1;
};

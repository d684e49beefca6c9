// Shared plumbing for commands: global options, loading the bank with user packs, looking up a question.
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { packDirs } from './pack-dirs.js';
import { closestIds, formatProblem, loadBankCached, type Bank, type BankQuestion } from '../core/content/bank.js';

export interface GlobalOptions {
  bank?: string[];
}

export const globalOptions = (cmd: Command): GlobalOptions => cmd.optsWithGlobals() as GlobalOptions;

export { packDirs };

/**
 * The bank for a command: from the warm parse cache when nothing changed (no YAML parser, no zod), else
 * parsed and validated by load.ts, which also refreshes the cache.
 */
export const loadBankFor = async (cmd: Command, withConcepts = false): Promise<Bank> => {
  const options = { packs: packDirs(cmd), withConcepts };
  return loadBankCached(options) ?? (await import('../core/content/load.js')).loadBank(options);
};

/**
 * A broken file elsewhere in the bank should not stop grading a healthy question: warn once on stderr
 * (the broken question itself is then "unknown" with a pointer to validate).
 */
export const bankWarning = (bank: Bank): string | null =>
  bank.problems.length > 0
    ? `the question bank has ${bank.problems.length} problem(s), first: ${formatProblem(bank.problems[0]!)} (run \`sdcoach validate\`)`
    : null;

export const requireValidBank = (bank: Bank): void => {
  const warning = bankWarning(bank);
  if (warning) process.stderr.write(`sdcoach: warning: ${warning}\n`);
};

export const findQuestion = (bank: Bank, id: string): BankQuestion => {
  const direct = bank.questions.get(id);
  if (direct) return direct;
  const q = id.toLowerCase();
  for (const entry of bank.questions.values()) {
    if (entry.question.aliases.some((a) => a.toLowerCase() === q) || entry.question.title.toLowerCase() === q) return entry;
  }
  const suggestions = closestIds(id, [...bank.questions.values()].map((e) => e.question));
  throw new UserError(
    `unknown question "${id}"${suggestions.length ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : ''}`,
    { exitCode: 2, hint: 'Run `sdcoach questions` to list them.' },
  );
};

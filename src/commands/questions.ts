import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { PHASES } from '../core/content/phases.js';
import type { BankQuestion } from '../core/content/load.js';
import { loadBankFor, requireValidBank } from './context.js';
import { textTable as table } from '../core/render/text-table.js';

export interface QuestionsOptions {
  json?: boolean;
  difficulty?: string;
  tag?: string;
  concepts?: boolean;
}

const DIFFICULTIES = ['easy', 'medium', 'hard'];

export const questionSummary = (e: BankQuestion) => ({
  id: e.question.id,
  title: e.question.title,
  aliases: e.question.aliases,
  difficulty: e.question.difficulty,
  tags: e.question.tags,
  sources: e.question.sources,
  rubricItems: Object.fromEntries(PHASES.map((p) => [p, e.items[p].length])) as Record<(typeof PHASES)[number], number>,
  followUps: e.question.followUps.length,
});

export const questionsCommand = async (opts: QuestionsOptions, cmd: Command): Promise<void> => {
  if (opts.difficulty && !DIFFICULTIES.includes(opts.difficulty)) {
    throw new UserError(`--difficulty must be one of ${DIFFICULTIES.join(', ')} (got "${opts.difficulty}")`, { exitCode: 2 });
  }
  const bank = await loadBankFor(cmd, Boolean(opts.concepts));
  requireValidBank(bank);

  if (opts.concepts) {
    const cards = bank.cards.filter((c) => !opts.tag || c.tags.includes(opts.tag));
    const quiz = bank.quiz.filter((q) => !opts.tag || q.tags.includes(opts.tag) || q.system === opts.tag);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ cards, quiz }, null, 2)}\n`);
      return;
    }
    const rows = cards.map((c) => [c.id, c.level, c.tags.join(', '), c.question]);
    process.stdout.write(table(['card', 'level', 'tags', 'question'], rows));
    const byType = new Map<string, number>();
    for (const q of quiz) byType.set(q.type, (byType.get(q.type) ?? 0) + 1);
    process.stdout.write(
      `\n${cards.length} concept cards; ${quiz.length} quiz items (${[...byType].map(([t, n]) => `${n} ${t}`).join(', ') || 'none'})\n`,
    );
    return;
  }

  const list = [...bank.questions.values()]
    .filter((e) => !opts.difficulty || e.question.difficulty === opts.difficulty)
    .filter((e) => !opts.tag || e.question.tags.includes(opts.tag))
    .sort((a, b) => a.question.id.localeCompare(b.question.id))
    .map(questionSummary);

  if (opts.json) {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  if (list.length === 0) {
    process.stdout.write('No questions match.\n');
    return;
  }
  const rows = list.map((q) => [q.id, q.difficulty, q.title, q.tags.join(', '), String(q.followUps)]);
  process.stdout.write(table(['id', 'level', 'title', 'tags', 'follow-ups'], rows));
  process.stdout.write(`\n${list.length} question(s). Practise one with \`sdcoach practice <id>\`.\n`);
};

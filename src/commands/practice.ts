// `sdcoach practice [id]`, `sdcoach resume` and bare `sdcoach`: the interactive commands. They refuse to
// run without a terminal (one stderr line naming `sdcoach grade`, nothing on stdout) and only then load Ink.
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { PHASES, type Phase } from '../core/content/phases.js';
import { bankWarning, findQuestion, loadBankFor } from './context.js';
import type { TuiOptions } from '../ui/run-tui.js';

type TuiStart = TuiOptions['start'];

export interface PracticeOptions {
  minutes?: string;
  phaseMinutes?: string;
  difficulty?: string;
  tag?: string;
  random?: boolean;
  strict?: boolean;
  followUps?: string;
}

const requireTty = (what: string): void => {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(`${what} needs an interactive terminal; to grade a written answer use \`sdcoach grade <id> answer.md\``, { exitCode: 2 });
  }
};

/** The default split of a 45-minute interview: 5/5/15/20. */
export const DEFAULT_SPLIT: Record<Phase, number> = { requirements: 5, estimation: 5, design: 15, 'deep-dive': 20 };

const parseMinutes = (opts: PracticeOptions): Partial<Record<Phase, number>> | undefined => {
  if (opts.phaseMinutes) {
    const parts = opts.phaseMinutes.split(/[,/]/).map((x) => Number(x.trim()));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n <= 0 || n > 240)) {
      throw new UserError(`--phase-minutes needs four positive numbers like 5,5,15,20 (got "${opts.phaseMinutes}")`, { exitCode: 2 });
    }
    return Object.fromEntries(PHASES.map((p, i) => [p, parts[i]!]));
  }
  if (opts.minutes) {
    const total = Number(opts.minutes);
    if (!Number.isFinite(total) || total < 4 || total > 600) throw new UserError(`--minutes must be a number from 4 to 600 (got "${opts.minutes}")`, { exitCode: 2 });
    // Scale the default split; keep whole minutes where possible.
    return Object.fromEntries(PHASES.map((p) => [p, Math.max(1, Math.round(((DEFAULT_SPLIT[p] * total) / 45) * 10) / 10)]));
  }
  return undefined;
};

const parseFollowUps = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 8) throw new UserError(`--follow-ups must be a whole number from 0 to 8 (got "${v}")`, { exitCode: 2 });
  return n;
};

export const practiceCommand = async (id: string | undefined, opts: PracticeOptions, cmd: Command): Promise<void> => {
  requireTty('sdcoach practice');
  const minutesPerPhase = parseMinutes(opts);
  const followUps = parseFollowUps(opts.followUps);
  if (opts.difficulty && !['easy', 'medium', 'hard'].includes(opts.difficulty)) {
    throw new UserError(`--difficulty must be one of easy, medium, hard (got "${opts.difficulty}")`, { exitCode: 2 });
  }
  const bank = await loadBankFor(cmd);
  let start: TuiStart;
  if (id) start = { kind: 'question', entry: findQuestion(bank, id) };
  else {
    const pool = [...bank.questions.values()].filter(
      (e) => (!opts.difficulty || e.question.difficulty === opts.difficulty) && (!opts.tag || e.question.tags.includes(opts.tag)),
    );
    if (pool.length === 0) throw new UserError('no question matches --difficulty/--tag', { exitCode: 2, hint: 'Run `sdcoach questions` to see tags.' });
    if (opts.random || opts.difficulty || opts.tag) start = { kind: 'question', entry: pool[Math.floor(Math.random() * pool.length)]! };
    else start = { kind: 'picker' };
  }
  const { runTui } = await import('../ui/run-tui.js');
  process.exitCode = await runTui({ bank, start, minutesPerPhase, followUps, strict: opts.strict, warning: bankWarning });
};

export const resumeCommand = async (id: string | undefined, _opts: unknown, cmd: Command): Promise<void> => {
  requireTty('sdcoach resume');
  // Imported here, not above: the home screen (this module's other user) draws before the store loads.
  const { SessionStore } = await import('../core/storage/session-store.js');
  const store = new SessionStore();
  const target = id ? store.get(id) : store.findResumable();
  if (!target) throw new UserError('there is no unfinished session to resume', { exitCode: 1, hint: 'Start one with `sdcoach practice`.' });
  if (target.session.status !== 'in-progress') throw new UserError(`session ${target.id} is ${target.session.status}; review it with \`sdcoach review ${target.id}\``);
  const bank = await loadBankFor(cmd);
  const { runTui } = await import('../ui/run-tui.js');
  process.exitCode = await runTui({ bank, start: { kind: 'resume', id: target.id }, warning: bankWarning });
};

export const homeCommand = async (cmd: Command): Promise<void> => {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    cmd.outputHelp();
    return;
  }
  // The home screen draws first; the bank loads just after (the menu does not need it).
  const { runTui } = await import('../ui/run-tui.js');
  process.exitCode = await runTui({ bank: () => loadBankFor(cmd), start: { kind: 'home' }, warning: bankWarning });
};

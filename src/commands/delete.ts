// `sdcoach delete <id>`: asks on a terminal; without one it needs --yes, and refuses otherwise.
import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { UserError } from '../core/errors.js';
import { formatDateTime } from '../core/render/format.js';
import { SessionStore } from '../core/storage/session-store.js';

export interface DeleteOptions {
  yes?: boolean;
}

const confirm = async (question: string): Promise<boolean> => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
};

export const deleteCommand = async (ref: string, opts: DeleteOptions, _cmd: Command): Promise<void> => {
  const store = new SessionStore();
  const id = store.resolveId(ref);
  if (!opts.yes) {
    if (!process.stdin.isTTY || !process.stderr.isTTY) {
      throw new UserError(`refusing to delete session ${id} without a terminal to confirm on; pass --yes`, { exitCode: 2 });
    }
    let what: string;
    try {
      const { session: s } = store.get(id);
      what = `${s.questionTitle || s.questionId}, ${formatDateTime(s.startedAt)}, ${s.status}`;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      what = 'unreadable';
    }
    if (!(await confirm(`Delete session ${id} (${what})? This cannot be undone. [y/N] `))) {
      process.stderr.write('Nothing deleted.\n');
      process.exitCode = 1;
      return;
    }
  }
  const { file } = store.remove(id);
  process.stdout.write(`Deleted session ${id} (${file}).\n`);
};

// One error handler for every command: user errors print one line (plus a hint) to stderr and set the
// exit code; anything else is a bug and prints its stack.
import { isUserError } from '../core/errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const runMain = <A extends any[]>(fn: (...args: A) => Promise<void>) =>
  async (...args: A): Promise<void> => {
    try {
      await fn(...args);
    } catch (e) {
      if (isUserError(e)) {
        process.stderr.write(`sdcoach: ${e.message}\n`);
        if (e.hint) process.stderr.write(`${e.hint}\n`);
        process.exitCode = e.exitCode;
        return;
      }
      process.stderr.write(`sdcoach: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    }
  };

// The extra question packs a command was given. Its own module so that `stats`, which needs only the
// folders, does not load the bank modules that context.ts (which re-exports it) brings.
import type { Command } from 'commander';

/** Extra packs: `--bank` flags first, then SDCOACH_BANK (colon-separated). */
export const packDirs = (cmd: Command): string[] => {
  const fromFlag = (cmd.optsWithGlobals() as { bank?: string[] }).bank ?? [];
  const fromEnv = (process.env.SDCOACH_BANK ?? '').split(':').filter(Boolean);
  return [...fromFlag, ...fromEnv];
};

// The extra question packs a command was given, for commands that need only the folders: context.ts
// has the same rule (packDirs) but loads the bank modules with it, which `stats` does not need. A test
// checks that the two agree.
import type { Command } from 'commander';

/** Extra packs: `--bank` flags first, then SDCOACH_BANK (colon-separated). */
export const packDirs = (cmd: Command): string[] => {
  const fromFlag = (cmd.optsWithGlobals() as { bank?: string[] }).bank ?? [];
  const fromEnv = (process.env.SDCOACH_BANK ?? '').split(':').filter(Boolean);
  return [...fromFlag, ...fromEnv];
};

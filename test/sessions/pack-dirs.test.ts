import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { packDirs as fromContext } from '../../src/commands/context.js';
import { packDirs } from '../../src/commands/pack-dirs.js';

// `stats` reads the pack folders through pack-dirs.ts so that it need not load the bank; the rule must
// stay the one context.ts applies for every other command.
const parsed = (args: string[]): Command => {
  const program = new Command('sdcoach').option('--bank <dir>', 'pack', (dir: string, acc: string[]) => [...acc, dir], [] as string[]);
  let sub: Command | undefined;
  program.command('stats').action((_opts, cmd: Command) => void (sub = cmd));
  program.parse(['node', 'sdcoach', ...args, 'stats']);
  return sub!;
};

const saved = process.env.SDCOACH_BANK;
afterEach(() => {
  if (saved === undefined) delete process.env.SDCOACH_BANK;
  else process.env.SDCOACH_BANK = saved;
});

describe('pack folders for stats', () => {
  it.each([
    [[], undefined],
    [[], ''],
    [['--bank', 'a'], undefined],
    [['--bank', 'a', '--bank', 'b'], 'c:d'],
    [[], 'c::d:'],
  ])('agree with context.ts for %j and SDCOACH_BANK=%j', (args, env) => {
    if (env === undefined) delete process.env.SDCOACH_BANK;
    else process.env.SDCOACH_BANK = env;
    const cmd = parsed(args);
    expect(packDirs(cmd)).toEqual(fromContext(cmd));
  });

  it('lists --bank flags first, then SDCOACH_BANK', () => {
    process.env.SDCOACH_BANK = 'c:d';
    expect(packDirs(parsed(['--bank', 'a', '--bank', 'b']))).toEqual(['a', 'b', 'c', 'd']);
  });
});

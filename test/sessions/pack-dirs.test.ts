import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { packDirs } from '../../src/commands/pack-dirs.js';

// The pack folders every command loads (context.ts re-exports this rule).
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
  ])('for %j and SDCOACH_BANK=%j, keep the flags and the non-empty parts of the variable', (args, env) => {
    if (env === undefined) delete process.env.SDCOACH_BANK;
    else process.env.SDCOACH_BANK = env;
    const flags = args.filter((_, i) => i % 2 === 1);
    expect(packDirs(parsed(args))).toEqual([...flags, ...(env ?? '').split(':').filter(Boolean)]);
  });

  it('lists --bank flags first, then SDCOACH_BANK', () => {
    process.env.SDCOACH_BANK = 'c:d';
    expect(packDirs(parsed(['--bank', 'a', '--bank', 'b']))).toEqual(['a', 'b', 'c', 'd']);
  });
});

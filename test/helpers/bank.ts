import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank, type Bank } from '../../src/core/content/load.js';
import { ROOT } from './cli.js';

let cached: Bank | undefined;
/** The built-in bank, loaded once per test file. */
export const builtInBank = (): Bank => (cached ??= loadBank({ withConcepts: true }));

export const SEEDS_DIR = join(ROOT, '..', 'shared', 'seeds');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'answers');

export const fixtureIds = (): string[] => (existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((d) => !d.startsWith('.')).sort() : []);
export const fixture = (id: string, name: string): string | undefined => {
  const f = join(FIXTURES, id, name);
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
};

// Facts carry over from the source documents; sentences do not. Any run of 12 consecutive words shared
// between the shipped content and a seed document fails this test.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { SEEDS_DIR } from '../helpers/bank.js';

const N = 12;
const words = (t: string): string[] => t.toLowerCase().match(/[a-z0-9]+/g) ?? [];

const walk = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? walk(p) : [p];
      })
    : [];

const seedsPresent = existsSync(SEEDS_DIR);
if (!seedsPresent) console.warn(`own-words test skipped: the source documents are not at ${SEEDS_DIR}`);

describe.skipIf(!seedsPresent)('own words', () => {
  it('shares no run of 12 words with a source document', () => {
    const grams = new Set<string>();
    for (const f of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'))) {
      const w = words(readFileSync(join(SEEDS_DIR, f), 'utf8'));
      for (let i = 0; i + N <= w.length; i++) grams.add(w.slice(i, i + N).join(' '));
    }
    const files = ['question-bank', 'rubrics', 'prompts'].flatMap((d) => walk(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(0);
    const copied: string[] = [];
    for (const file of files) {
      const w = words(readFileSync(file, 'utf8'));
      for (let i = 0; i + N <= w.length; i++) {
        const g = w.slice(i, i + N).join(' ');
        if (grams.has(g)) {
          copied.push(`${relative(ROOT, file)}: "${g}"`);
          break;
        }
      }
    }
    expect(copied).toEqual([]);
  });
});

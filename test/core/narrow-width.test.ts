// The fast path for text width must agree with string-width, character by character and in any mix.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { narrowWidth } from '../../src/core/render/narrow-width.js';
import { ROOT } from '../helpers/cli.js';

type Width = (s: string, o?: { ambiguousIsNarrow?: boolean }) => number;
// The versions Ink itself resolves (its own, and wrap-ansi's), wherever npm placed them.
const versionsUsedByInk = async (): Promise<Record<string, Width>> => {
  const out: Record<string, Width> = {};
  const ink = createRequire(join(ROOT, 'package.json')).resolve('ink');
  for (const from of ['ink', 'wrap-ansi', 'widest-line', 'cli-truncate']) {
    const req = createRequire(from === 'ink' ? ink : createRequire(ink).resolve(from));
    const path = req.resolve('string-width');
    const version = (JSON.parse(readFileSync(join(dirname(path), 'package.json'), 'utf8')) as { version: string }).version;
    out[version] ??= ((await import(pathToFileURL(path).href)) as { default: Width }).default;
  }
  return out;
};

describe('narrowWidth', () => {
  let real: Record<string, Width> = {};
  const narrow: string[] = [];
  beforeAll(async () => {
    real = await versionsUsedByInk();
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (narrowWidth(ch) !== undefined) narrow.push(ch);
    }
  });

  it('covers the characters the screens use, and leaves emoji, CJK, combining marks and escapes to string-width', () => {
    for (const s of ['❯ Start a mock interview', '↑↓ move · Enter choose', '✓ covered — “quoted” … ✗', '─'.repeat(40), '⠋ waiting', 'naïve café'])
      expect(narrowWidth(s)).toBe(s.length);
    for (const s of ['日本', 'ok 👍', 'e\u0301', 'a\u200Db', '\u001B[1mbold\u001B[22m', '⚠ warning', 'tab\there']) expect(narrowWidth(s)).toBeUndefined();
    expect(narrowWidth('· ambiguous', { ambiguousIsNarrow: false })).toBeUndefined();
  });

  it('gives width 1 for every character of the class, as every string-width version Ink uses does', () => {
    expect(Object.keys(real).length).toBeGreaterThan(0);
    expect(narrow.length).toBeGreaterThan(1000);
    for (const [version, width] of Object.entries(real)) {
      const wrong = narrow.filter((ch) => width(ch) !== 1).map((ch) => `U+${ch.charCodeAt(0).toString(16)}`);
      expect(wrong, `string-width ${version}`).toEqual([]);
    }
  });

  it('agrees with string-width on random mixes of the class (no two characters join)', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 2000; i++) {
      const s = Array.from({ length: 1 + Math.floor(next() * 12) }, () => narrow[Math.floor(next() * narrow.length)]).join('');
      for (const width of Object.values(real)) expect(width(s)).toBe(narrowWidth(s));
    }
  });
});

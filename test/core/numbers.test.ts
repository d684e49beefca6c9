import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantities } from '../../src/core/grade/numbers.js';

const first = (s: string) => {
  const m = parseQuantities(s)[0];
  if (!m) throw new Error(`no quantity in ${s}`);
  return m;
};

describe('parseQuantities', () => {
  it.each([
    ['1.2k', 'count', 1200],
    ['1,200', 'count', 1200],
    ['~1200/s', 'rate', 1200],
    ['120K QPS', 'rate', 120_000],
    ['1.2 × 10^3', 'count', 1200],
    ['1.2 x 10^3 writes', 'count', 1200],
    ['3.5 trillion', 'count', 3.5e12],
    ['62^7', 'count', 62 ** 7],
    ['91 TB', 'bytes', 91e12],
    ['500 bytes', 'bytes', 500],
    ['2 KB per message', 'bytes', 2000],
    ['5 years', 'duration', 5 * 365 * 86_400],
    ['500ms', 'duration', 0.5],
    ['100M/day', 'rate', 1e8 / 86_400],
    ['10B redirects/day', 'rate', 1e10 / 86_400],
    ['2.5M updates/sec', 'rate', 2.5e6],
    ['1,200 new URLs per second', 'rate', 1200],
    ['about 1,160 writes a second', 'rate', 1160],
    ['QPS: 3,500', 'rate', 3500],
    ['6,000 per minute', 'rate', 100],
    ['1 Gbps', 'bytes/s', 125e6],
    ['40 MB/s', 'bytes/s', 40e6],
    ['99.99%', 'percent', 99.99],
    ['1e9 rows', 'count', 1e9],
  ])('%s → %s %d', (text, kind, value) => {
    const m = first(text);
    expect(m.kind).toBe(kind);
    expect(m.value).toBeCloseTo(value, 3);
  });

  it('keeps the time unit a rate was written in', () => {
    expect(first('100M/day').per).toBe('day');
    expect(first('1.2k writes/s').per).toBe('second');
  });

  it('reads every quantity of a line of working, in order', () => {
    const all = parseQuantities('100M × 365 × 5 = 182.5B URLs; × 500 bytes ≈ 91 TB');
    expect(all.map((m) => m.kind)).toEqual(['count', 'count', 'count', 'count', 'bytes', 'bytes']);
    expect(all[3]!.value).toBeCloseTo(182.5e9);
    expect(all[5]!.value).toBeCloseTo(91e12);
  });

  it('does not read digits inside words as numbers', () => {
    expect(parseQuantities('base62 keys in s3 with p99')).toEqual([]);
  });
});

describe('formatQuantity', () => {
  it.each([
    [1157, 'requests/s', '≈1,157 per second'],
    [91e12, 'bytes', '≈91 TB'],
    [125e6, 'bytes/s', '≈125 MB/s'],
    [3.5e12, 'count', '≈3.5 trillion'],
    [7, 'count', '≈7'],
  ] as const)('%d %s → %s', (v, unit, out) => expect(formatQuantity(v, unit)).toBe(out));
});

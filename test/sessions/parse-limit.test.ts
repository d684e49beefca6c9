import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { parseLimit } from '../../src/commands/history.js';

// `history --limit` used to be read by zod; the hand-written check must accept and reject the same input.
const Before = z.coerce.number().int().positive();

describe('history --limit', () => {
  it.each(['1', '5', ' 5 ', '5.0', '5.5', '0', '-0', '-1', '', ' ', 'abc', '1e3', '0x10', '0b11', '+3', 'Infinity', 'NaN', '9007199254740991', '9007199254740992', '1e300', '\t7\n'])(
    'reads %j as zod did',
    (raw) => {
      const before = Before.safeParse(raw);
      if (before.success) expect(parseLimit(raw)).toBe(before.data);
      else expect(() => parseLimit(raw)).toThrow(`--limit must be a positive whole number (got "${raw}")`);
    },
  );

  it('is optional', () => {
    expect(parseLimit(undefined)).toBeUndefined();
  });
});

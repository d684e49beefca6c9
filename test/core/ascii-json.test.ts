import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../src/core/ascii-json.js';

describe('asciiJson', () => {
  it('writes only ASCII and reads back the same value', () => {
    const value = { title: 'Design a chat — WhatsApp “style” → 10× reads', emoji: 'ok 👍', cjk: '日本', del: '\u007f', nested: [{ s: 'café' }], n: 1.5, nul: null };
    const text = asciiJson(value);
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual(value);
    expect(asciiJson({ plain: 'abc' })).toBe(JSON.stringify({ plain: 'abc' }));
  });
});

import { describe, expect, it } from 'vitest';
import { parseKeys } from '../../src/ui/keys.js';
import { commandFor, footerFor, KEYMAP } from '../../src/ui/keymap.js';

describe('parseKeys', () => {
  it.each([
    ['\r', 'enter'],
    ['\x1b\r', 'alt-enter'],
    ['\x7f', 'backspace'],
    ['\x1b[3~', 'delete'],
    ['\b', 'ctrl-h'],
    ['\x04', 'ctrl-d'],
    ['\x05', 'ctrl-e'],
    ['\x03', 'ctrl-c'],
    ['\x1b[1;5D', 'word-left'],
    ['\x1b[5~', 'page-up'],
    ['\x1b[200~', 'paste-start'],
  ])('%j → %s', (data, name) => expect(parseKeys(data)).toEqual([{ kind: 'key', name }]));

  it('keeps pasted text with line breaks as text', () => {
    expect(parseKeys('a\rb\r')).toEqual([{ kind: 'text', text: 'a\rb\r' }]);
  });
  it('reads a leading Enter before typed text as a key', () => {
    expect(parseKeys('\rShorten')).toEqual([
      { kind: 'key', name: 'enter' },
      { kind: 'text', text: 'Shorten' },
    ]);
  });
  it('reads Tab as a key even inside a chunk of text', () => {
    expect(parseKeys('\tHow many?')).toEqual([
      { kind: 'key', name: 'tab' },
      { kind: 'text', text: 'How many?' },
    ]);
  });
  it('splits an escape sequence glued to the text after it', () => {
    expect(parseKeys('\x1b[200~Writes: 100M')).toEqual([
      { kind: 'key', name: 'paste-start' },
      { kind: 'text', text: 'Writes: 100M' },
    ]);
  });
  it('separates a control key that arrives in the same chunk as text', () => {
    expect(parseKeys('answer\x04')).toEqual([
      { kind: 'text', text: 'answer' },
      { kind: 'key', name: 'ctrl-d' },
    ]);
  });
});

describe('keymap', () => {
  it('binds each key once per context', () => {
    for (const ctx of ['editor', 'ask', 'viewer', 'menu'] as const) {
      const keys = KEYMAP.filter((b) => b.contexts.includes(ctx)).flatMap((b) => b.keys);
      expect(new Set(keys).size, ctx).toBe(keys.length);
    }
  });
  it('submits with Ctrl-D or Alt-Enter and inserts a newline with Enter in the editor', () => {
    expect(commandFor('editor', 'ctrl-d')).toBe('submit');
    expect(commandFor('editor', 'alt-enter')).toBe('submit');
    expect(commandFor('editor', 'enter')).toBe('newline');
    expect(commandFor('ask', 'enter')).toBe('send-question');
  });
  it('draws the footer from the table', () => {
    expect(footerFor('editor')).toContain('Ctrl-D submit phase');
    expect(footerFor('editor', { ask: false })).not.toContain('Tab');
  });
});

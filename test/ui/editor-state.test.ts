import { describe, expect, it } from 'vitest';
import { cursorPosition, editorReducer, emptyEditor, layout, wordCount, type EditorAction, type EditorState } from '../../src/ui/editor/editor-state.js';

const run = (s: EditorState, actions: EditorAction[], width = 20, height = 5): EditorState => actions.reduce(editorReducer(width, height), s);

describe('editor model', () => {
  it('applies a paste delivered in many chunks completely, in order', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `line ${i} with some words to wrap around the width`).join('\n');
    const chunks: EditorAction[] = [];
    for (let i = 0; i < text.length; i += 97) chunks.push({ type: 'insert', text: text.slice(i, i + 97) });
    const s = run(emptyEditor(), chunks, 60, 10);
    expect(s.text).toBe(text);
    expect(s.cursor).toBe(text.length);
    expect(text.length).toBeGreaterThan(50_000);
  });

  it('turns "text\\r" and CRLF into newlines and drops other control characters', () => {
    const s = run(emptyEditor(), [{ type: 'insert', text: 'first\r' }, { type: 'insert', text: 'second\r\nthird\u0007' }]);
    expect(s.text).toBe('first\nsecond\nthird');
  });

  it('deletes whole graphemes: emoji with modifiers and combining marks', () => {
    const family = '👨‍👩‍👧';
    const thumbs = '👍🏽';
    let s = run(emptyEditor(), [{ type: 'insert', text: `a${family}${thumbs}e\u0301` }]);
    s = run(s, [{ type: 'backspace' }]);
    expect(s.text).toBe(`a${family}${thumbs}`);
    s = run(s, [{ type: 'backspace' }]);
    expect(s.text).toBe(`a${family}`);
    s = run(s, [{ type: 'left' }, { type: 'delete' }]);
    expect(s.text).toBe('a');
    expect(s.text.isWellFormed()).toBe(true);
  });

  it('moves by word and to line ends', () => {
    let s = run(emptyEditor('alpha beta gamma'), [{ type: 'word-left' }]);
    expect(s.cursor).toBe(11);
    s = run(s, [{ type: 'word-left' }, { type: 'word-backspace' }]);
    expect(s.text).toBe('beta gamma');
    s = run(s, [{ type: 'home' }]);
    expect(s.cursor).toBe(0);
    s = run(s, [{ type: 'word-right' }, { type: 'end' }]);
    expect(s.cursor).toBe(s.text.length);
  });

  it('wraps at word boundaries and moves up and down through visual lines', () => {
    const text = 'the quick brown fox jumps over the lazy dog';
    const lines = layout(text, 12);
    expect(lines.map((l) => l.text)).toEqual(['the quick ', 'brown fox ', 'jumps over ', 'the lazy dog']);
    let s = run(emptyEditor(text), [{ type: 'up' }], 12);
    expect(cursorPosition(layout(s.text, 12), s.cursor).row).toBe(2);
    s = run(s, [{ type: 'up' }, { type: 'up' }, { type: 'up' }], 12);
    expect(cursorPosition(layout(s.text, 12), s.cursor).row).toBe(0);
  });

  it('cuts words longer than the width and counts wide characters as two columns', () => {
    expect(layout('abcdefghij', 4).map((l) => l.text)).toEqual(['abcd', 'efgh', 'ij']);
    expect(layout('漢字漢字漢字', 4).map((l) => l.text)).toEqual(['漢字', '漢字', '漢字']);
  });

  it('pages and keeps the cursor in view', () => {
    const text = Array.from({ length: 50 }, (_, i) => `row ${i}`).join('\n');
    let s = run(emptyEditor(text), [{ type: 'page-up' }], 20, 10);
    expect(cursorPosition(layout(s.text, 20), s.cursor).row).toBe(40);
    expect(s.scroll).toBeLessThanOrEqual(40);
    expect(s.scroll + 10).toBeGreaterThan(40);
    s = run(s, [{ type: 'page-down' }, { type: 'page-down' }], 20, 10);
    expect(s.cursor).toBe(text.length);
  });

  it('counts words', () => {
    expect(wordCount("Redis isn't a DB; it's a cache — 2 nodes")).toBe(9);
  });
});

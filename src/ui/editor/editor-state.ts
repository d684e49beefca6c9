// The answer editor's model: text + cursor, moved by grapheme (never half an emoji), wrapped to the
// width for up/down/page movement. Pure, so it is tested without rendering; every input event is applied
// to the latest state, which is what keeps a 50 KB paste delivered in chunks complete.
import stringWidth from 'string-width';

export interface EditorState {
  text: string;
  /** UTF-16 index, always on a grapheme boundary. */
  cursor: number;
  /** Display column kept while moving up and down through shorter lines. */
  goalCol: number | null;
  /** First visual line shown. */
  scroll: number;
}

export type EditorAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'word-backspace' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'word-left' }
  | { type: 'word-right' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'page-up' }
  | { type: 'page-down' }
  | { type: 'set'; text: string };

export interface VisualLine {
  start: number;
  /** Exclusive; excludes the newline. */
  end: number;
  text: string;
}

// Made on first use: the first Intl.Segmenter loads ICU's break-iterator data, which the home screen never needs.
let graphemeSegmenter: Intl.Segmenter | undefined;
const segmenter = (): Intl.Segmenter => (graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

export const graphemes = (s: string): string[] => Array.from(segmenter().segment(s), (g) => g.segment);

const prevBoundary = (text: string, i: number): number => {
  if (i <= 0) return 0;
  // Look back a little: a grapheme is rarely longer than a few dozen code units.
  const from = Math.max(0, i - 64);
  let last = from;
  for (const g of segmenter().segment(text.slice(from, i))) last = from + g.index;
  return last;
};

const nextBoundary = (text: string, i: number): number => {
  if (i >= text.length) return text.length;
  const first = segmenter().segment(text.slice(i, i + 64))[Symbol.iterator]().next().value;
  return i + (first?.segment.length ?? 1);
};

/** Wraps one logical line at word boundaries where possible; long words are cut by grapheme. */
const wrapLine = (text: string, offset: number, width: number, out: VisualLine[]): void => {
  if (text === '') {
    out.push({ start: offset, end: offset, text: '' });
    return;
  }
  let lineStart = 0;
  let col = 0;
  let lastSpace = -1;
  let pos = 0;
  for (const { segment } of segmenter().segment(text)) {
    const w = segment === '\t' ? 2 : stringWidth(segment);
    if (col + w > width && pos > lineStart) {
      const cut = lastSpace > lineStart ? lastSpace : pos;
      out.push({ start: offset + lineStart, end: offset + cut, text: text.slice(lineStart, cut) });
      lineStart = cut;
      col = stringWidth(text.slice(lineStart, pos));
      lastSpace = -1;
    }
    col += w;
    pos += segment.length;
    if (segment === ' ') lastSpace = pos;
  }
  out.push({ start: offset + lineStart, end: offset + text.length, text: text.slice(lineStart) });
};

const layoutCache = new Map<string, VisualLine[]>();

/** Visual lines of the text at a width (cached per logical line: typing re-wraps one line, not 20 KB). */
export const layout = (text: string, width: number): VisualLine[] => {
  const w = Math.max(4, width);
  const out: VisualLine[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const key = `${w}\u0000${line}`;
    const cached = layoutCache.get(key);
    if (cached) {
      for (const l of cached) out.push({ start: l.start + offset, end: l.end + offset, text: l.text });
    } else {
      const local: VisualLine[] = [];
      wrapLine(line, 0, w, local);
      if (layoutCache.size > 4000) layoutCache.clear();
      layoutCache.set(key, local);
      for (const l of local) out.push({ start: l.start + offset, end: l.end + offset, text: l.text });
    }
    offset += line.length + 1;
  }
  return out;
};

/** Row and display column of the cursor. */
export const cursorPosition = (lines: VisualLine[], cursor: number): { row: number; col: number } => {
  let row = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (cursor >= l.start && cursor <= l.end) {
      row = i;
      // At a soft wrap the cursor belongs to the next line.
      const next = lines[i + 1];
      if (cursor === l.end && next && next.start === l.end) continue;
      break;
    }
  }
  const l = lines[row]!;
  return { row, col: stringWidth(l.text.slice(0, cursor - l.start)) };
};

/** Index in a visual line at a display column (snapped to graphemes). */
const indexAtCol = (line: VisualLine, col: number): number => {
  let w = 0;
  let i = line.start;
  for (const { segment } of segmenter().segment(line.text)) {
    const gw = stringWidth(segment);
    if (w + gw > col) break;
    w += gw;
    i += segment.length;
  }
  return i;
};

const isWord = (ch: string): boolean => /[\p{L}\p{N}_]/u.test(ch);

const wordLeft = (text: string, i: number): number => {
  let j = i;
  while (j > 0 && !isWord(text[j - 1]!)) j--;
  while (j > 0 && isWord(text[j - 1]!)) j--;
  return j;
};
const wordRight = (text: string, i: number): number => {
  let j = i;
  while (j < text.length && !isWord(text[j]!)) j++;
  while (j < text.length && isWord(text[j]!)) j++;
  return j;
};

export const emptyEditor = (text = ''): EditorState => ({ text, cursor: text.length, goalCol: null, scroll: 0 });

/** Normalises pasted or typed text: CR/CRLF become newlines, other control characters are dropped. */
export const cleanInput = (s: string): string =>
  s
    .replace(/\r\n?/g, '\n')
    // A tab would render at the terminal's tab stops and break the layout: two spaces instead.
    .replace(/\t/g, '  ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

export const editorReducer =
  (width: number, height: number) =>
  (s: EditorState, a: EditorAction): EditorState => {
    const next = apply(s, a, width, height);
    return next === s ? s : scrollIntoView(next, width, height);
  };

const apply = (s: EditorState, a: EditorAction, width: number, height: number): EditorState => {
  const { text, cursor } = s;
  const move = (c: number, goalCol: number | null = null): EditorState => ({ ...s, cursor: Math.max(0, Math.min(text.length, c)), goalCol });
  const edit = (t: string, c: number): EditorState => ({ ...s, text: t, cursor: c, goalCol: null });
  switch (a.type) {
    case 'insert': {
      const t = cleanInput(a.text);
      if (!t) return s;
      return edit(text.slice(0, cursor) + t + text.slice(cursor), cursor + t.length);
    }
    case 'set':
      return { ...emptyEditor(a.text) };
    case 'backspace': {
      if (cursor === 0) return s;
      const p = prevBoundary(text, cursor);
      return edit(text.slice(0, p) + text.slice(cursor), p);
    }
    case 'word-backspace': {
      if (cursor === 0) return s;
      const p = wordLeft(text, cursor);
      return edit(text.slice(0, p) + text.slice(cursor), p);
    }
    case 'delete': {
      if (cursor >= text.length) return s;
      return edit(text.slice(0, cursor) + text.slice(nextBoundary(text, cursor)), cursor);
    }
    case 'left':
      return move(prevBoundary(text, cursor));
    case 'right':
      return move(nextBoundary(text, cursor));
    case 'word-left':
      return move(wordLeft(text, cursor));
    case 'word-right':
      return move(wordRight(text, cursor));
    case 'home':
    case 'end': {
      const lines = layout(text, width);
      const { row } = cursorPosition(lines, cursor);
      const l = lines[row]!;
      return move(a.type === 'home' ? l.start : l.end);
    }
    case 'up':
    case 'down':
    case 'page-up':
    case 'page-down': {
      const lines = layout(text, width);
      const { row, col } = cursorPosition(lines, cursor);
      const goal = s.goalCol ?? col;
      const delta = a.type === 'up' ? -1 : a.type === 'down' ? 1 : a.type === 'page-up' ? -Math.max(1, height - 1) : Math.max(1, height - 1);
      const target = Math.max(0, Math.min(lines.length - 1, row + delta));
      if (target === row) return move(delta < 0 ? 0 : text.length, goal);
      const line = lines[target]!;
      let at = indexAtCol(line, goal);
      // The end of a soft-wrapped line is the start of the next one: stay on the line we moved to.
      if (at === line.end && lines[target + 1]?.start === line.end && at > line.start) at = prevBoundary(text, at);
      return move(at, goal);
    }
  }
};

const scrollIntoView = (s: EditorState, width: number, height: number): EditorState => {
  const lines = layout(s.text, width);
  const { row } = cursorPosition(lines, s.cursor);
  let scroll = s.scroll;
  if (row < scroll) scroll = row;
  if (row >= scroll + height) scroll = row - height + 1;
  scroll = Math.max(0, Math.min(scroll, Math.max(0, lines.length - height)));
  return scroll === s.scroll ? s : { ...s, scroll };
};

export const wordCount = (text: string): number => (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu) ?? []).length;

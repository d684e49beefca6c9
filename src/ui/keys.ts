// Raw terminal input → named keys. Ink's useInput folds Backspace (\x7f) and Delete (ESC[3~) into one
// flag and reads Ctrl-H as Backspace, so sdcoach reads Ink's raw input events and names keys itself.
export type KeyName =
  | 'enter'
  | 'alt-enter'
  | 'backspace'
  | 'delete'
  | 'word-backspace'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'word-left'
  | 'word-right'
  | 'home'
  | 'end'
  | 'page-up'
  | 'page-down'
  | 'tab'
  | 'shift-tab'
  | 'escape'
  | 'paste-start'
  | 'paste-end'
  | `ctrl-${string}`
  | 'unknown';

export type KeyEvent = { kind: 'text'; text: string } | { kind: 'key'; name: KeyName };

const SEQUENCES: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x1b\r': 'alt-enter',
  '\x1b\n': 'alt-enter',
  '\x7f': 'backspace',
  '\x1b\x7f': 'word-backspace',
  '\x1b\b': 'word-backspace',
  '\x17': 'word-backspace',
  '\x1b[3~': 'delete',
  '\x1b[D': 'left',
  '\x1b[C': 'right',
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1bOD': 'left',
  '\x1bOC': 'right',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1b[1;5D': 'word-left',
  '\x1b[1;5C': 'word-right',
  '\x1b[1;3D': 'word-left',
  '\x1b[1;3C': 'word-right',
  '\x1bb': 'word-left',
  '\x1bf': 'word-right',
  '\x1b[H': 'home',
  '\x1b[F': 'end',
  '\x1bOH': 'home',
  '\x1bOF': 'end',
  '\x1b[1~': 'home',
  '\x1b[4~': 'end',
  '\x1b[7~': 'home',
  '\x1b[8~': 'end',
  '\x1b[5~': 'page-up',
  '\x1b[6~': 'page-down',
  '\t': 'tab',
  '\x1b[Z': 'shift-tab',
  '\x1b': 'escape',
  '\x1b\x1b': 'escape',
  '\x1b[200~': 'paste-start',
  '\x1b[201~': 'paste-end',
  '\b': 'ctrl-h',
};

/**
 * One raw input event → key events. A fast typist's or a script's chunk can hold text followed by a
 * control key ("answer\x04"): the text and the key are reported separately, in order.
 */
const PREFIXES = Object.keys(SEQUENCES)
  .filter((k) => k.startsWith('\x1b') && k.length > 1)
  .sort((a, b) => b.length - a.length);

export const parseKeys = (data: string): KeyEvent[] => {
  if (data.length <= 1 || SEQUENCES[data]) return [parseKey(data)];
  if (data.startsWith('\x1b')) {
    // An escape sequence glued to what follows ("\x1b[200~text" at the start of a paste).
    // eslint-disable-next-line no-control-regex
    const prefix = PREFIXES.find((p) => data.startsWith(p)) ?? /^\x1b\[[0-9;?]*[ -/]*[@-~]/.exec(data)?.[0];
    if (!prefix || prefix === data) return [parseKey(data)];
    return [parseKey(prefix), ...parseKeys(data.slice(prefix.length))];
  }
  // Enter followed by typing in one chunk ("\rtext"): the Enter is a key (it may start the clock).
  const lead = /^[\r\n]/.exec(data);
  if (lead && data.length > 1) return [{ kind: 'key', name: 'enter' }, ...parseKeys(data.slice(1))];
  const out: KeyEvent[] = [];
  // eslint-disable-next-line no-control-regex
  for (const part of data.split(/([\u0000-\u0009\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f])/)) {
    if (part) out.push(parseKey(part));
  }
  return out;
};

export const parseKey = (data: string): KeyEvent => {
  const named = SEQUENCES[data];
  if (named) return { kind: 'key', name: named };
  if (data.length === 1) {
    const code = data.charCodeAt(0);
    if (code >= 1 && code <= 26) return { kind: 'key', name: `ctrl-${String.fromCharCode(code + 96)}` };
    if (code < 32) return { kind: 'key', name: 'unknown' };
  }
  if (data.startsWith('\x1b')) {
    // Alt-Enter may arrive as ESC + CR at the end of a chunk; other escape sequences are ignored.
    return { kind: 'key', name: 'unknown' };
  }
  // Text, possibly a pasted chunk with line breaks ("text\r" arrives as one event).
  return { kind: 'text', text: data };
};

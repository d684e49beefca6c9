// A fast path for the terminal width of text made only of characters that are one column wide on their
// own and never join a neighbour into one cluster: ASCII, Latin, general punctuation, arrows, maths, box
// drawing, blocks, some dingbats (❯ ✓ ✗) and braille (the spinner). For such text the width is the length.
//
// The interactive app's bundle routes Ink's `string-width` calls through this first (src/build/bundle.ts):
// string-width segments graphemes and tests emoji patterns on everything else, which costs ~30 ms on first
// use and ~0.1 ms a call, and the screens are mostly such text. test/core/narrow-width.test.ts checks every
// character of the class against both string-width versions Ink uses.
const NARROW =
  /^[\u0020-\u007E\u00A0-\u00A8\u00AA-\u00AC\u00AF-\u02FF\u2010-\u2027\u202F-\u203B\u203D-\u2048\u204A-\u205E\u2190-\u2193\u219A-\u21A8\u21AB-\u22FF\u2500-\u25A9\u25AC-\u25B5\u25B7-\u25BF\u25C1-\u25FA\u2713\u2715\u2717-\u271C\u2765-\u2794\u2800-\u28FF]*$/;

export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

/** The width when every character is in the narrow class (and ambiguous ones count as narrow), else undefined. */
export const narrowWidth = (text: string, options?: WidthOptions): number | undefined =>
  typeof text === 'string' && options?.ambiguousIsNarrow !== false && NARROW.test(text) ? text.length : undefined;

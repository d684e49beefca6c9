// The plain-text table every listing uses, with a fast path for narrow text: string-width segments graphemes
// on every call (~15 µs), which made a 1,000-row `history` spend most of its time measuring cells.
// Same layout: the widest column is truncated with an ellipsis first; no colour.
import { createRequire } from 'node:module';
import { narrowWidth } from './narrow-width.js';

// string-width (and its emoji tables) loads only when a cell holds other characters.
const require = createRequire(import.meta.url);
let sw: ((s: string) => number) | undefined;
const stringWidth = (s: string): number => (sw ??= (require('string-width') as { default: (s: string) => number }).default)(s);

// Text of narrow characters only (ASCII, Latin, dashes, box drawing, the sparkline blocks…) is as wide
// as it is long; narrow-width.ts holds the class, checked against string-width by its tests.
const width = (s: string): number => narrowWidth(s) ?? stringWidth(s);

const truncate = (s: string, max: number): string => {
  if (width(s) <= max) return s;
  if (narrowWidth(s) !== undefined) return `${s.slice(0, Math.max(0, max - 1))}…`;
  let out = '';
  for (const ch of s) {
    if (stringWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
};

const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));

export const textTable = (headers: string[], rows: string[][], maxWidth = process.stdout.columns || 120): string => {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const gap = 2;
  const total = (): number => widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= 8) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? truncate(c, widths[i] ?? 0) : pad(truncate(c, widths[i] ?? 0), widths[i] ?? 0)))
      .join(' '.repeat(gap))
      .trimEnd();
  return `${[line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
};

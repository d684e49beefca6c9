// The plain-text table every listing uses, with an ASCII fast path: string-width segments graphemes
// on every call (~15 µs), which made a 1,000-row `history` spend most of its time measuring cells.
// Same layout: the widest column is truncated with an ellipsis first; no colour.
import { createRequire } from 'node:module';

// string-width (and its emoji tables) loads only when a cell is not plain ASCII.
const require = createRequire(import.meta.url);
let sw: ((s: string) => number) | undefined;
const stringWidth = (s: string): number => (sw ??= (require('string-width') as { default: (s: string) => number }).default)(s);

// Printable ASCII plus the narrow symbols the session tables use (string-width counts them as 1 too).
const PLAIN = /^[\x20-\x7e–─…−±]*$/u;
const width = (s: string): number => (PLAIN.test(s) ? s.length : stringWidth(s));

const truncate = (s: string, max: number): string => {
  if (width(s) <= max) return s;
  if (PLAIN.test(s)) return `${[...s].slice(0, Math.max(0, max - 1)).join('')}…`;
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

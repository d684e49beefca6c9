// A plain-text table that fits the terminal: the widest column (usually a title or tags) is truncated
// with an ellipsis first. No colour, so it reads the same piped or on a TTY.
import stringWidth from 'string-width';

const truncate = (s: string, width: number): string => {
  if (stringWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
};

const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - stringWidth(s)));

export const table = (headers: string[], rows: string[][], maxWidth = process.stdout.columns || 120): string => {
  const widths = headers.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
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

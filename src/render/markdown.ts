// Markdown for the terminal: marked + marked-terminal on a TTY, the Markdown source itself otherwise
// (pipes and files get clean text, no escape codes). The renderer (with its syntax highlighter) is loaded
// on first use, so JSON and piped output never pay for it.
import { createRequire } from 'node:module';
import type { Marked as MarkedClass } from 'marked';

const require = createRequire(import.meta.url);

let instance: MarkedClass | undefined;

const terminalMarked = (width: number): MarkedClass => {
  if (!instance) {
    const { Marked } = require('marked') as { Marked: typeof MarkedClass };
    const { markedTerminal } = require('marked-terminal') as { markedTerminal: (options?: Record<string, unknown>) => unknown };
    instance = new Marked();
    // marked-terminal's typings lag marked's; the extension object is what marked.use() expects.
    instance.use(markedTerminal({ width, reflowText: true, tab: 2 }) as never);
  }
  return instance;
};

export const renderMarkdown = (md: string, options: { tty?: boolean; width?: number } = {}): string => {
  const tty = options.tty ?? Boolean(process.stdout.isTTY);
  if (!tty) return md.endsWith('\n') ? md : `${md}\n`;
  const width = Math.min(options.width ?? process.stdout.columns ?? 80, 100);
  const out = terminalMarked(width).parse(md, { async: false }) as string;
  return out.endsWith('\n') ? out : `${out}\n`;
};

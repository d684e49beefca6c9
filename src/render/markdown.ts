// Markdown for the terminal: marked + marked-terminal on a TTY, the Markdown source itself otherwise
// (pipes and files get clean text, no escape codes).
import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';

let instance: Marked | undefined;

const terminalMarked = (width: number): Marked => {
  if (!instance) {
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

// Runs the built binary in a real pseudo-terminal and reads the screen the way a person would see it:
// the output goes through a headless xterm, and `screen()` returns the visible rows as text.
import { createRequire } from 'node:module';
import type * as PtyModule from '@lydell/node-pty';
import type * as XtermModule from '@xterm/headless';
import { BIN, ROOT } from './cli.js';

export interface TtyRun {
  write(data: string): void;
  /** Visible screen rows, right-trimmed. */
  screen(): string;
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ exitCode: number; signal?: number }>;
  pid: number;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
}

// Both are CommonJS bundles without ESM named exports.
const require = createRequire(import.meta.url);
const pty = require('@lydell/node-pty') as typeof PtyModule;
const xterm = require('@xterm/headless') as typeof XtermModule;

export const KEYS = {
  enter: '\r',
  tab: '\t',
  ctrlC: '\x03',
  ctrlD: '\x04',
  ctrlH: '\b',
  esc: '\x1b',
  down: '\x1b[B',
  up: '\x1b[A',
  pageDown: '\x1b[6~',
  pasteStart: '\x1b[200~',
  pasteEnd: '\x1b[201~',
} as const;

export const runTty = (args: string[], options: { cols?: number; rows?: number; env?: Record<string, string> } = {}): TtyRun => {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 30;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const env = { ...process.env, CI: 'false', FORCE_COLOR: '0', NO_COLOR: '1', TERM: 'xterm-256color', SDCOACH_BANK: '', ...options.env } as Record<string, string>;
  delete env.VITEST;
  const child = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols, rows, cwd: ROOT, env });
  let pending = Promise.resolve();
  child.onData((d: string) => {
    pending = pending.then(() => new Promise<void>((res) => term.write(d, res)));
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((res) => child.onExit((e: { exitCode: number; signal?: number }) => res(e)));
  const screen = (): string => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < term.rows; i++) out.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return out.join('\n');
  };
  return {
    pid: child.pid,
    write: (data) => child.write(data),
    screen,
    exited,
    resize: (c, r) => {
      child.resize(c, r);
      term.resize(c, r);
    },
    kill: (signal) => child.kill(signal),
    waitFor: async (pattern, timeoutMs = 20_000) => {
      const start = Date.now();
      for (;;) {
        await pending;
        const s = screen();
        if (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s)) return s;
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
};

/** Types text the way a terminal delivers fast typing: in small chunks. */
export const type = async (t: TtyRun, text: string, chunk = 16): Promise<void> => {
  for (let i = 0; i < text.length; i += chunk) {
    t.write(text.slice(i, i + chunk));
    await new Promise((r) => setTimeout(r, 5));
  }
};

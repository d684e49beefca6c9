// Helpers for component tests with ink-testing-library: named keys, frames without escape codes, a
// waitFor that polls the last frame, and a fake terminal of any size for layouts other than 100 columns.
import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import type React from 'react';
import { render as inkRender } from 'ink';

/** What a terminal sends for each key. */
export const KEY = {
  enter: '\r',
  tab: '\t',
  backspace: '\x7f',
  escape: '\x1b',
  ctrlC: '\x03',
  ctrlD: '\x04',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  pasteStart: '\x1b[200~',
  pasteEnd: '\x1b[201~',
} as const;

/** The frame as a person reads it: colours and inverse video removed. */
export const plain = (frame: string | undefined): string => stripVTControlCharacters(frame ?? '');

const describePattern = (p: string | RegExp | ((frame: string) => boolean)): string =>
  typeof p === 'function' ? 'a frame passing the check' : JSON.stringify(String(p));

/** Polls the last frame until it contains the pattern (or passes the check); returns that frame. */
export const waitFor = async (
  lastFrame: () => string | undefined,
  pattern: string | RegExp | ((frame: string) => boolean),
  timeoutMs = 5000,
): Promise<string> => {
  const start = Date.now();
  for (;;) {
    const frame = plain(lastFrame());
    const ok = typeof pattern === 'string' ? frame.includes(pattern) : pattern instanceof RegExp ? pattern.test(frame) : pattern(frame);
    if (ok) return frame;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${describePattern(pattern)}; last frame:\n${frame}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Polls a condition outside the frame (a saved file, a callback). */
export const until = async (check: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** A stdout of a given size (ink test/helpers/create-stdout.ts, plus rows and resize). */
class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = (): string | undefined => this.frames.at(-1);
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** A TTY stdin as ink-testing-library builds it: Ink reads it on 'readable' and parses what `write` put there. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  #data: string | null = null;
  write = (data: string): void => {
    this.#data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const d = this.#data;
    this.#data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface SizedRender {
  stdin: FakeStdin;
  stdout: FakeStdout;
  lastFrame: () => string | undefined;
  unmount: () => void;
}

/** Renders into a terminal of `columns`×`rows` (ink-testing-library pins 100 columns and no rows). */
export const renderSized = (tree: React.ReactElement, columns: number, rows: number): SizedRender => {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    stdin,
    stdout,
    lastFrame: stdout.lastFrame,
    unmount: () => {
      instance.unmount();
      instance.cleanup();
    },
  };
};

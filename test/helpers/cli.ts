// Runs the built binary the way a user's shell would: real process, real exit code, no colour.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'sdcoach.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const tempHome = (): string => mkdtempSync(join(tmpdir(), 'sdcoach-test-'));

export const run = (args: string[], options: { input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}): RunResult => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', SDCOACH_BANK: '', ...options.env },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

// Shared by the storage tests: temp data folders and fs doubles that fail the way full or read-only disks do.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataPaths } from '../../src/core/storage/paths.js';
import { nodeFs, type SafeWriteFs } from '../../src/core/storage/safe-write.js';

export const tempPaths = (): DataPaths => {
  const data = mkdtempSync(join(tmpdir(), 'sdcoach-store-'));
  return { data, sessions: join(data, 'sessions'), locks: join(data, 'locks'), config: data };
};

export const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: simulated`), { code });

/** Real fs, except that writes stop after `budget` bytes: a short write, then 0 bytes (a full disk that does not say so). */
export const fullDiskFs = (budget: number): SafeWriteFs => {
  let left = budget;
  return {
    ...nodeFs,
    writeSync: (fd, buffer, offset, length, position) => {
      const n = Math.min(length, left);
      left -= n;
      return n === 0 ? 0 : nodeFs.writeSync(fd, buffer, offset, n, position);
    },
  };
};

/** Real fs whose writes report success for every byte but store only the first `keep` (the write-file-atomic failure). */
export const lyingFs = (keep: number): SafeWriteFs => ({
  ...nodeFs,
  writeSync: (fd, buffer, offset, length, position) => {
    const n = Math.max(0, Math.min(length, keep - position));
    if (n > 0) nodeFs.writeSync(fd, buffer, offset, n, position);
    return length;
  },
});

/** Real fs with one call replaced by a failure. */
export const failingFs = (call: keyof SafeWriteFs, code: string): SafeWriteFs => ({
  ...nodeFs,
  [call]: () => {
    throw errno(code);
  },
});

/** Dot-files ending in .tmp: what an interrupted write leaves behind. */
export const tempFilesIn = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('.') && n.endsWith('.tmp'));

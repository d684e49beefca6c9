import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafeWriteError, safeWriteFile } from '../../src/core/storage/safe-write.js';
import { failingFs, fullDiskFs, lyingFs, tempFilesIn, tempPaths } from './helpers.js';

const setup = (): { dir: string; file: string } => {
  const { data } = tempPaths();
  const file = join(data, 'doc.json');
  writeFileSync(file, 'previous version');
  return { dir: data, file };
};

describe('safeWriteFile', () => {
  it('replaces the file completely and leaves no temp file', () => {
    const { dir, file } = setup();
    const text = 'x'.repeat(100_000) + 'ü';
    safeWriteFile(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it.each([
    ['a short write on a full disk', fullDiskFs(10)],
    ['a write that claims success but stores less', lyingFs(10)],
    ['ENOSPC from write', failingFs('writeSync', 'ENOSPC')],
    ['ENOSPC surfacing at fsync', failingFs('fsyncSync', 'ENOSPC')],
    ['EIO at close', failingFs('closeSync', 'EIO')],
    ['a failing rename', failingFs('renameSync', 'EXDEV')],
  ])('keeps the previous file on %s', (_name, fs) => {
    const { dir, file } = setup();
    expect(() => safeWriteFile(file, 'new content that is long enough to be cut', { fs })).toThrow(SafeWriteError);
    expect(readFileSync(file, 'utf8')).toBe('previous version');
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('names the file and says the disk is full', () => {
    const { file } = setup();
    let error: unknown;
    try {
      safeWriteFile(file, 'x'.repeat(1000), { fs: fullDiskFs(100) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SafeWriteError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/disk is full \(ENOSPC\)/);
  });

  it('gives a clear error on a read-only folder', () => {
    const { file } = setup();
    expect(() => safeWriteFile(file, 'x', { fs: failingFs('openSync', 'EROFS') })).toThrow(/read-only \(EROFS\)/);
    expect(readFileSync(file, 'utf8')).toBe('previous version');
  });

  it('with noClobber refuses to replace an existing file', () => {
    const { dir, file } = setup();
    expect(() => safeWriteFile(file, 'new', { noClobber: true })).toThrow(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('previous version');
    expect(tempFilesIn(dir)).toEqual([]);
    const fresh = join(dir, 'fresh.json');
    safeWriteFile(fresh, 'new', { noClobber: true });
    expect(readFileSync(fresh, 'utf8')).toBe('new');
  });

  it('fails cleanly when the folder does not exist', () => {
    const { dir } = setup();
    const file = join(dir, 'missing', 'doc.json');
    expect(() => safeWriteFile(file, 'x')).toThrow(/folder does not exist/);
    mkdirSync(join(dir, 'missing'));
    safeWriteFile(file, 'x');
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});

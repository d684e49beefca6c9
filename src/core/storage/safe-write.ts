// The one way sdcoach writes a file. write-file-atomic (and conf, which uses it) can report success on a
// full disk yet leave a truncated file behind one unchecked short write, so: write a temp file in the same
// folder completely, check its size, fsync it, rename it over the target, fsync the folder. Any failure
// removes the temp file and leaves the previous target untouched. The fs calls are injected so tests can
// simulate a full disk or a lying short write.
import * as nodeFsModule from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

/** The few fs calls the helper needs; `nodeFs` is the real thing. */
export interface SafeWriteFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fstatSync(fd: number): { size: number };
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  linkSync(existing: string, newPath: string): void;
  unlinkSync(path: string): void;
}

export const nodeFs: SafeWriteFs = {
  openSync: (p, flags, mode) => nodeFsModule.openSync(p, flags, mode),
  writeSync: (fd, buffer, offset, length, position) => nodeFsModule.writeSync(fd, buffer, offset, length, position),
  fstatSync: (fd) => nodeFsModule.fstatSync(fd),
  fsyncSync: (fd) => nodeFsModule.fsyncSync(fd),
  closeSync: (fd) => nodeFsModule.closeSync(fd),
  renameSync: (from, to) => nodeFsModule.renameSync(from, to),
  linkSync: (existing, newPath) => nodeFsModule.linkSync(existing, newPath),
  unlinkSync: (p) => nodeFsModule.unlinkSync(p),
};

/** Temp files are dot-files ending in .tmp, so folder listings can skip the leftovers of a killed write. */
export const isTempFile = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a parent is not a folder',
  EISDIR: 'it is a folder',
  EIO: 'an I/O error occurred',
};

/** A short human reason for an fs error: "the disk is full (ENOSPC)". */
export const describeFsError = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && FS_REASONS[code]) return `${FS_REASONS[code]} (${code})`;
  return (e as Error | undefined)?.message ?? String(e);
};

export class SafeWriteError extends UserError {
  readonly file: string;
  readonly code: string | undefined;

  constructor(file: string, cause: unknown) {
    super(`cannot write ${file}: ${describeFsError(cause)}`, { exitCode: 1 });
    this.name = 'SafeWriteError';
    this.file = file;
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
    this.cause = cause;
  }
}

const fsError = (code: string, message: string): NodeJS.ErrnoException =>
  Object.assign(new Error(message), { code });

export interface SafeWriteOptions {
  fs?: SafeWriteFs;
  /** Fail with EEXIST instead of replacing an existing target (link + unlink instead of rename). */
  noClobber?: boolean;
  mode?: number;
}

/** Writes `data` to `file` all-or-nothing; throws SafeWriteError and keeps the previous file on failure. */
export const safeWriteFile = (file: string, data: string | Uint8Array, options: SafeWriteOptions = {}): void => {
  const fs = options.fs ?? nodeFs;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(tmp, 'wx', options.mode ?? 0o644);
    created = true;
    let written = 0;
    while (written < bytes.length) {
      const n = fs.writeSync(fd, bytes, written, bytes.length - written, written);
      // A write that makes no progress is a full disk that did not say so.
      if (!(n > 0)) throw fsError('ENOSPC', `short write: ${written} of ${bytes.length} bytes`);
      written += n;
    }
    const size = fs.fstatSync(fd).size;
    if (size !== bytes.length) throw fsError('ENOSPC', `short write: the file has ${size} of ${bytes.length} bytes`);
    fs.fsyncSync(fd);
    const closing = fd;
    fd = undefined;
    fs.closeSync(closing);
    if (options.noClobber) {
      fs.linkSync(tmp, file);
      created = false;
      try {
        fs.unlinkSync(tmp);
      } catch {
        // the target is in place; a leftover temp file is ignored by listings
      }
    } else {
      fs.renameSync(tmp, file);
      created = false;
    }
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the original error is the useful one
      }
    }
    if (created) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // a leftover temp file is ignored by listings
      }
    }
    throw new SafeWriteError(file, e);
  }
  fsyncDir(fs, dir);
};

/** Makes the rename durable. Some platforms cannot open or fsync a folder; the data is written by then. */
const fsyncDir = (fs: SafeWriteFs, dir: string): void => {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // EISDIR/EPERM/EINVAL on Windows and some network file systems: nothing more we can do
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // ignore
      }
    }
  }
};

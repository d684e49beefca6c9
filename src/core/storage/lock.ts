// One live instance per session file. proper-lockfile makes <locks>/<id>.lock (mkdir is atomic) and keeps
// its mtime fresh; a lock whose mtime is older than STALE_MS is stale and taken over. Beside it we record
// the owner's pid and host, so a lock left by a killed process on this machine is recovered at once
// instead of after STALE_MS.
import type ProperLockfile from 'proper-lockfile';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { existsSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { UserError } from '../errors.js';
import { safeWriteFile } from './safe-write.js';

export const STALE_MS = 10_000;

interface Owner {
  pid: number;
  host: string;
  at: string;
}

// Checked by hand: three fields, and this module is on the interactive app's start-up path (no zod).
const isOwner = (v: unknown): v is Owner => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return Number.isSafeInteger(o.pid) && (o.pid as number) > 0 && typeof o.host === 'string' && typeof o.at === 'string';
};

export interface SessionLock {
  /** Set when another instance took the lock over (e.g. after this process was suspended too long). */
  readonly compromised: Error | null;
  release(): Promise<void>;
  /** For exit handlers, where nothing asynchronous runs. */
  releaseSync(): void;
}

interface LockTarget {
  file: string;
  lockDir: string;
  ownerFile: string;
}

const target = (locksDir: string, id: string): LockTarget => ({
  file: join(locksDir, id),
  lockDir: join(locksDir, `${id}.lock`),
  ownerFile: join(locksDir, `${id}.owner.json`),
});

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readOwner = (t: LockTarget): Owner | null => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(t.ownerFile, 'utf8'));
    return isOwner(parsed) ? parsed : null;
  } catch {
    return null;
  }
};

/** The lock's recorded owner is a process on this machine that no longer exists. */
const ownerIsDead = (t: LockTarget): boolean => {
  const owner = readOwner(t);
  return owner !== null && owner.host === hostname() && owner.pid !== process.pid && !pidAlive(owner.pid);
};

// proper-lockfile (and graceful-fs, which it patches in) loads on first use: the home screen and the
// session list only ask isLocked(), which needs it only when a lock folder exists.
const require = createRequire(import.meta.url);
let lockfileLib: typeof ProperLockfile | undefined;
const lockfile = (): typeof ProperLockfile => (lockfileLib ??= require('proper-lockfile') as typeof ProperLockfile);

const options = (t: LockTarget, staleMs: number) => ({ stale: staleMs, realpath: false, lockfilePath: t.lockDir });

/** Whether a live instance holds the session (stale locks and dead owners do not count). */
export const isLocked = (locksDir: string, id: string, staleMs = STALE_MS): boolean => {
  const t = target(locksDir, id);
  if (!existsSync(t.lockDir)) return false;
  try {
    return lockfile().checkSync(t.file, options(t, staleMs)) && !ownerIsDead(t);
  } catch {
    return false;
  }
};

export const acquireLock = async (locksDir: string, id: string, staleMs = STALE_MS): Promise<SessionLock> => {
  const t = target(locksDir, id);
  let compromised: Error | null = null;
  const lockOptions = { ...options(t, staleMs), onCompromised: (e: Error) => void (compromised = e) };
  let release: () => Promise<void>;
  try {
    release = await lockfile().lock(t.file, lockOptions);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    if (!ownerIsDead(t)) {
      const owner = readOwner(t);
      throw new UserError(
        `session ${id} is open in another sdcoach${owner ? ` (pid ${owner.pid} on ${owner.host})` : ''}`,
        { exitCode: 1, hint: `Close it there first; a lock left by a crash expires after ${staleMs / 1000} seconds.` },
      );
    }
    // Left by a killed process: clear it and try once more (mkdir decides if two of us race here).
    rmSync(t.lockDir, { recursive: true, force: true });
    release = await lockfile().lock(t.file, lockOptions);
  }
  try {
    safeWriteFile(t.ownerFile, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
  } catch {
    // Best effort: without it a crash's lock is recovered by staleness instead.
  }
  let released = false;
  const forgetOwner = (): void => {
    try {
      unlinkSync(t.ownerFile);
    } catch {
      // gone already
    }
  };
  return {
    get compromised() {
      return compromised;
    },
    release: async () => {
      if (released) return;
      released = true;
      // A compromised lock and its owner file belong to whoever took it over.
      if (compromised) return;
      forgetOwner();
      await release().catch(() => undefined);
    },
    releaseSync: () => {
      if (released) return;
      released = true;
      if (compromised) return;
      forgetOwner();
      try {
        lockfile().unlockSync(t.file, { realpath: false, lockfilePath: t.lockDir });
      } catch {
        // already released
      }
    },
  };
};

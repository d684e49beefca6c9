// The session store: one JSON document per session under <data>/sessions/, written only through
// safeWriteFile, and a lock per live session so two running instances never write the same file.
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { UserError } from '../errors.js';
import { acquireLock, isLocked, STALE_MS, type SessionLock } from './lock.js';
import { newSession, type NewSessionInput } from './new-session.js';
import { dataPaths, type DataPaths } from './paths.js';
import { describeFsError, nodeFs, safeWriteFile, SafeWriteError, type SafeWriteFs } from './safe-write.js';
import {
  parseSessionValue,
  readSessionFile,
  SESSION_FILE_PATTERN,
  type SessionEntry,
  type UnreadableFile,
} from './session-file.js';
import { sessionNames } from './session-names.js';
import { SessionSchema, type Session } from './session-schema.js';

export interface SessionStoreOptions {
  paths?: DataPaths;
  /** Injected into every write (tests simulate full disks with it). */
  fs?: SafeWriteFs;
  now?: () => Date;
  staleMs?: number;
}

export interface SessionList {
  /** Newest first. */
  sessions: SessionEntry[];
  /** Files in sessions/ that could not be read; they are left untouched. */
  errors: UnreadableFile[];
}

/** A save that did not reach the disk: the previous file is intact and the document is still in memory. */
export class SessionSaveError extends UserError {
  constructor(id: string, file: string, reason: string, cause?: unknown) {
    super(`could not save session ${id} to ${file}: ${reason}; the previous version is kept and your work is still in memory`, {
      exitCode: 1,
      hint: 'Free some space (or set SDCOACH_HOME to a writable folder) and save again.',
    });
    this.name = 'SessionSaveError';
    this.cause = cause;
  }
}

const serialize = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

/** Adds what the user can do about a failed write of the data folder. */
const withHint = (e: unknown): unknown => {
  if (!(e instanceof SafeWriteError)) return e;
  const hint =
    e.code === 'ENOSPC' || e.code === 'EDQUOT'
      ? 'Free some space and try again.'
      : e.code === 'EROFS' || e.code === 'EACCES' || e.code === 'EPERM'
        ? 'Set SDCOACH_HOME to a writable folder.'
        : undefined;
  return hint ? new UserError(e.message, { exitCode: e.exitCode, hint }) : e;
};

/** The error that creating the first missing folder on the way to `dir` gives (recursive mkdir says ENOENT on a read-only disk). */
const firstMkdirError = (dir: string, fallback: unknown): unknown => {
  let missing = dir;
  while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
  try {
    mkdirSync(missing);
    return fallback;
  } catch (e) {
    return e;
  }
};

const ensureDir = (dir: string): void => {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const cause = (e as NodeJS.ErrnoException).code === 'ENOENT' ? firstMkdirError(dir, e) : e;
    throw new UserError(`cannot create the data folder ${dir}: ${describeFsError(cause)}`, {
      hint: 'Set SDCOACH_HOME to a writable folder.',
    });
  }
};

/** A session this process holds the lock on; every change is saved through it. */
export class LiveSession {
  #doc: Session;
  #lastSaveError: SessionSaveError | null = null;

  constructor(
    readonly id: string,
    readonly file: string,
    doc: Session,
    private readonly lock: SessionLock,
    private readonly fs: SafeWriteFs,
    private readonly now: () => Date,
  ) {
    this.#doc = doc;
  }

  /** The latest document, saved or not. */
  get session(): Session {
    return this.#doc;
  }

  /** Set when the last save failed; cleared by the next successful one. */
  get lastSaveError(): SessionSaveError | null {
    return this.#lastSaveError;
  }

  /**
   * Stamps updatedAt, validates and writes the document. On failure it throws SessionSaveError; the
   * document stays in memory (`session`) and the file on disk keeps its previous version.
   */
  save(next: Session): Session {
    if (next.id !== this.id) throw new Error(`LiveSession.save: document ${next.id} given to session ${this.id}`);
    const checked = SessionSchema.safeParse({ ...next, updatedAt: this.now().toISOString() });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`LiveSession.save: invalid session document at ${issue?.path.join('.')}: ${issue?.message}`);
    }
    this.#doc = checked.data;
    try {
      if (this.lock.compromised) throw new Error('another sdcoach took this session over');
      safeWriteFile(this.file, serialize(checked.data), { fs: this.fs });
    } catch (e) {
      const reason = e instanceof SafeWriteError ? describeFsError(e.cause) : (e as Error).message;
      this.#lastSaveError = new SessionSaveError(this.id, this.file, reason, e);
      throw this.#lastSaveError;
    }
    this.#lastSaveError = null;
    return checked.data;
  }

  /** Applies `change` to the latest document and saves it. */
  update(change: (s: Session) => Session): Session {
    return this.save(change(this.#doc));
  }

  close(): Promise<void> {
    return this.lock.release();
  }

  /** For exit and signal handlers. */
  closeSync(): void {
    this.lock.releaseSync();
  }
}

export class SessionStore {
  readonly paths: DataPaths;
  readonly #fs: SafeWriteFs;
  readonly #now: () => Date;
  readonly #staleMs: number;
  readonly #nextId = monotonicFactory();

  constructor(options: SessionStoreOptions = {}) {
    this.paths = options.paths ?? dataPaths();
    this.#fs = options.fs ?? nodeFs;
    this.#now = options.now ?? (() => new Date());
    this.#staleMs = options.staleMs ?? STALE_MS;
  }

  fileFor(id: string): string {
    return join(this.paths.sessions, `${id}.json`);
  }

  /** Names in sessions/ minus dot-files (temp files of interrupted writes, OS litter). */
  names(): string[] {
    return sessionNames(this.paths.sessions);
  }

  /** Ids of the session files, newest first. */
  ids(): string[] {
    return this.names()
      .map((n) => SESSION_FILE_PATTERN.exec(n)?.[1])
      .filter((id): id is string => id !== undefined)
      .sort()
      .reverse();
  }

  list(): SessionList {
    const sessions: SessionEntry[] = [];
    const errors: UnreadableFile[] = [];
    for (const name of this.names()) {
      const read = readSessionFile(join(this.paths.sessions, name), name);
      if (read.ok) sessions.push(read.entry);
      else errors.push(read.error);
    }
    sessions.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    errors.sort((a, b) => a.name.localeCompare(b.name));
    return { sessions, errors };
  }

  /** Readable sessions one file at a time, newest first, optionally only those older than `beforeId`. */
  *entries(beforeId?: string): Generator<SessionEntry> {
    for (const id of this.ids()) {
      if (beforeId !== undefined && id >= beforeId) continue;
      const read = readSessionFile(this.fileFor(id), `${id}.json`);
      if (read.ok) yield read.entry;
    }
  }

  /** Finds the id for `ref`: "last", a whole id, or an unambiguous prefix (any case). */
  resolveId(ref: string): string {
    // A whole id whose file exists needs no listing of the folder (the home screen opens one this way).
    const exact = ref.trim().toUpperCase();
    if (ref !== 'last' && SESSION_FILE_PATTERN.test(`${exact}.json`) && existsSync(this.fileFor(exact))) return exact;
    const ids = this.ids();
    if (ref === 'last') {
      const newest = ids[0];
      if (!newest) throw new UserError('there are no sessions yet', { exitCode: 1, hint: 'Start one with `sdcoach practice <question>`.' });
      return newest;
    }
    const wanted = ref.trim().toUpperCase();
    if (ids.includes(wanted)) return wanted;
    const matches = wanted.length >= 4 ? ids.filter((id) => id.startsWith(wanted)) : [];
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new UserError(`session id "${ref}" is ambiguous: ${matches.slice(0, 5).join(', ')}${matches.length > 5 ? ', …' : ''}`, { exitCode: 2 });
    }
    throw new UserError(`no session "${ref}"`, { exitCode: 2, hint: 'Run `sdcoach history` to list sessions.' });
  }

  /** Reads one session; an unreadable file is a UserError naming the file and the reason. */
  get(ref: string): SessionEntry {
    const id = this.resolveId(ref);
    const read = readSessionFile(this.fileFor(id), `${id}.json`);
    if (!read.ok) throw new UserError(`session ${id} cannot be read: ${read.error.reason} (${read.error.file})`);
    return read.entry;
  }

  /** Whether a running sdcoach holds the session. */
  isOpen(id: string): boolean {
    return isLocked(this.paths.locks, id, this.#staleMs);
  }

  /** The unfinished session worked on most recently that no other instance holds, or null. */
  findResumable(): SessionEntry | null {
    const candidates = this.list()
      .sessions.filter((e) => e.session.status === 'in-progress' && !e.readOnly)
      .sort((a, b) => (a.session.updatedAt < b.session.updatedAt ? 1 : a.session.updatedAt > b.session.updatedAt ? -1 : 0));
    return candidates.find((e) => !this.isOpen(e.id)) ?? null;
  }

  /** Starts a session: new id, lock, first write. */
  async create(input: NewSessionInput): Promise<LiveSession> {
    ensureDir(this.paths.sessions);
    ensureDir(this.paths.locks);
    const now = this.#now();
    const id = this.#nextId(now.getTime());
    const lock = await acquireLock(this.paths.locks, id, this.#staleMs);
    const doc = newSession(input, id, now);
    const file = this.fileFor(id);
    try {
      safeWriteFile(file, serialize(doc), { fs: this.#fs, noClobber: true });
    } catch (e) {
      await lock.release();
      throw withHint(e);
    }
    return new LiveSession(id, file, doc, lock, this.#fs, this.#now);
  }

  /** Takes the lock on an existing session to continue it. */
  async open(ref: string): Promise<LiveSession> {
    const { id, readOnly, schemaVersion } = this.get(ref);
    if (readOnly) {
      throw new UserError(`session ${id} was written by a newer sdcoach (schemaVersion ${schemaVersion}) and is read-only here`, {
        hint: 'Update sdcoach to continue it.',
      });
    }
    ensureDir(this.paths.locks);
    const lock = await acquireLock(this.paths.locks, id, this.#staleMs);
    // Read again under the lock: the file may have changed while we waited.
    const read = readSessionFile(this.fileFor(id), `${id}.json`);
    if (!read.ok) {
      await lock.release();
      throw new UserError(`session ${id} cannot be read: ${read.error.reason} (${read.error.file})`);
    }
    return new LiveSession(id, read.entry.file, read.entry.session, lock, this.#fs, this.#now);
  }

  /** Adds a validated document as a new file; never replaces an existing session. */
  importSession(value: unknown, source = 'the document'): SessionEntry {
    const parsed = parseSessionValue(value);
    if (!parsed.ok) throw new UserError(`${source} is not a valid session: ${parsed.reason}`);
    const { session } = parsed;
    const file = this.fileFor(session.id);
    ensureDir(this.paths.sessions);
    try {
      // A newer document is kept exactly as given so the newer sdcoach loses nothing.
      safeWriteFile(file, serialize(parsed.readOnly ? value : session), { fs: this.#fs, noClobber: true });
    } catch (e) {
      if (e instanceof SafeWriteError && e.code === 'EEXIST') {
        throw new UserError(`session ${session.id} already exists; import never overwrites a session`, { exitCode: 1 });
      }
      throw withHint(e);
    }
    return { id: session.id, file, session, schemaVersion: parsed.schemaVersion, readOnly: parsed.readOnly };
  }

  /** Deletes a session file (readable or not) unless a running instance holds it. */
  remove(ref: string): { id: string; file: string } {
    const id = this.resolveId(ref);
    if (this.isOpen(id)) {
      throw new UserError(`session ${id} is open in another sdcoach; close it there first`);
    }
    const file = this.fileFor(id);
    try {
      unlinkSync(file);
    } catch (e) {
      throw new UserError(`cannot delete ${file}: ${describeFsError(e)}`);
    }
    return { id, file };
  }
}

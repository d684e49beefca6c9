// Listing 1,000 sessions means parsing and validating ~30 MB of JSON; history and stats need only a
// digest of each. Digests are cached in <data>/cache/session-digests.json, keyed by file name, size,
// mtime, ctime and inode: any save (a rename) or edit changes the key, and then that one file is read and
// validated again (read-digest.ts, loaded only then: a warm run never loads zod or the session schema).
//
// The cache is protected without a schema library:
//   - its first line holds a format name and version, the session schema version, a stamp of the
//     sdcoach that wrote it (digests are computed by code, e.g. the deep-dive blend, so another version
//     or build computes them again), and the byte length and SHA-256 of the rest, so a truncated,
//     damaged or edited cache is dropped as a whole;
//   - each entry is then checked by hand (types and shape) and by its digest id matching the file name;
//     an entry that fails is dropped and its file read again.
// Dropping costs only speed: whatever the cache holds, the listing is rebuilt from the session files.
// Failing to write the cache (a read-only data folder) also only costs speed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiJson } from '../ascii-json.js';
import { PHASES, type Phase } from '../content/phases.js';
import { packageVersion } from '../package-root.js';
import { describeFsError, safeWriteFile } from '../storage/safe-write.js';
import { SESSION_SCHEMA_VERSION, SESSION_STATUSES, type SessionStatus } from '../storage/session-constants.js';
import type { UnreadableFile } from '../storage/session-file.js';
import { sessionNames } from '../storage/session-names.js';
import type { ItemDigest, PhaseDigest, SessionDigest } from './digest-summary.js';
import type { DigestRead } from './read-digest.js';

/** Bump when the file layout, or SessionDigest's shape or meaning (e.g. the deep-dive blend), changes. */
const CACHE_VERSION = 2;
const FORMAT = 'sdcoach-session-digests';
const HEADER = /^sdcoach-session-digests (\d+) (\d+) (\S+) (\d+) ([0-9a-f]{64})$/;

/**
 * The sdcoach version plus the size and mtime of this module's own file: a release changes the version
 * (npm gives every installed file the same mtime), and a local build rewrites the file. A cache written
 * by other code is then not trusted.
 */
let stamp: string | undefined;
const buildStamp = (): string => {
  if (stamp === undefined) {
    try {
      const st = statSync(fileURLToPath(import.meta.url));
      stamp = `${packageVersion()}/${st.size}-${st.mtimeMs}`.replace(/\s/g, '_');
    } catch {
      stamp = 'unknown';
    }
  }
  return stamp;
};

/**
 * A file changed this recently might change again within the same timestamp tick on a file system with
 * coarse timestamps, leaving its key unchanged; such files are read every time until they settle.
 */
const SETTLE_MS = 2000;

/** Where the sessions are and where the cache goes (a SessionStore fits). */
export interface DigestSource {
  paths: { data: string; sessions: string };
}

export interface DigestList {
  /** Newest first. */
  digests: SessionDigest[];
  errors: UnreadableFile[];
}

export interface LoadDigestsOptions {
  /** The clock for the settling rule above (tests). */
  now?: () => number;
}

interface FileKey {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** What is known about one file of the sessions folder: its digest, or why it cannot be read. */
export interface CacheEntry extends FileKey {
  digest?: SessionDigest;
  error?: string;
}

// ── on disk ───────────────────────────────────────────────────────────────────
// The payload is JSON: { items, files }. Rubric items repeat across sessions (the same id, label and,
// mostly, credit), so `items` holds each distinct [id, label, credit] once and a phase lists its items as
// indexes into it; the digests read back share those tuples instead of allocating tens of thousands.
// Each file is one positional record (field names repeated a thousand times would double the size):

/** score, timeMs, budgetMs, hints, item indexes. */
type StoredPhase = [score: number | null, timeMs: number, budgetMs: number, hints: number, items: number[]];

/** The file's key and its digest (the session id is the file name without `.json`). */
type StoredSession = [
  name: string,
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  ino: number,
  questionId: string,
  questionTitle: string,
  status: SessionStatus,
  startedAt: string,
  endedAt: string | null,
  overall: number | null,
  schemaVersion: number,
  readOnly: boolean,
  /** One per phase, in PHASES order. */
  phases: StoredPhase[],
];

/** The file's key and why it cannot be read. */
type StoredUnreadable = [name: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, reason: string];

interface StoredCache {
  items: ItemDigest[];
  files: (StoredSession | StoredUnreadable)[];
}

export const digestCacheFile = (source: DigestSource): string => join(source.paths.data, 'cache', 'session-digests.json');

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// ── checking what was read (by hand: zod costs more than the whole warm run) ───

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumberOrNull = (v: unknown): v is number | null => v === null || isNumber(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || isString(v);
const STATUSES: ReadonlySet<unknown> = new Set(SESSION_STATUSES);
const isStatus = (v: unknown): v is SessionStatus => STATUSES.has(v);

const isItemTable = (v: unknown): v is ItemDigest[] =>
  Array.isArray(v) && v.every((i) => Array.isArray(i) && i.length === 3 && isString(i[0]) && isString(i[1]) && isNumber(i[2]));

// (Fields are read by index rather than destructured: array destructuring goes through the iterator
// protocol, which is slow in not-yet-optimised code, and this runs a thousand times per listing.)

/** A stored phase, expanded; null when anything is off. */
const readPhase = (v: unknown, table: readonly ItemDigest[]): PhaseDigest | null => {
  if (!Array.isArray(v) || v.length !== 5) return null;
  const p = v as unknown[];
  const score = p[0];
  const timeMs = p[1];
  const budgetMs = p[2];
  const hints = p[3];
  const indexes = p[4];
  if (!isNumberOrNull(score) || !isNumber(timeMs) || !isNumber(budgetMs) || !isNumber(hints) || !Array.isArray(indexes)) return null;
  const items: ItemDigest[] = [];
  for (let i = 0; i < indexes.length; i++) {
    const index: unknown = indexes[i];
    const item = Number.isInteger(index) ? table[index as number] : undefined;
    if (!item) return null;
    items.push(item);
  }
  return { score, timeMs, budgetMs, hints, items };
};

/** A stored record, expanded; null when anything is off. */
const readRecord = (v: unknown, table: readonly ItemDigest[]): [string, CacheEntry] | null => {
  if (!Array.isArray(v)) return null;
  const r = v as unknown[];
  const name = r[0];
  const size = r[1];
  const mtimeMs = r[2];
  const ctimeMs = r[3];
  const ino = r[4];
  if (!isString(name) || !isNumber(size) || !isNumber(mtimeMs) || !isNumber(ctimeMs) || !isNumber(ino)) return null;
  if (r.length === 6) return isString(r[5]) ? [name, { size, mtimeMs, ctimeMs, ino, error: r[5] }] : null;
  if (r.length !== 14 || !name.endsWith('.json')) return null;
  const questionId = r[5];
  const questionTitle = r[6];
  const status = r[7];
  const startedAt = r[8];
  const endedAt = r[9];
  const overall = r[10];
  const schemaVersion = r[11];
  const readOnly = r[12];
  const stored = r[13];
  if (
    !isString(questionId) ||
    !isString(questionTitle) ||
    !isStatus(status) ||
    !isString(startedAt) ||
    !isStringOrNull(endedAt) ||
    !isNumberOrNull(overall) ||
    !isNumber(schemaVersion) ||
    typeof readOnly !== 'boolean' ||
    !Array.isArray(stored) ||
    stored.length !== PHASES.length
  ) {
    return null;
  }
  const phases = {} as Record<Phase, PhaseDigest>;
  for (let i = 0; i < PHASES.length; i++) {
    const phase = readPhase(stored[i], table);
    if (!phase) return null;
    phases[PHASES[i]!] = phase;
  }
  const id = name.slice(0, -'.json'.length);
  const digest: SessionDigest = { id, questionId, questionTitle, status, startedAt, endedAt, overall, phases, schemaVersion, readOnly };
  return [name, { size, mtimeMs, ctimeMs, ino, digest }];
};

/**
 * The entries of the cache file, or null when it is missing, unreadable, of another version, or fails its
 * length or checksum. Single records that fail their checks are left out (their files are read again).
 */
export const readDigestCache = (file: string): Map<string, CacheEntry> | null => {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const newline = bytes.indexOf(10);
  if (newline < 0) return null;
  const header = HEADER.exec(bytes.toString('latin1', 0, newline));
  if (!header || Number(header[1]) !== CACHE_VERSION || Number(header[2]) !== SESSION_SCHEMA_VERSION || header[3] !== buildStamp()) return null;
  const payload = bytes.subarray(newline + 1);
  if (payload.length !== Number(header[4]) || sha256(payload) !== header[5]) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof stored !== 'object' || stored === null) return null;
  const { items, files } = stored as Partial<Record<keyof StoredCache, unknown>>;
  if (!isItemTable(items) || !Array.isArray(files)) return null;
  const entries = new Map<string, CacheEntry>();
  for (let i = 0; i < files.length; i++) {
    const entry = readRecord(files[i], items);
    if (entry) entries.set(entry[0], entry[1]);
  }
  return entries;
};

// ── writing ─────────────────────────────────────────────────────────────────

const encodeCache = (entries: ReadonlyMap<string, CacheEntry>): Buffer => {
  const table: ItemDigest[] = [];
  const tableIndex = new Map<string, number>();
  const indexOf = (item: ItemDigest): number => {
    // NUL cannot occur in an id; the label may hold anything, so it goes last.
    const key = `${item[0]}\u0000${item[2]}\u0000${item[1]}`;
    let index = tableIndex.get(key);
    if (index === undefined) {
      index = table.push(item) - 1;
      tableIndex.set(key, index);
    }
    return index;
  };
  const storePhase = ({ score, timeMs, budgetMs, hints, items }: PhaseDigest): StoredPhase => [score, timeMs, budgetMs, hints, items.map(indexOf)];
  const files: StoredCache['files'] = [];
  for (const [name, { size, mtimeMs, ctimeMs, ino, digest: d, error }] of entries) {
    if (!d) {
      files.push([name, size, mtimeMs, ctimeMs, ino, error ?? 'unreadable']);
      continue;
    }
    const phases = PHASES.map((p) => storePhase(d.phases[p]));
    files.push([name, size, mtimeMs, ctimeMs, ino, d.questionId, d.questionTitle, d.status, d.startedAt, d.endedAt, d.overall, d.schemaVersion, d.readOnly, phases]);
  }
  const payload = Buffer.from(asciiJson({ items: table, files } satisfies StoredCache), 'latin1');
  const header = `${FORMAT} ${CACHE_VERSION} ${SESSION_SCHEMA_VERSION} ${buildStamp()} ${payload.length} ${sha256(payload)}\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), payload]);
};

const writeDigestCache = (file: string, dir: string, entries: ReadonlyMap<string, CacheEntry>): void => {
  try {
    mkdirSync(dir, { recursive: true });
    safeWriteFile(file, encodeCache(entries));
  } catch {
    // Only speed is lost; the listing itself is complete.
  }
};

// ── listing ─────────────────────────────────────────────────────────────────

const sameKey = (a: FileKey, b: FileKey): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

/** Digests of every readable session plus the unreadable files, reading only files the cache lacks. */
export const loadDigests = async (source: DigestSource, options: LoadDigestsOptions = {}): Promise<DigestList> => {
  const now = options.now ?? Date.now;
  const cacheFile = digestCacheFile(source);
  const cached = readDigestCache(cacheFile);
  // A cache file that exists but was dropped is replaced even when nothing else changed.
  let changed = cached === null && existsSync(cacheFile);
  const known = cached ?? new Map<string, CacheEntry>();
  const next = new Map<string, CacheEntry>();
  const digests: SessionDigest[] = [];
  const errors: UnreadableFile[] = [];
  let readDigest: ((file: string, name: string) => DigestRead) | undefined;
  const time = now();
  // join(dir, name) for every name, without normalising the folder a thousand times.
  const prefix = join(source.paths.sessions, '_').slice(0, -1);
  for (const name of sessionNames(source.paths.sessions)) {
    const file = prefix + name;
    let key: FileKey;
    try {
      const st = statSync(file);
      key = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
    } catch (e) {
      errors.push({ file, name, reason: `cannot read: ${describeFsError(e)}` });
      continue;
    }
    let entry = known.get(name);
    if (!entry || !sameKey(entry, key)) {
      readDigest ??= (await import('./read-digest.js')).readDigest;
      const read = readDigest(file, name);
      entry = read.ok ? { ...key, digest: read.digest } : { ...key, error: read.reason };
      changed = true;
    }
    if (Math.abs(time - Math.max(key.mtimeMs, key.ctimeMs)) >= SETTLE_MS) next.set(name, entry);
    if (entry.digest) digests.push(entry.digest);
    else errors.push({ file, name, reason: entry.error ?? 'unreadable' });
  }
  if (changed || next.size !== known.size) writeDigestCache(cacheFile, join(source.paths.data, 'cache'), next);
  digests.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  errors.sort((a, b) => a.name.localeCompare(b.name));
  return { digests, errors };
};

// Listing 1,000 sessions means parsing and validating ~10 MB of JSON; history and stats need only a
// digest of each. Digests are cached in <data>/cache/session-digests.json, keyed by file name, size,
// mtime and inode: any save (a rename) or edit changes the key and the file is read and validated again.
// The cache is itself validated on read and rebuilt when it does not match; failing to write it (a
// read-only data folder) only costs speed.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PhaseSchema } from '../content/schema.js';
import { safeWriteFile } from '../storage/safe-write.js';
import { readSessionFile, type UnreadableFile } from '../storage/session-file.js';
import { SESSION_SCHEMA_VERSION, SESSION_STATUSES } from '../storage/session-schema.js';
import type { SessionStore } from '../storage/session-store.js';
import { digest, type SessionDigest } from './session-summary.js';
import { describeFsError } from '../storage/safe-write.js';

/** Bump when SessionDigest changes shape or meaning. */
const CACHE_VERSION = 1;

const PhaseDigestSchema = z.object({
  grade: z.number().nullable(),
  timeMs: z.number(),
  budgetMs: z.number(),
  hints: z.number(),
  items: z.array(z.tuple([z.string(), z.string(), z.number()])),
});

const DigestSchema = z.object({
  id: z.string(),
  questionId: z.string(),
  questionTitle: z.string(),
  status: z.enum(SESSION_STATUSES),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  overall: z.number().nullable(),
  followUpScores: z.array(z.number()),
  phases: z.record(PhaseSchema, PhaseDigestSchema),
  schemaVersion: z.number(),
  readOnly: z.boolean(),
});

const CacheEntrySchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  ino: z.number(),
  digest: DigestSchema.optional(),
  error: z.string().optional(),
});
type CacheEntry = z.infer<typeof CacheEntrySchema>;

const CacheSchema = z.object({
  version: z.literal(CACHE_VERSION),
  sessionSchemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  files: z.record(z.string(), CacheEntrySchema),
});

export interface DigestList {
  /** Newest first. */
  digests: SessionDigest[];
  errors: UnreadableFile[];
}

export const digestCacheFile = (store: SessionStore): string => join(store.paths.data, 'cache', 'session-digests.json');

const readCache = (file: string): Map<string, CacheEntry> => {
  try {
    const parsed = CacheSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? new Map(Object.entries(parsed.data.files)) : new Map();
  } catch {
    return new Map();
  }
};

/** Digests of every readable session plus the unreadable files, reading only files the cache lacks. */
export const loadDigests = (store: SessionStore): DigestList => {
  const cacheFile = digestCacheFile(store);
  const cached = readCache(cacheFile);
  const next = new Map<string, CacheEntry>();
  const digests: SessionDigest[] = [];
  const errors: UnreadableFile[] = [];
  let changed = false;
  for (const name of store.names()) {
    const file = join(store.paths.sessions, name);
    let key: { size: number; mtimeMs: number; ino: number };
    try {
      const st = statSync(file);
      key = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
    } catch (e) {
      errors.push({ file, name, reason: `cannot read: ${describeFsError(e)}` });
      continue;
    }
    let entry = cached.get(name);
    if (!entry || entry.size !== key.size || entry.mtimeMs !== key.mtimeMs || entry.ino !== key.ino) {
      const read = readSessionFile(file, name);
      entry = read.ok ? { ...key, digest: digest(read.entry) } : { ...key, error: read.error.reason };
      changed = true;
    }
    next.set(name, entry);
    if (entry.digest) digests.push(entry.digest as SessionDigest);
    else errors.push({ file, name, reason: entry.error ?? 'unreadable' });
  }
  if (changed || next.size !== cached.size) {
    try {
      mkdirSync(join(store.paths.data, 'cache'), { recursive: true });
      safeWriteFile(cacheFile, JSON.stringify({ version: CACHE_VERSION, sessionSchemaVersion: SESSION_SCHEMA_VERSION, files: Object.fromEntries(next) }));
    } catch {
      // Only speed is lost; the listing itself is complete.
    }
  }
  digests.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  errors.sort((a, b) => a.name.localeCompare(b.name));
  return { digests, errors };
};

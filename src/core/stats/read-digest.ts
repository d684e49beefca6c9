// The slow path of the digest cache: read one session file in full, validate it against the session schema
// (zod) and digest it. digest-cache.ts imports this module only when some file is not in the cache, so a
// warm `history` or `stats` never loads zod, the schema or the grader.
import { readSessionFile } from '../storage/session-file.js';
import type { SessionDigest } from './digest-summary.js';
import { digest } from './session-summary.js';

export type DigestRead = { ok: true; digest: SessionDigest } | { ok: false; reason: string };

export const readDigest = (file: string, name: string): DigestRead => {
  const read = readSessionFile(file, name);
  return read.ok ? { ok: true, digest: digest(read.entry) } : { ok: false, reason: read.error.reason };
};

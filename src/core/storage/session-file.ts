// Reading one session file defensively: empty, truncated, NUL-filled, foreign or newer files become a
// one-line reason instead of an exception, so one bad file never hides the others.
import { readFileSync, statSync } from 'node:fs';
import { formatIssuePath } from '../errors.js';
import { describeFsError } from './safe-write.js';
import {
  NewerSessionSchema,
  SESSION_SCHEMA_VERSION,
  SessionSchema,
  ULID_PATTERN,
  type Session,
} from './session-schema.js';

/** A session read from disk. */
export interface SessionEntry {
  id: string;
  file: string;
  session: Session;
  /** As stored; above SESSION_SCHEMA_VERSION the entry is read-only. */
  schemaVersion: number;
  readOnly: boolean;
}

/** A file in sessions/ that is not a readable session; it is reported and left alone. */
export interface UnreadableFile {
  file: string;
  name: string;
  reason: string;
}

export type ParsedSession =
  | { ok: true; session: Session; schemaVersion: number; readOnly: boolean }
  | { ok: false; reason: string };

/** Session files larger than this are not read (a session is tens of kilobytes). */
export const MAX_SESSION_BYTES = 32 * 1024 * 1024;

export const SESSION_FILE_PATTERN = /^([0-9A-HJKMNP-TV-Z]{26})\.json$/;

const issueSummary = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string => {
  const first = issues[0];
  if (!first) return 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${formatIssuePath(first.path)}: ${first.message}${more}`;
};

/** Validates an already-parsed document (from a file or an import). */
export const parseSessionValue = (value: unknown): ParsedSession => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not an sdcoach session (not a JSON object)' };
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: 'not an sdcoach session (no valid schemaVersion)' };
  }
  if (version > SESSION_SCHEMA_VERSION) {
    const newer = NewerSessionSchema.safeParse(value);
    if (!newer.success) {
      return { ok: false, reason: `written by a newer sdcoach (schemaVersion ${version}) in a form this version cannot read` };
    }
    return { ok: true, session: { ...newer.data, schemaVersion: SESSION_SCHEMA_VERSION }, schemaVersion: version, readOnly: true };
  }
  const parsed = SessionSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: `invalid session: ${issueSummary(parsed.error.issues)}` };
  return { ok: true, session: parsed.data, schemaVersion: version, readOnly: false };
};

export const parseSessionText = (text: string): ParsedSession => {
  // Both checks stop early on a healthy file: the first non-space character ends the first, and the NUL
  // search runs only on text JSON.parse rejected (valid JSON never holds a raw NUL).
  if (!/\S/.test(text)) return { ok: false, reason: 'empty file' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (text.includes('\u0000')) return { ok: false, reason: 'contains NUL bytes (a damaged or interrupted write)' };
    return { ok: false, reason: `not valid JSON, perhaps truncated (${(e as Error).message})` };
  }
  return parseSessionValue(value);
};

/** Reads `<dir>/<name>`; `name` must look like `<ULID>.json` and the id inside must match it. */
export const readSessionFile = (file: string, name: string): { ok: true; entry: SessionEntry } | { ok: false; error: UnreadableFile } => {
  const fail = (reason: string) => ({ ok: false as const, error: { file, name, reason } });
  const match = SESSION_FILE_PATTERN.exec(name);
  if (!match) return fail('not a session file (expected <ULID>.json)');
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return fail('not a regular file');
    if (stat.size > MAX_SESSION_BYTES) return fail(`too large (${stat.size} bytes)`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read: ${describeFsError(e)}`);
  }
  const parsed = parseSessionText(text);
  if (!parsed.ok) return fail(parsed.reason);
  if (parsed.session.id !== match[1]) return fail(`its id ${parsed.session.id} does not match the file name`);
  return {
    ok: true,
    entry: { id: parsed.session.id, file, session: parsed.session, schemaVersion: parsed.schemaVersion, readOnly: parsed.readOnly },
  };
};

export const isSessionId = (s: string): boolean => ULID_PATTERN.test(s);

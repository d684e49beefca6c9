// What the interactive app's home screen, picker and session list need to know about past sessions, from
// the digest cache (digest-cache.ts) rather than by reading every session file: with a long history the
// full read takes most of a second. Only a session offered for resuming is read in full.
import type { SessionEntry } from '../storage/session-file.js';
import type { SessionStore } from '../storage/session-store.js';
import { loadDigests } from './digest-cache.js';
import type { SessionDigest } from './digest-summary.js';

export interface SessionOverview {
  /** Every readable session, newest first. */
  digests: SessionDigest[];
  /** Files in the sessions folder that could not be read. */
  unreadable: number;
  /** The newest unfinished session that is not read-only and that no running sdcoach holds. */
  resumable: SessionEntry | null;
}

export const sessionOverview = async (store: SessionStore): Promise<SessionOverview> => {
  const { digests, errors } = await loadDigests(store);
  let resumable: SessionEntry | null = null;
  for (const d of digests) {
    if (d.status !== 'in-progress' || d.readOnly || store.isOpen(d.id)) continue;
    try {
      resumable = store.get(d.id);
      if (resumable.session.status === 'in-progress' && !resumable.readOnly) break;
      resumable = null;
    } catch {
      // Changed or removed since the digest was read: not offered.
    }
  }
  return { digests, unreadable: errors.length, resumable };
};

export interface Attempts {
  count: number;
  best: number | null;
}

/** How often each question was tried and its best overall score, for the picker. */
export const attemptsByQuestion = (digests: readonly SessionDigest[]): Map<string, Attempts> => {
  const m = new Map<string, Attempts>();
  for (const d of digests) {
    const a = m.get(d.questionId) ?? { count: 0, best: null };
    a.count++;
    if (d.overall !== null) a.best = Math.max(a.best ?? 0, d.overall);
    m.set(d.questionId, a);
  }
  return m;
};

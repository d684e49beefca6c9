// What the interactive app's home screen, picker and session list need to know about past sessions, from
// the digest cache (digest-cache.ts) rather than by reading every session file: with a long history the
// full read takes most of a second. The session offered for resuming is only peeked at for the phase it is
// in; opening it reads and validates it in full.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHASES, type Phase } from '../content/phases.js';
import type { DataPaths } from '../storage/paths.js';
import { loadDigests } from './digest-cache.js';
import type { SessionDigest } from './digest-summary.js';

export interface SessionOverview {
  /** Every readable session, newest first. */
  digests: SessionDigest[];
  /** Files in the sessions folder that could not be read. */
  unreadable: number;
  /** The newest unfinished session that is not read-only and that no running sdcoach holds. */
  resumable: ResumableSession | null;
}

export interface ResumableSession {
  id: string;
  questionId: string;
  questionTitle: string;
  /** The phase it stopped in, when the file says so plainly. */
  phase: Phase | null;
}

/** The phase a session file is in, without validating the whole file (its digest says it is valid). */
const phaseOf = (file: string): Phase | null => {
  try {
    const phase = (JSON.parse(readFileSync(file, 'utf8')) as { current?: { phase?: unknown } }).current?.phase;
    return (PHASES as readonly unknown[]).includes(phase) ? (phase as Phase) : null;
  } catch {
    return null;
  }
};

/** Where the sessions are, and whether a running sdcoach holds one (a SessionStore fits). */
export interface OverviewSource {
  paths: Pick<DataPaths, 'data' | 'sessions'>;
  isOpen: (id: string) => boolean;
}

export const sessionOverview = async (source: OverviewSource): Promise<SessionOverview> => {
  const { digests, errors } = await loadDigests(source);
  const d = digests.find((x) => x.status === 'in-progress' && !x.readOnly && !source.isOpen(x.id));
  const resumable = d
    ? { id: d.id, questionId: d.questionId, questionTitle: d.questionTitle, phase: phaseOf(join(source.paths.sessions, `${d.id}.json`)) }
    : null;
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

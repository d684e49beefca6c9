// Saving the interview: `save()` writes the session as it stands now (with the running phase's elapsed
// time), `save(true)` even when nothing changed; an interval saves every second, so at most a second of
// typing is ever only in memory. A failed write (full disk, read-only folder) keeps the previous file and
// is shown in the status line; the answer stays in memory and the next save tries again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Clock } from '../../core/interview/clock.js';
import type { Session } from '../../core/storage/session-schema.js';
import type { LiveSession } from '../../core/storage/session-store.js';

export interface Autosave {
  save: (force?: boolean) => void;
  /** The last write's error, cleared by the next successful one. */
  error: string | null;
  /** When the last successful write happened (clock time), or null before the first. */
  savedAt: number | null;
}

/**
 * `current()` is the session as held in memory; `snapshot(now)` the same with the running clock folded
 * in, which is what gets written. `active()` says whether the interval should save (not before the start).
 */
export const useAutosave = (
  live: LiveSession,
  clock: Clock,
  current: () => Session,
  snapshot: (now: number) => Session,
  active: () => boolean,
): Autosave => {
  const [error, setError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const lastSaved = useRef(live.session);
  // Read through refs: the interval must always see the screen's latest state.
  const fns = useRef({ current, snapshot, active });
  fns.current = { current, snapshot, active };

  const save = useCallback(
    (force = false): void => {
      const s = fns.current.snapshot(clock.now());
      if (!force && s === lastSaved.current) return;
      try {
        live.save(s);
        lastSaved.current = fns.current.current();
        setError(null);
        setSavedAt(clock.now());
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [live, clock],
  );

  useEffect(() => {
    const h = clock.setInterval(() => {
      if (fns.current.active()) save();
    }, 1000);
    return () => clock.clearInterval(h);
  }, [clock, save]);

  return { save, error, savedAt };
};

// The LLM's second opinion, requested in the background as each phase and follow-up is graded, so the
// candidate never waits for it mid-interview. Each outcome is handed to `apply` (which stores it in the
// session and saves); a grading that is skipped (Esc) or outlived by the screen is aborted, not stored.
import { useEffect, useRef, useState } from 'react';
import type { BankQuestion } from '../../core/content/load.js';
import type { LlmCallOptions } from '../../core/llm/api.js';
import type { LlmGradeOutcome } from '../../core/llm/record-schema.js';
import { emptyUsage } from '../../core/llm/usage.js';
import type { Session } from '../../core/storage/session-schema.js';
import { partsWithoutLlm, withLlmOutcome, type LlmPart } from './llm-parts.js';

export interface LlmGrading {
  /** Gradings still running. */
  pending: number;
  /** Starts a grading for every graded part of the session that has no LLM outcome yet (each at most once). */
  launch: (session: Session) => void;
  /** Stops waiting: aborts every running grading. */
  skip: () => void;
}

// The LLM client loads with the first request: an interview without an LLM never loads it.
const request = async (entry: BankQuestion, part: LlmPart, options: LlmCallOptions): Promise<LlmGradeOutcome> => {
  const api = await import('../../core/llm/api.js');
  return part.kind === 'phase'
    ? api.gradeSessionPhaseWithLlm(entry, part.phase, part.answer, part.grade, options)
    : api.gradeFollowUpWithLlm(entry, part.id, part.answer, part.grade, options);
};

export const useLlmGrading = (
  entry: BankQuestion,
  llm: LlmCallOptions | null,
  apply: (update: (s: Session) => Session) => void,
): LlmGrading => {
  const running = useRef(new Map<string, AbortController>());
  const tried = useRef(new Set<string>());
  const alive = useRef(true);
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const [pending, setPending] = useState(0);

  useEffect(() => {
    alive.current = true;
    const map = running.current;
    return () => {
      alive.current = false;
      for (const c of map.values()) c.abort();
      map.clear();
    };
  }, []);

  const launch = (session: Session): void => {
    if (!llm) return;
    let started = false;
    for (const part of partsWithoutLlm(session)) {
      if (tried.current.has(part.key)) continue;
      tried.current.add(part.key);
      const controller = new AbortController();
      running.current.set(part.key, controller);
      started = true;
      // The API resolves with a failure outcome rather than rejecting; a rejection is a bug, shown the same way.
      request(entry, part, { ...llm, signal: controller.signal })
        .catch((e: unknown): LlmGradeOutcome => ({ ok: false, error: String((e as Error)?.message ?? e), kind: 'server', usage: emptyUsage() }))
        .then((outcome) => {
          if (running.current.get(part.key) === controller) running.current.delete(part.key);
          if (!alive.current) return;
          setPending(running.current.size);
          if (controller.signal.aborted || (!outcome.ok && outcome.kind === 'cancelled')) return;
          applyRef.current((s) => withLlmOutcome(s, part, outcome));
        })
        .catch(() => undefined);
    }
    if (started) setPending(running.current.size);
  };

  const skip = (): void => {
    for (const c of running.current.values()) c.abort();
    running.current.clear();
    setPending(0);
  };

  return { pending, launch, skip };
};

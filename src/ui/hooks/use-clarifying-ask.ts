// A clarifying question in the requirements phase. The offline answer (the question's facts matched by
// the grader's vocabulary) is given at once; when no fact matches and an LLM is configured, the LLM
// answers instead, grounded in the facts, while the offline answer stands by: Esc, submitting or quitting
// settles the question with it at once, and the request is aborted.
import { useEffect, useRef } from 'react';
import type { BankQuestion } from '../../core/content/load.js';
import type { Vocabulary } from '../../core/grade/vocabulary.js';
import { answerClarifyingQuestion, type ClarifyAnswer } from '../../core/interview/clarify.js';
import type { LlmCallOptions } from '../../core/llm/api.js';

export interface PendingAsk {
  question: string;
  offline: ClarifyAnswer;
  controller: AbortController;
}

export interface ClarifyingAsk {
  /** The question the LLM is answering, or null. */
  pending: () => PendingAsk | null;
  /** Asks `question`; false when one is still being answered (it then stays in the ask line). */
  send: (question: string) => boolean;
  /** Stops waiting for the LLM: the pending question is answered offline now. */
  settle: () => void;
}

export interface AskHandlers {
  /** Records a question with its answer in the transcript. */
  answered: (question: string, answer: string, factIds: string[]) => void;
  /** The LLM's answer arrived (after a round trip): save at once; `note` is worth showing. */
  arrived: (note: string | null) => void;
  /** Something to draw (the pending question appeared or went). */
  changed: () => void;
}

export const useClarifyingAsk = (entry: BankQuestion, vocab: () => Vocabulary, llm: LlmCallOptions | null, handlers: AskHandlers): ClarifyingAsk => {
  const pendingRef = useRef<PendingAsk | null>(null);
  const on = useRef(handlers);
  on.current = handlers;
  // A question still waiting when the screen goes is dropped with its request.
  useEffect(() => () => pendingRef.current?.controller.abort(), []);

  const settle = (): void => {
    const p = pendingRef.current;
    if (!p) return;
    pendingRef.current = null;
    p.controller.abort();
    on.current.answered(p.question, p.offline.text, p.offline.factIds);
    on.current.changed();
  };

  const send = (question: string): boolean => {
    if (pendingRef.current) return false;
    const offline = answerClarifyingQuestion(entry.question, question, vocab());
    if (!llm || offline.factIds.length > 0) {
      on.current.answered(question, offline.text, offline.factIds);
      return true;
    }
    const pending: PendingAsk = { question, offline, controller: new AbortController() };
    pendingRef.current = pending;
    // The LLM client loads with the first question it answers.
    void import('../../core/llm/api.js')
      .then((api) => api.answerClarifyingWithLlm(entry.question, question, vocab(), { ...llm, signal: pending.controller.signal }))
      .then(
        (r) => {
          if (pendingRef.current !== pending) return;
          pendingRef.current = null;
          on.current.answered(question, r.text, r.factIds);
          on.current.arrived(r.note);
          on.current.changed();
        },
        () => settle(),
      );
    return true;
  };

  return { pending: () => pendingRef.current, send, settle };
};

// Which parts of a session still lack the LLM's second opinion, and how an outcome is written back into
// the session document (phases[p].llm, followUps[i].llm). Plain functions over the session: no Ink here.
import { PHASES, type Phase } from '../../core/content/phases.js';
import type { FollowUpGrade, PhaseGrade } from '../../core/grade/types.js';
import { requirementsText } from '../../core/interview/interview.js';
import type { LlmGradeOutcome } from '../../core/llm/record-schema.js';
import type { Session } from '../../core/storage/session-schema.js';

export type LlmPart =
  | { key: string; kind: 'phase'; phase: Phase; answer: string; grade: PhaseGrade }
  | { key: string; kind: 'follow-up'; id: string; answer: string; grade: FollowUpGrade };

/** Graded parts with no stored LLM outcome, follow-ups before the deep-dive phase (they are graded first). */
export const partsWithoutLlm = (session: Session): LlmPart[] => {
  const out: LlmPart[] = [];
  for (const f of session.followUps) {
    if (f.grade && f.llm === undefined) out.push({ key: `follow-up:${f.id}`, kind: 'follow-up', id: f.id, answer: f.answer, grade: f.grade });
  }
  for (const p of PHASES) {
    const rec = session.phases[p];
    if (!rec.grade || rec.llm !== undefined) continue;
    // The LLM reads what the rubric read: requirements include the clarifying questions asked.
    const answer = p === 'requirements' ? requirementsText(session, rec.answer) : rec.answer;
    out.push({ key: `phase:${p}`, kind: 'phase', phase: p, answer, grade: rec.grade });
  }
  return out;
};

/** The session with one part's LLM outcome stored; unchanged when the part is gone or was re-graded. */
export const withLlmOutcome = (session: Session, part: LlmPart, outcome: LlmGradeOutcome): Session => {
  if (part.kind === 'phase') {
    const rec = session.phases[part.phase];
    if (rec.grade !== part.grade) return session;
    return { ...session, phases: { ...session.phases, [part.phase]: { ...rec, llm: outcome } } };
  }
  const i = session.followUps.findIndex((f) => f.id === part.id);
  const f = session.followUps[i];
  if (!f || f.grade !== part.grade) return session;
  return { ...session, followUps: session.followUps.map((x, k) => (k === i ? { ...x, llm: outcome } : x)) };
};

// The results of one interview as Markdown: score bars per phase, time against budget, covered items with
// their evidence, missed items with why, follow-ups, and the reference outline (shown only after answering).
import { PHASES } from '../content/phases.js';
import type { BankQuestion } from '../content/load.js';
import { hintsUsed, phaseScore } from '../interview/interview.js';
import { llmFailureLine, llmPhaseMarkdown } from '../llm/markdown.js';
import { LlmGradeOutcomeSchema, type LlmGradeOutcome } from '../llm/record-schema.js';
import type { Session } from '../storage/session-schema.js';
import { followUpGradeMarkdown, itemsMarkdown, PHASE_TITLES } from './grade-markdown.js';

export const scoreBar = (score: number, width = 20): string => {
  const filled = Math.round((Math.max(0, Math.min(100, score)) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
};

export const formatDuration = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** A stored LLM outcome, or null when there is none or it does not parse (the rubric result stands alone). */
export const storedLlm = (value: unknown): LlmGradeOutcome | null => {
  if (value === undefined || value === null) return null;
  const r = LlmGradeOutcomeSchema.safeParse(value);
  return r.success ? r.data : null;
};

/** The LLM's second opinion under a rubric grade: its section, or one line when it failed. */
const llmSection = (o: LlmGradeOutcome | null, items: Parameters<typeof llmPhaseMarkdown>[1], heading: string): string[] => {
  if (!o) return [];
  if (!o.ok) return [`> ${llmFailureLine(o.error)}`, ''];
  return [llmPhaseMarkdown(o, items, { heading })];
};

export const resultsMarkdown = (session: Session, entry: BankQuestion | undefined, options: { savedTo?: string } = {}): string => {
  const out: string[] = [`# ${session.questionTitle}`, ''];
  const overall = session.overall;
  out.push(`**Overall: ${overall ?? '—'}/100**${hintsUsed(session) ? ` (includes −${hintsUsed(session) * session.hintPenalty} for ${hintsUsed(session)} hint(s))` : ''}`, '');
  out.push('```');
  for (const p of PHASES) {
    const graded = session.phases[p].grade !== null;
    const score = phaseScore(session, p);
    const spent = formatDuration(session.phases[p].timeSpentMs || session.current.elapsedMs[p]);
    const budget = formatDuration(session.budgets[p] * 1000);
    const over = session.phases[p].timeSpentMs > session.budgets[p] * 1000 ? ' over' : '';
    const llm = graded ? storedLlm(session.phases[p].llm) : null;
    const llmCol = llm ? (llm.ok ? `  LLM ${String(Math.round(llm.score)).padStart(3)}` : '  LLM   —') : '';
    out.push(`${PHASE_TITLES[p].padEnd(13)} ${scoreBar(graded ? score : 0)} ${graded ? String(score).padStart(3) : '  —'}${llmCol}  ${spent} / ${budget}${over}`);
  }
  out.push('```', '');
  for (const p of PHASES) {
    const rec = session.phases[p];
    const g = rec.grade;
    out.push(`## ${PHASE_TITLES[p]}: ${g ? `${phaseScore(session, p)}/100` : 'not answered'}`, '');
    if (rec.hints.length) out.push(`_Hints used: ${rec.hints.length}_`, '');
    if (g) {
      for (const n of g.notes) out.push(`> ${n}`, '');
      out.push(itemsMarkdown(g.items));
      // The rubric score above always stands; the LLM's opinion is shown beside it, never instead of it.
      out.push(...llmSection(storedLlm(rec.llm), g.items, '###'));
    }
    if (p === 'deep-dive') {
      for (const f of session.followUps) {
        if (f.grade) out.push(followUpGradeMarkdown(f.question, f.grade), '', ...llmSection(storedLlm(f.llm), f.grade.items, '####'));
        const ref = entry?.question.followUps.find((x) => x.id === f.id)?.reference;
        if (ref && f.grade) out.push('**Reference answer**', '', ref.trim(), '');
      }
    }
    if (g && entry) out.push(`### Reference outline: ${PHASE_TITLES[p]}`, '', entry.question.reference[p].trim(), '');
  }
  out.push('---', `Session \`${session.id}\`${options.savedTo ? ` saved to \`${options.savedTo}\`` : ''}.`);
  return out.join('\n');
};

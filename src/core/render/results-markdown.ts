// The results of one interview as Markdown: score bars per phase, time against budget, covered items with
// their evidence, missed items with why, follow-ups, and the reference outline (shown only after answering).
import { PHASES } from '../content/schema.js';
import type { BankQuestion } from '../content/load.js';
import { hintsUsed, phaseScore } from '../interview/interview.js';
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
    out.push(`${PHASE_TITLES[p].padEnd(13)} ${scoreBar(graded ? score : 0)} ${graded ? String(score).padStart(3) : '  —'}  ${spent} / ${budget}${over}`);
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
    }
    if (p === 'deep-dive') {
      for (const f of session.followUps) {
        if (f.grade) out.push(followUpGradeMarkdown(f.question, f.grade), '');
        const ref = entry?.question.followUps.find((x) => x.id === f.id)?.reference;
        if (ref && f.grade) out.push('**Reference answer**', '', ref.trim(), '');
      }
    }
    if (g && entry) out.push(`### Reference outline: ${PHASE_TITLES[p]}`, '', entry.question.reference[p].trim(), '');
  }
  out.push('---', `Session \`${session.id}\`${options.savedTo ? ` saved to \`${options.savedTo}\`` : ''}.`);
  return out.join('\n');
};

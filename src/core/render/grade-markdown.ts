// A phase grade as Markdown: the score, covered items with the quoted evidence, missed items with why.
// Shared by `grade`, `review` and the results screen.
import type { FollowUpGrade, ItemGrade, PhaseGrade } from '../grade/types.js';

export const PHASE_TITLES = { requirements: 'Requirements', estimation: 'Estimation', design: 'Design', 'deep-dive': 'Deep dive' } as const;

const quote = (s: string): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 240 ? `${one.slice(0, 237)}…` : one;
};

export const itemsMarkdown = (items: ItemGrade[]): string => {
  const covered = items.filter((i) => i.credit > 0);
  const missed = items.filter((i) => i.credit === 0);
  const out: string[] = [];
  if (covered.length) {
    out.push('**Covered**', '');
    for (const i of covered) {
      const part = i.credit < 1 ? ` (partial, ${Math.round(i.credit * 100)}%)` : '';
      out.push(`- ✓ ${i.label}${part}`, `  > “${quote(i.evidence ?? '')}”`);
      if (i.credit < 1 && i.why) out.push(`  ${i.why}`);
    }
    out.push('');
  }
  if (missed.length) {
    out.push('**Missed**', '');
    for (const i of missed) out.push(`- ✗ ${i.label}`, `  ${i.why ?? ''}`);
    out.push('');
  }
  return out.join('\n');
};

export const phaseGradeMarkdown = (g: PhaseGrade): string =>
  [`## ${PHASE_TITLES[g.phase]}: ${g.score}/100`, '', ...g.notes.map((n) => `> ${n}`), g.notes.length ? '' : '', itemsMarkdown(g.items)]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n');

export const followUpGradeMarkdown = (question: string, g: FollowUpGrade): string =>
  [`### ${question} — ${g.score}/100`, '', ...g.notes.map((n) => `> ${n}`), itemsMarkdown(g.items)].join('\n');

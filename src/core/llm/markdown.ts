// The LLM's second opinion as Markdown, placed under a phase's rubric grade: both scores side by side, a
// table of per-item verdicts from each grader, the verified quotes and rationale, and every flag.
import type { ItemGrade } from '../grade/types.js';
import type { LlmGradeOutcome } from './record-schema.js';
import { displayText } from './sanitize.js';
import { DROP_REASONS } from './trust.js';
import { formatUsage } from './usage.js';

const cell = (s: string): string => displayText(s, 200).replace(/\|/g, '\\|');

const rubricCell = (i: ItemGrade | undefined): string => {
  if (!i) return '—';
  if (i.credit >= 0.99) return '✓ met';
  if (i.credit <= 0) return '✗ missed';
  return `◐ ${Math.round(i.credit * 100)}%`;
};
const VERDICT_CELL = { met: '✓ met', partial: '◐ partial', missed: '✗ missed' } as const;

/** One line for a failed or skipped LLM grade. */
export const llmFailureLine = (error: string): string => `LLM grade unavailable: ${displayText(error, 300)}`;

export const llmPhaseMarkdown = (o: LlmGradeOutcome, rubricItems: ItemGrade[], options: { heading?: string } = {}): string => {
  const heading = options.heading ?? '###';
  if (!o.ok) return `${heading} Second opinion (LLM)\n\n> ${llmFailureLine(o.error)}\n`;
  const out: string[] = [];
  const samples = o.samples ? ` · ${o.samples.count} samples, ${o.samples.min}–${o.samples.max} (±${o.samples.stdev})` : '';
  out.push(`${heading} Second opinion (LLM ${cell(o.model)}): ${o.score}/100 beside the rubric's ${o.rubricScore}/100${samples}`, '');
  if (o.flags.length) {
    for (const f of o.flags) out.push(`> ⚑ ${displayText(f.message, 300)}`);
    out.push('');
  }
  if (o.summary) out.push(displayText(o.summary, 500), '');
  const byId = new Map(rubricItems.map((i) => [i.id, i]));
  out.push('| Item | Rubric | LLM |', '|---|---|---|');
  for (const it of o.items) {
    const flag = o.flags.some((f) => f.itemId === it.id && f.kind === 'item-disagreement') ? ' ⚑' : '';
    const unsure = it.agreement < 2 / 3 ? ' ?' : '';
    const llm = `${VERDICT_CELL[it.verdict]}${it.unverified ? ' (unverified)' : ''}${unsure}${flag}`;
    out.push(`| ${cell(it.label)} | ${rubricCell(byId.get(it.id))} | ${llm} |`);
  }
  out.push('');
  // Details where they say something: credited items, dropped quotes, and disagreements.
  const disagreed = new Set(o.flags.filter((f) => f.itemId).map((f) => f.itemId));
  for (const it of o.items) {
    if (it.verdict === 'missed' && it.dropped.length === 0 && !disagreed.has(it.id)) continue;
    out.push(`- **${cell(it.label)}** (LLM: ${it.verdict}) ${displayText(it.rationale, 400)}`);
    for (const q of it.evidence) out.push(`  > “${displayText(q, 240)}”`);
    for (const d of it.dropped.slice(0, 2)) out.push(`  - dropped quote “${displayText(d.quote, 120)}”: ${DROP_REASONS[d.reason]}`);
  }
  out.push('', `_LLM: ${cell(o.model)} at ${cell(o.baseURL)} · ${formatUsage(o.usage)}${o.mode ? ` · ${o.mode}` : ''}${o.repaired ? ' · repaired' : ''}_`, '');
  return out.join('\n');
};

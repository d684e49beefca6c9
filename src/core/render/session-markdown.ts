// A whole session as Markdown: scores and time against budget, then per phase the answer, the transcript,
// the grade (evidence, missed items with why) and the reference outline, then the follow-ups and the
// change against another attempt. Used by `review` and `export --format md`, and by the TUI's review screen.
import { PHASES, type Phase } from '../content/phases.js';
import type { Question } from '../content/schema.js';
import type { AttemptComparison } from '../stats/compare.js';
import { phaseScore, phaseTimeMs } from '../stats/session-summary.js';
import type { Session } from '../storage/session-schema.js';
import { formatChange, formatDateTime, formatDuration, formatScore } from './format.js';
import { itemsMarkdown, PHASE_TITLES } from './grade-markdown.js';

export interface SessionMarkdownOptions {
  /** The question from the bank, for the reference outlines; null when it is not in the bank. */
  question?: Question | null;
  comparison?: AttemptComparison | null;
  /** Set for a document from a newer sdcoach. */
  readOnlySchemaVersion?: number | null;
}

/** Block-quotes free text so headings or lists in an answer cannot break the document's structure. */
const quoteBlock = (text: string): string[] => {
  const trimmed = text.replace(/\s+$/, '');
  if (!trimmed.trim()) return ['_(no answer)_'];
  return trimmed.split(/\r?\n/).map((l) => (l.trim() ? `> ${l}` : '>'));
};

/** One line for table cells. */
const cell = (s: string): string => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

const timeAgainstBudget = (spentMs: number, budgetMs: number): string => {
  if (spentMs === 0) return `not started (budget ${formatDuration(budgetMs)})`;
  const diff = spentMs - budgetMs;
  const verdict = Math.abs(diff) < 1000 ? 'on budget' : diff > 0 ? `${formatDuration(diff)} over` : `${formatDuration(-diff)} under`;
  return `${formatDuration(spentMs)} of ${formatDuration(budgetMs)} (${verdict})`;
};

const header = (s: Session, options: SessionMarkdownOptions): string[] => {
  const spent = PHASES.reduce((a, p) => a + phaseTimeMs(s, p), 0);
  const budget = PHASES.reduce((a, p) => a + s.budgets[p] * 1000, 0);
  const lines = [
    `# ${s.questionTitle}${s.overall !== null ? ` — ${formatScore(s.overall)}/100` : ''}`,
    '',
    `${s.status} · started ${formatDateTime(s.startedAt)} · ${timeAgainstBudget(spent, budget)} · rubric ${s.rubricVersion} · question \`${s.questionId}\` · session \`${s.id}\``,
  ];
  if (options.readOnlySchemaVersion) {
    lines.push('', `> Written by a newer sdcoach (schemaVersion ${options.readOnlySchemaVersion}); shown read-only, and newer details may be missing.`);
  }
  if (s.status === 'in-progress') {
    lines.push('', `> Unfinished: stopped in ${PHASE_TITLES[s.current.phase]}. Continue it with \`sdcoach resume\`.`);
  }
  return lines;
};

const scoreTable = (s: Session): string[] => {
  const totalWeight = PHASES.reduce((a, p) => a + s.phaseWeights[p], 0) || 1;
  const hints = PHASES.reduce((a, p) => a + s.phases[p].hints.length, 0);
  const rows = PHASES.map((p) => {
    const weight = `${Math.round((100 * s.phaseWeights[p]) / totalWeight)}%`;
    return `| ${PHASE_TITLES[p]} | ${formatScore(phaseScore(s, p))} | ${weight} | ${formatDuration(phaseTimeMs(s, p))} | ${formatDuration(s.budgets[p] * 1000)} | ${s.phases[p].hints.length} |`;
  });
  const spent = PHASES.reduce((a, p) => a + phaseTimeMs(s, p), 0);
  const budget = PHASES.reduce((a, p) => a + s.budgets[p] * 1000, 0);
  const penalty = hints && s.hintPenalty ? ` (−${hints * s.hintPenalty} for hints)` : '';
  return [
    '## Scores and time',
    '',
    '| Phase | Score | Weight | Time | Budget | Hints |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| Overall | ${formatScore(s.overall)} | | ${formatDuration(spent)} | ${formatDuration(budget)} | ${hints} |`,
    ...(penalty ? ['', `Overall score includes${penalty}.`] : []),
  ];
};

export const comparisonMarkdown = (c: AttemptComparison): string[] => {
  const lines = [
    `## Compared with the attempt of ${formatDateTime(c.previous.startedAt)}`,
    '',
    `Session \`${c.previous.id}\` (${c.previous.status}).`,
    '',
    '| Phase | Then | Now | Change |',
    '| --- | ---: | ---: | ---: |',
    ...PHASES.map((p) => `| ${PHASE_TITLES[p]} | ${formatScore(c.phases[p].before)} | ${formatScore(c.phases[p].now)} | ${formatChange(c.phases[p].change)} |`),
    `| Overall | ${formatScore(c.overall.before)} | ${formatScore(c.overall.now)} | ${formatChange(c.overall.change)} |`,
    '',
  ];
  const items = (title: string, xs: AttemptComparison['newlyCovered']): void => {
    if (!xs.length) return;
    lines.push(`${title}:`, '', ...xs.map((i) => `- ${PHASE_TITLES[i.phase]}: ${i.label}`), '');
  };
  items('Newly covered', c.newlyCovered);
  items('Newly missed', c.newlyMissed);
  if (!c.newlyCovered.length && !c.newlyMissed.length) lines.push('The same rubric items were covered both times.', '');
  return lines;
};

const phaseSection = (s: Session, p: Phase, question: Question | null | undefined): string[] => {
  const record = s.phases[p];
  const score = phaseScore(s, p);
  const lines = [`## ${PHASE_TITLES[p]}${score !== null ? ` — ${score}/100` : ''}`, ''];
  lines.push(`Time: ${timeAgainstBudget(phaseTimeMs(s, p), s.budgets[p] * 1000)}.`);
  if (record.hints.length) lines.push(`Hints used: ${record.hints.length} (${record.hints.map((h) => h.itemId).join(', ')}).`);
  lines.push('');
  const asked = record.transcript;
  if (asked.length) {
    lines.push('### Clarifying questions', '');
    for (const t of asked) lines.push(`- ${t.role === 'candidate' ? 'You' : 'Interviewer'}: ${cell(t.text)}`);
    lines.push('');
  }
  const live = s.status === 'in-progress' && s.current.phase === p;
  if (p === 'deep-dive' && s.followUps.length) {
    // The deep-dive answer is the follow-up answers joined; show each with its own grade instead.
    lines.push(...followUpSections(s, question, live ? s.current.draft : ''));
  } else {
    lines.push('### Your answer', '', ...quoteBlock(live && !record.answer ? s.current.draft : record.answer), '');
  }
  if (record.grade) {
    lines.push(p === 'deep-dive' && s.followUps.length ? '### Grade for the whole deep dive' : '### Grade', '');
    if (record.grade.notes.length) lines.push(...record.grade.notes.map((n) => `> ${n}`), '');
    lines.push(itemsMarkdown(record.grade.items).trimEnd(), '');
  } else if (record.answer || record.startedAt) {
    lines.push('_Not graded._', '');
  }
  // Outlines stay hidden until the phase is answered, as in the interview.
  if (question && record.grade) lines.push('### Reference outline', '', question.reference[p].trim(), '');
  return lines;
};

const followUpSections = (s: Session, question: Question | null | undefined, draft: string): string[] => {
  const lines: string[] = [];
  s.followUps.forEach((f, i) => {
    const current = i === s.current.followUpIndex && draft.trim() !== '' && !f.grade;
    if (!f.answer.trim() && !f.grade && !current) return;
    lines.push(`### Follow-up: ${cell(f.question)}${f.grade ? ` — ${f.grade.score}/100` : ''}`, '', ...quoteBlock(current ? draft : f.answer), '');
    if (f.grade) {
      if (f.grade.notes.length) lines.push(...f.grade.notes.map((n) => `> ${n}`), '');
      lines.push(itemsMarkdown(f.grade.items).trimEnd(), '');
    }
    const reference = question?.followUps.find((q) => q.id === f.id)?.reference;
    if (reference && f.grade) lines.push('Reference:', '', reference.trim(), '');
  });
  return lines.length ? lines : ['_No follow-up answered._', ''];
};

export const sessionMarkdown = (s: Session, options: SessionMarkdownOptions = {}): string => {
  const lines = [...header(s, options), '', ...scoreTable(s), ''];
  if (options.comparison) lines.push(...comparisonMarkdown(options.comparison));
  for (const p of PHASES) lines.push(...phaseSection(s, p, options.question));
  if (options.question === null) lines.push(`_The reference outlines are not shown: question \`${s.questionId}\` is not in the bank._`, '');
  // Collapse runs of blank lines left by optional parts.
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
};

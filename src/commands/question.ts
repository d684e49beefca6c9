import type { Command } from 'commander';
import { PHASES } from '../core/content/phases.js';
import { findQuestion, loadBankFor, requireValidBank } from './context.js';
import { renderMarkdown } from '../render/markdown.js';

export interface QuestionOptions {
  json?: boolean;
  reveal?: boolean;
}

const PHASE_TITLES = { requirements: 'Requirements', estimation: 'Estimation', design: 'Design', 'deep-dive': 'Deep dive' } as const;

export const questionCommand = async (id: string, opts: QuestionOptions, cmd: Command): Promise<void> => {
  const bank = await loadBankFor(cmd);
  requireValidBank(bank);
  const { question: q, items } = findQuestion(bank, id);

  if (opts.json) {
    const out = {
      id: q.id,
      title: q.title,
      aliases: q.aliases,
      difficulty: q.difficulty,
      tags: q.tags,
      sources: q.sources,
      prompt: q.prompt,
      phases: Object.fromEntries(PHASES.map((p) => [p, { rubricItems: items[p].map((i) => ({ id: i.id, label: i.label, weight: i.weight })) }])),
      followUps: q.followUps.map((f) => ({ id: f.id, question: f.question, ...(opts.reveal ? { reference: f.reference } : {}) })),
      ...(opts.reveal ? { reference: q.reference } : {}),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }

  const md: string[] = [
    `# ${q.title}`,
    `*${q.difficulty}* · ${q.tags.join(', ')} · id \`${q.id}\``,
    '',
    q.prompt.trim(),
    '',
    '## Phases',
    ...PHASES.map((p) => `- **${PHASE_TITLES[p]}**: ${items[p].length} rubric items`),
    '',
    `## Follow-ups the interviewer may ask (${q.followUps.length})`,
    ...q.followUps.map((f) => `- ${f.question}`),
  ];
  if (opts.reveal) {
    for (const p of PHASES) md.push('', `## Reference: ${PHASE_TITLES[p]}`, '', q.reference[p].trim());
  } else {
    md.push('', '_Reference outlines are hidden until you answer; add `--reveal` to show them._');
  }
  md.push('', `Sources: ${q.sources.map((s) => `${s.file} (${s.section})`).join('; ')}`);
  process.stdout.write(renderMarkdown(md.join('\n')));
};

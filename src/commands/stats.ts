// `sdcoach stats`: progress over all sessions — averages and trend, time against budget, what is missed
// most, best score per question, and a recommended next question with the reason.
import type { Command } from 'commander';
import { PHASES } from '../core/content/phases.js';
import { recentChange, scoreChart, sparkline } from '../core/render/charts.js';
import { formatChange, formatDateTime, formatScore, unreadableWarnings } from '../core/render/format.js';
import { PHASE_TITLES } from '../core/render/grade-markdown.js';
import { questionIndex } from '../core/stats/bank-index.js';
import { loadDigests } from '../core/stats/digest-cache.js';
import { computeStats, type Stats } from '../core/stats/stats.js';
import { dataPaths } from '../core/storage/paths.js';
import { textTable as table } from '../core/render/text-table.js';
import { packDirs } from './pack-dirs.js';

export interface StatsOptions {
  json?: boolean;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export const statsText = (stats: Stats): string => {
  const out: string[] = [];
  const s = stats.sessions;
  out.push(`Sessions: ${s.total} (${s.completed} completed, ${s.inProgress} in progress, ${s.abandoned} abandoned)`, '');
  if (s.graded > 0) {
    out.push('Average scores (trend: last 5 against the 5 before)');
    const line = (name: string, avg: number | null, values: number[]): string[] => [
      name,
      formatScore(avg),
      sparkline(values.slice(-30)),
      formatChange(recentChange(values)),
    ];
    out.push(
      table(
        ['', 'average', 'last 30', 'trend'],
        [line('Overall', stats.averages.overall, stats.trend.overall), ...PHASES.map((p) => line(PHASE_TITLES[p], stats.averages.phases[p], stats.trend.phases[p]))],
      ),
    );
    const chart = scoreChart(stats.trend.overall, { width: 60 });
    if (chart) out.push(`Overall score, last ${Math.min(60, stats.trend.overall.length)} graded sessions`, '', chart, '');
  }
  if (PHASES.some((p) => stats.time[p].spentMs > 0)) {
    out.push('Time management (share of your time against the share of the budget)');
    out.push(
      table(
        ['phase', 'time', 'budget', 'over budget'],
        PHASES.map((p) => [PHASE_TITLES[p], pct(stats.time[p].share), pct(stats.time[p].budgetShare), `${stats.time[p].overBudget} session(s)`]),
      ),
    );
  }
  if (stats.missedItems.length) {
    out.push('Rubric items missed most often');
    out.push(
      table(
        ['phase', 'item', 'missed', 'partial'],
        stats.missedItems.map((i) => [PHASE_TITLES[i.phase], i.label, `${i.missed} of ${i.graded}`, String(i.partial)]),
      ),
    );
  }
  if (stats.weakTags.length) {
    out.push('Weakest tags');
    out.push(
      table(
        ['tag', 'items missed', 'average', 'sessions'],
        stats.weakTags.slice(0, 5).map((t) => [t.tag, pct(t.missRate), String(t.averageOverall), String(t.sessions)]),
      ),
    );
  }
  if (stats.bestByQuestion.length) {
    out.push('Best score per question');
    out.push(
      table(
        ['question', 'title', 'best', 'attempts', 'last'],
        stats.bestByQuestion.map((q) => [q.questionId, q.title, formatScore(q.best), String(q.attempts), formatDateTime(q.lastAt)]),
      ),
    );
  }
  const r = stats.recommendation;
  if (r) out.push(`Next: ${r.title} (${r.questionId}, ${r.difficulty}). ${r.reason}`, `Start it with \`sdcoach practice ${r.questionId}\`.`);
  else if (s.total === 0) out.push('No sessions yet. Start one with `sdcoach practice <question>`.');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
};

export const statsCommand = async (opts: StatsOptions, cmd: Command): Promise<void> => {
  const paths = dataPaths();
  const { digests, errors } = await loadDigests({ paths });
  const stats = computeStats(digests, questionIndex(packDirs(cmd)));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...stats, errors }, null, 2)}\n`);
    return;
  }
  for (const line of unreadableWarnings(errors, paths.sessions)) process.stderr.write(`sdcoach: ${line}\n`);
  process.stdout.write(statsText(stats));
};

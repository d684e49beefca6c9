// `sdcoach history`: one line per session, newest first — date, question, overall and per-phase scores,
// time against budget, status. Unreadable files are reported (stderr, or `errors` in --json), never fatal.
// Start-up matters here (a listing should feel instant): this module and its imports load neither zod
// nor the session store; a warm run works from the digest cache alone.
import type { Command } from 'commander';
import { PHASES } from '../core/content/phases.js';
import { UserError } from '../core/errors.js';
import { formatDateTime, formatDuration, formatScore, shortIdLength, unreadableWarnings } from '../core/render/format.js';
import { loadDigests } from '../core/stats/digest-cache.js';
import { summarizeDigest } from '../core/stats/digest-summary.js';
import { dataPaths } from '../core/storage/paths.js';
import { textTable as table } from '../core/render/text-table.js';

export interface HistoryOptions {
  question?: string;
  limit?: string;
  json?: boolean;
}

/** A positive safe integer in any form Number() reads ("5", " 5 ", "5.0", "1e3"); anything else is a usage error. */
export const parseLimit = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UserError(`--limit must be a positive whole number (got "${raw}")`, { exitCode: 2 });
  return n;
};

export const historyCommand = async (opts: HistoryOptions, _cmd: Command): Promise<void> => {
  const limit = parseLimit(opts.limit);
  const paths = dataPaths();
  const { digests, errors } = await loadDigests({ paths });
  const matching = digests.filter((d) => !opts.question || d.questionId === opts.question);
  const rows = matching.slice(0, limit).map(summarizeDigest);

  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ sessions: rows, total: matching.length, errors }, null, 2)}\n`);
    return;
  }
  for (const line of unreadableWarnings(errors, paths.sessions)) process.stderr.write(`sdcoach: ${line}\n`);
  if (rows.length === 0) {
    process.stdout.write(
      opts.question
        ? `No sessions for question "${opts.question}".\n`
        : 'No sessions yet. Start one with `sdcoach practice <question>`.\n',
    );
    return;
  }
  // Short ids (unique among all sessions) keep the table narrow; `review` accepts any unique prefix.
  const idLength = shortIdLength(digests.map((d) => d.id));
  const headers = ['id', 'date', 'question', 'overall', 'req', 'est', 'des', 'deep', 'time', 'status'];
  const body = rows.map((r) => [
    r.id.slice(0, idLength),
    formatDateTime(r.startedAt),
    r.questionTitle || r.questionId,
    formatScore(r.overall),
    ...PHASES.map((p) => formatScore(r.phases[p].score)),
    `${formatDuration(r.timeMs)}/${formatDuration(r.budgetMs)}`,
    r.readOnly ? `${r.status} (newer)` : r.status,
  ]);
  process.stdout.write(table(headers, body));
  const shown = rows.length < matching.length ? `${rows.length} of ${matching.length}` : `${rows.length}`;
  process.stdout.write(`\n${shown} session(s). Review one with \`sdcoach review <id>\`.\n`);
};

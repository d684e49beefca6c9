// `sdcoach review [id|last]`: a whole session — answers, transcript, scores, evidence, missed items with
// why, reference outlines, time against budget — and the change against the previous attempt at the same
// question (or the one given with --compare).
import type { Command } from 'commander';
import { PHASES } from '../core/content/phases.js';
import { UserError } from '../core/errors.js';
import { sessionMarkdown } from '../core/render/session-markdown.js';
import { readQuestion } from '../core/stats/question-file.js';
import { compareAttempts, previousAttempt } from '../core/stats/compare.js';
import { summarize } from '../core/stats/session-summary.js';
import { SessionStore } from '../core/storage/session-store.js';
import { renderMarkdown } from '../render/markdown.js';
import { packDirs } from './context.js';

export interface ReviewOptions {
  json?: boolean;
  compare?: string;
}

export const reviewCommand = async (ref: string | undefined, opts: ReviewOptions, cmd: Command): Promise<void> => {
  const store = new SessionStore();
  const entry = store.get(ref ?? 'last');
  const session = entry.session;

  let other = null;
  if (opts.compare) {
    other = store.get(opts.compare);
    if (other.id === entry.id) throw new UserError(`--compare: session ${other.id} is the session under review`, { exitCode: 2 });
    if (other.session.questionId !== session.questionId) {
      throw new UserError(
        `--compare: session ${other.id} is an attempt at "${other.session.questionId}", not "${session.questionId}"`,
        { exitCode: 2, hint: `List attempts at this question with \`sdcoach history --question ${session.questionId}\`.` },
      );
    }
  } else {
    other = previousAttempt(store.entries(entry.id), session);
  }
  const comparison = other ? compareAttempts(session, other.session) : null;
  const question = readQuestion(session.questionId, packDirs(cmd));

  if (opts.json) {
    const out = {
      session,
      file: entry.file,
      schemaVersion: entry.schemaVersion,
      readOnly: entry.readOnly,
      summary: summarize(entry),
      comparison,
      // Outlines only for what has been answered and graded, as in the interview.
      reference: question
        ? {
            phases: Object.fromEntries(PHASES.filter((p) => session.phases[p].grade).map((p) => [p, question.reference[p]])),
            followUps: Object.fromEntries(
              question.followUps.filter((f) => session.followUps.some((a) => a.id === f.id && a.grade)).map((f) => [f.id, f.reference]),
            ),
          }
        : null,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const md = sessionMarkdown(session, {
    question,
    comparison,
    readOnlySchemaVersion: entry.readOnly ? entry.schemaVersion : null,
  });
  process.stdout.write(renderMarkdown(md));
};

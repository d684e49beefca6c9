// `sdcoach export <id|all> --format md|json [--out file]`: Markdown (the review, without terminal
// styling) or the session documents as JSON, which `sdcoach import` reads back.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { Question } from '../core/content/schema.js';
import { UserError } from '../core/errors.js';
import { unreadableWarnings } from '../core/render/format.js';
import { sessionMarkdown } from '../core/render/session-markdown.js';
import { readQuestion } from '../core/stats/question-file.js';
import type { SessionEntry } from '../core/storage/session-file.js';
import { safeWriteFile } from '../core/storage/safe-write.js';
import { SessionStore } from '../core/storage/session-store.js';
import { packDirs } from './context.js';

export interface ExportOptions {
  format: 'md' | 'json';
  out?: string;
}

/** A document from a newer sdcoach is exported exactly as stored, so nothing it added is lost. */
const asStored = (e: SessionEntry): unknown => (e.readOnly ? JSON.parse(readFileSync(e.file, 'utf8')) : e.session);

export const exportCommand = async (ref: string, opts: ExportOptions, cmd: Command): Promise<void> => {
  const store = new SessionStore();
  let entries: SessionEntry[];
  if (ref === 'all') {
    const { sessions, errors } = store.list();
    for (const line of unreadableWarnings(errors, store.paths.sessions)) process.stderr.write(`sdcoach: ${line}\n`);
    entries = sessions.reverse(); // oldest first reads naturally in a document
  } else {
    entries = [store.get(ref)];
  }

  let text: string;
  if (opts.format === 'json') {
    const docs = entries.map(asStored);
    text = `${JSON.stringify(ref === 'all' ? docs : docs[0], null, 2)}\n`;
  } else {
    const questions = new Map<string, Question | null>();
    const packs = packDirs(cmd);
    const question = (id: string): Question | null => {
      if (!questions.has(id)) questions.set(id, readQuestion(id, packs));
      return questions.get(id) ?? null;
    };
    text = entries
      .map((e) => sessionMarkdown(e.session, { question: question(e.session.questionId), readOnlySchemaVersion: e.readOnly ? e.schemaVersion : null }))
      .join('\n---\n\n');
    if (!text) text = '_No sessions._\n';
  }

  if (!opts.out) {
    process.stdout.write(text);
    return;
  }
  try {
    safeWriteFile(opts.out, text);
  } catch (e) {
    throw new UserError(`--out: ${(e as Error).message}`);
  }
  process.stderr.write(`Exported ${entries.length} session(s) to ${opts.out}.\n`);
};

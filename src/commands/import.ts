// `sdcoach import <file>`: adds sessions from an export (one document, an array, or { sessions: [...] }).
// Every document is validated; an id that already exists is never overwritten.
import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { describeFsError } from '../core/storage/safe-write.js';
import { SessionStore } from '../core/storage/session-store.js';

const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

const documents = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && Array.isArray((value as { sessions?: unknown }).sessions)) {
    return (value as { sessions: unknown[] }).sessions;
  }
  return [value];
};

export const importCommand = async (file: string, _opts: object, _cmd: Command): Promise<void> => {
  let text: string;
  try {
    if (statSync(file).size > MAX_IMPORT_BYTES) throw new UserError(`${file} is too large to import`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`cannot read ${file}: ${describeFsError(e)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const docs = documents(value);
  if (docs.length === 0) throw new UserError(`${file} contains no sessions`);

  const store = new SessionStore();
  if (docs.length === 1) {
    const entry = store.importSession(docs[0], file);
    process.stdout.write(`Imported session ${entry.id}.\n`);
    return;
  }
  const imported: string[] = [];
  const failed: string[] = [];
  const hints = new Set<string>();
  docs.forEach((doc, i) => {
    const source = docs.length > 1 ? `${file} [${i}]` : file;
    try {
      imported.push(store.importSession(doc, source).id);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      failed.push(e.message);
      if (e.hint) hints.add(e.hint);
    }
  });
  for (const message of failed) process.stderr.write(`sdcoach: ${message}\n`);
  for (const hint of hints) process.stderr.write(`${hint}\n`);
  process.stdout.write(`Imported ${imported.length} of ${docs.length} session(s).\n`);
  if (failed.length) process.exitCode = 1;
};

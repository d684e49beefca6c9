// Listing the sessions folder, kept apart from session-store.ts so that `history` and `stats` can list it
// without loading the store's dependencies (the lock library, the schema, zod).
import { readdirSync } from 'node:fs';
import { UserError } from '../errors.js';
import { describeFsError } from './safe-write.js';

/** Names in the sessions folder minus dot-files (temp files of interrupted writes, OS litter); none if it is missing. */
export const sessionNames = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UserError(`cannot read the sessions folder ${dir}: ${describeFsError(e)}`);
  }
};

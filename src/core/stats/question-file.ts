// One whole question for `review` and `export`: reads and validates just its file instead of the bank.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml, type Problem } from '../content/load.js';
import { QuestionSchema, type Question } from '../content/schema.js';
import { bankRoots } from './bank-index.js';

/** The validated question, or null when it is not in the bank (or does not validate). */
export const readQuestion = (id: string, packs: readonly string[] = []): Question | null => {
  for (const root of bankRoots(packs)) {
    for (const ext of ['yaml', 'yml']) {
      const file = join(root, 'question-bank', `${id}.${ext}`);
      if (!existsSync(file)) continue;
      const problems: Problem[] = [];
      const read = readYaml(file, QuestionSchema, problems);
      return read.ok && read.value.id === id ? read.value : null;
    }
  }
  return null;
};

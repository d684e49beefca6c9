// Real content and real storage for component tests: the built-in bank, its grader, and a session store
// on a temporary SDCOACH_HOME, with every live session closed (lock released) after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBank, type Bank, type BankQuestion } from '../../src/core/content/load.js';
import { Grader } from '../../src/core/grade/grader.js';
import { HINT_PENALTY } from '../../src/core/interview/interview.js';
import { dataPaths } from '../../src/core/storage/paths.js';
import { SessionStore, type LiveSession } from '../../src/core/storage/session-store.js';
import { DEFAULT_MINUTES_PER_PHASE } from '../../src/core/storage/settings.js';

let bank: Bank | undefined;
let grader: Grader | undefined;
export const testBank = (): Bank => (bank ??= loadBank({ withConcepts: false }));
export const testGrader = (): Grader => (grader ??= new Grader(testBank()));

export const question = (id: string): BankQuestion => {
  const entry = testBank().questions.get(id);
  if (!entry) throw new Error(`question ${id} is not in the built-in bank`);
  return entry;
};

export interface Fixture {
  home: string;
  store: SessionStore;
  start: (entry: BankQuestion, followUps?: number) => Promise<LiveSession>;
  /** Releases every lock and removes the temporary home. */
  dispose: () => void;
}

export const sessionFixture = (): Fixture => {
  const home = mkdtempSync(join(tmpdir(), 'sdcoach-ui-'));
  const store = new SessionStore({ paths: dataPaths({ SDCOACH_HOME: home }) });
  const open: LiveSession[] = [];
  return {
    home,
    store,
    start: async (entry, followUps = 1) => {
      const live = await store.create({
        questionId: entry.question.id,
        questionTitle: entry.question.title,
        rubricVersion: entry.rubricVersion,
        settings: { minutesPerPhase: { ...DEFAULT_MINUTES_PER_PHASE }, strict: false },
        followUps: entry.question.followUps.slice(0, followUps).map((f) => ({ id: f.id, question: f.question })),
        hintPenalty: HINT_PENALTY,
      });
      open.push(live);
      return live;
    },
    dispose: () => {
      for (const live of open) live.closeSync();
      rmSync(home, { recursive: true, force: true });
    },
  };
};

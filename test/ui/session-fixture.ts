// Real content and real storage for component tests: the built-in bank, its grader, and a session store
// on a temporary SDCOACH_HOME, with every live session closed (lock released) after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBank, type Bank, type BankQuestion } from '../../src/core/content/load.js';
import { Grader } from '../../src/core/grade/grader.js';
import { createInterviewReducer, HINT_PENALTY, initialState, type InterviewAction } from '../../src/core/interview/interview.js';
import { newSession } from '../../src/core/storage/new-session.js';
import type { Session } from '../../src/core/storage/session-schema.js';
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

/**
 * A finished session of a bank question with one follow-up, played through the core reducer and the real
 * grader: one answer per phase (the fourth answers the follow-up), each submitted `stepMs` after the last.
 */
export const finishedSession = (id: string, answers: string[], options: { sessionId?: string; stepMs?: number } = {}): Session => {
  const entry = question(id);
  const grader = testGrader();
  const f = entry.question.followUps[0]!;
  const doc = newSession(
    {
      questionId: entry.question.id,
      questionTitle: entry.question.title,
      rubricVersion: entry.rubricVersion,
      settings: { minutesPerPhase: { ...DEFAULT_MINUTES_PER_PHASE }, strict: false },
      followUps: [{ id: f.id, question: f.question }],
      hintPenalty: HINT_PENALTY,
    },
    options.sessionId ?? '01JH0000000000000000000000',
    new Date(Date.UTC(2026, 0, 1)),
  );
  const reduce = createInterviewReducer({
    gradePhase: (phase, text) => grader.gradePhase(entry, phase, text),
    gradeFollowUp: (fid, text) => grader.gradeFollowUp(entry, fid, text),
  });
  let now = Date.UTC(2026, 0, 1);
  const actions: InterviewAction[] = [{ type: 'start', now }];
  for (const text of answers) actions.push({ type: 'edit', text }, { type: 'submit', now: (now += options.stepMs ?? 120_000) });
  return actions.reduce(reduce, initialState(doc)).session;
};

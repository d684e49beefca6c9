// Starts the interactive app: wires the core services, renders Ink, and makes sure every open session is
// saved and unlocked on exit, Ctrl-C, SIGTERM and SIGHUP (a kill -9 loses at most the last second).
import React from 'react';
import { render } from 'ink';
import type { Phase } from '../core/content/schema.js';
import type { Bank, BankQuestion } from '../core/content/load.js';
import { Grader } from '../core/grade/grader.js';
import { systemClock, type Clock } from '../core/interview/clock.js';
import { HINT_PENALTY, pickFollowUps } from '../core/interview/interview.js';
import type { LlmCallOptions } from '../core/llm/api.js';
import { isLocked, STALE_MS } from '../core/storage/lock.js';
import { dataPaths } from '../core/storage/paths.js';
import type { SessionEntry } from '../core/storage/session-file.js';
import type { LiveSession, SessionStore } from '../core/storage/session-store.js';
import { loadSettingsForStart, settingsSnapshot } from '../core/storage/settings-defaults.js';
import type { Settings } from '../core/storage/settings.js';
import { followUpsAskedBefore } from '../core/stats/asked-before.js';
import { sessionOverview } from '../core/stats/overview.js';
import { App, type Screen } from './app.js';
import type { EditableSettings } from './screens/settings.js';

export interface TuiOptions {
  /** The bank, or a function that loads it: then the home screen draws first and the bank loads after. */
  bank: Bank | (() => Promise<Bank>);
  /** What to show first. */
  start: { kind: 'home' } | { kind: 'picker' } | { kind: 'question'; entry: BankQuestion } | { kind: 'resume'; id: string };
  /** Flag overrides for this run. */
  minutesPerPhase?: Partial<Record<Phase, number>>;
  followUps?: number;
  strict?: boolean;
  clock?: Clock;
  /** Shown on the home screen (e.g. a broken file in a pack) instead of printed above the UI. */
  warning?: (bank: Bank) => string | null;
}

export const DEFAULT_FOLLOW_UPS = 2;

const editable = (s: Settings): EditableSettings => ({
  minutesPerPhase: { ...s.minutesPerPhase },
  followUps: typeof s.followUps === 'number' ? s.followUps : DEFAULT_FOLLOW_UPS,
  strict: s.strict,
});

/**
 * The LLM options for the interview, or null when no LLM is configured or the `grader` setting is `rubric`.
 * One runtime is shared by every call, so they share its concurrency limit and what it learned of the server.
 */
export const tuiLlm = async (settings: Settings, env: NodeJS.ProcessEnv = process.env): Promise<LlmCallOptions | null> => {
  // The default (`grader: rubric`) needs no LLM client at all, so it is not even loaded.
  if (settings.grader === 'rubric') return null;
  const { llmStatus, runtimeFor } = await import('../core/llm/api.js');
  const status = llmStatus(settings, env);
  if (!status.configured || !status.grading) return null;
  const runtime = runtimeFor({ settings });
  // A runtime that cannot be built (a broken fake script) still goes through the API, which reports it per call.
  return runtime instanceof Error ? { settings } : { settings, runtime };
};

export const runTui = async (options: TuiOptions): Promise<number> => {
  // The session store (and the session schema, with zod) loads after the first frame: the home screen
  // needs only the digests and the lock folder.
  const paths = dataPaths();
  let storeLoading: Promise<SessionStore> | undefined;
  const store = (): Promise<SessionStore> =>
    (storeLoading ??= import('../core/storage/session-store.js').then((m) => new m.SessionStore({ paths })));
  const isOpen = (id: string): boolean => isLocked(paths.locks, id, STALE_MS);
  const loaded = await loadSettingsForStart();
  const base = editable(loaded.settings);
  const settings: EditableSettings = {
    minutesPerPhase: { ...base.minutesPerPhase, ...options.minutesPerPhase },
    followUps: options.followUps ?? base.followUps,
    strict: options.strict ?? base.strict,
  };
  let bank: Bank | undefined = typeof options.bank === 'function' ? undefined : options.bank;
  let loading: Promise<void> | undefined;
  const whenBankLoaded = (): Promise<void> =>
    (loading ??= bank ? Promise.resolve() : (options.bank as () => Promise<Bank>)().then((b) => void (bank = b)));
  const getBank = (): Bank => {
    if (!bank) throw new Error('the question bank is still loading');
    return bank;
  };
  let grader: Grader | undefined;
  const getGrader = (): Grader => (grader ??= new Grader(getBank()));
  const open = new Set<LiveSession>();
  const closeAll = (): void => {
    for (const live of open) {
      try {
        live.save(live.session);
      } catch {
        // The autosave already reported it; the file on disk keeps its previous version.
      }
      live.closeSync();
    }
    open.clear();
  };


  const startSession = async (entry: BankQuestion, s: EditableSettings): Promise<LiveSession> => {
    const seed = `${Date.now()}-${entry.question.id}`;
    const sessions = await store();
    const asked = await followUpsAskedBefore({ paths }, entry.question.id, (id) => sessions.get(id).session);
    const live = await sessions.create({
      questionId: entry.question.id,
      questionTitle: entry.question.title,
      rubricVersion: entry.rubricVersion,
      settings: settingsSnapshot({ ...loaded.settings, minutesPerPhase: s.minutesPerPhase, strict: s.strict }),
      followUps: pickFollowUps(entry.question.followUps, s.followUps, seed, asked).map((f) => ({
        id: f.id,
        question: f.question,
      })),
      hintPenalty: HINT_PENALTY,
    });
    open.add(live);
    return live;
  };

  const llm = await tuiLlm(loaded.settings);
  // Read before the first frame so the menu (counts, the resume entry) does not change under the cursor.
  const initialSessions = options.start.kind === 'home' ? await sessionOverview({ paths, isOpen }) : undefined;

  let exitCode = 0;
  let farewell: string | undefined;
  // Raw mode from the first frame on: Ink turns it on only when the first key handler mounts, just after the
  // frame is drawn, and a Ctrl-C typed in between would arrive as SIGINT instead of as a key. (Ink turns it
  // off when the last handler goes; Node restores the terminal at exit in any case.)
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  const app = render(
    <App
      services={{
        get bank() {
          return getBank();
        },
        get grader() {
          return getGrader();
        },
        get warning() {
          return bank && options.warning ? options.warning(bank) : null;
        },
        bankLoaded: () => bank !== undefined,
        sessions: () => sessionOverview({ paths, isOpen }),
        initialSessions,
        whenBankLoaded,
        isOpen,
        readSession: async (id): Promise<SessionEntry> => (await store()).get(id),
        clock: options.clock ?? systemClock,
        settings,
        strictOverride: options.strict,
        llm,
        saveSettings: async (s) => {
          const { saveSettings } = await import('../core/storage/settings.js');
          saveSettings({ ...loaded.settings, minutesPerPhase: s.minutesPerPhase, strict: s.strict, followUps: s.followUps });
        },
        startSession,
        openSession: async (id) => {
          const live = await (await store()).open(id);
          open.add(live);
          return live;
        },
        closeSession: (live) => {
          open.delete(live);
          live.closeSync();
        },
      }}
      initial={await initialScreen(options, async () => (await whenBankLoaded(), getBank()), store, startSession, settings, open)}
      exitAfterInterview={options.start.kind !== 'home'}
      onQuit={(code, message) => {
        exitCode = code;
        farewell = message;
      }}
    />,
    { exitOnCtrlC: false, patchConsole: false },
  );

  const onSignal = (signal: NodeJS.Signals): void => {
    closeAll();
    app.unmount();
    process.exit(signal === 'SIGINT' ? 130 : 128 + (signal === 'SIGTERM' ? 15 : 1));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('SIGINT', onSignal);
  process.once('exit', closeAll);
  try {
    await app.waitUntilExit();
  } finally {
    closeAll();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
  }
  if (farewell) process.stdout.write(`${farewell}\n`);
  return exitCode;
};

const initialScreen = async (
  options: TuiOptions,
  whenBankLoaded: () => Promise<Bank>,
  store: () => Promise<SessionStore>,
  startSession: (entry: BankQuestion, s: EditableSettings) => Promise<LiveSession>,
  settings: EditableSettings,
  open: Set<LiveSession>,
): Promise<Screen> => {
  const s = options.start;
  if (s.kind === 'home') return { name: 'home' };
  if (s.kind === 'picker') return { name: 'picker' };
  if (s.kind === 'resume') {
    const live = await (await store()).open(s.id);
    open.add(live);
    const entry = (await whenBankLoaded()).questions.get(live.session.questionId);
    if (!entry) return { name: 'error', message: `question ${live.session.questionId} is no longer in the bank` };
    return { name: 'interview', entry, live };
  }
  return { name: 'interview', entry: s.entry, live: await startSession(s.entry, settings) };
};


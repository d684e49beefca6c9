// The TUI root: a small screen router over the core (bank, grader, session store, settings).
import React, { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import type { Bank, BankQuestion } from '../core/content/load.js';
import type { Grader } from '../core/grade/grader.js';
import type { Clock } from '../core/interview/clock.js';
import type { LlmCallOptions } from '../core/llm/api.js';
import type { SessionEntry } from '../core/storage/session-file.js';
import type { LiveSession } from '../core/storage/session-store.js';
import { attemptsByQuestion, type SessionOverview } from '../core/stats/overview.js';
import { PHASE_TITLES } from '../core/render/grade-markdown.js';
import { useKeys } from './hooks/use-keys.js';
import { useWindowSize } from './hooks/use-window-size.js';
import { HomeScreen, type HomeChoice } from './screens/home.js';
import type { InterviewScreen as InterviewScreenType } from './screens/interview.js';
import { PickerScreen } from './screens/picker.js';
import type { MarkdownViewer as MarkdownViewerType } from './screens/results.js';
import { ReviewList } from './screens/review.js';
import { SettingsScreen, type EditableSettings } from './screens/settings.js';

// The interview and the results viewer (with the editor, the results Markdown and the LLM's second opinion,
// which validates stored outcomes with zod) load after the first frame: the App starts loading them as soon
// as it has drawn, so they are normally there before anyone picks a question.
const loadInterview = (): Promise<{ default: typeof InterviewScreenType }> =>
  import('./screens/interview.js').then((m) => ({ default: m.InterviewScreen }));
const loadViewer = (): Promise<{ default: typeof MarkdownViewerType }> => import('./screens/results.js').then((m) => ({ default: m.MarkdownViewer }));
const InterviewScreen = lazy(loadInterview);
const MarkdownViewer = lazy(loadViewer);

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

export interface AppServices {
  /** May be a getter that loads the bank on first use (the home screen draws before it). */
  bank: Bank;
  /** May be a getter too: building the grader's vocabulary is only needed for an interview. */
  grader: Grader;
  /** Whether a running sdcoach (this one included) holds the session. */
  isOpen: (id: string) => boolean;
  /** Reads and validates one saved session in full. */
  readSession: (id: string) => Promise<SessionEntry>;
  /** Past sessions from their digests (cheap with a long history); read again on every way home. */
  sessions: () => Promise<SessionOverview>;
  /** What `sessions` gave before the first frame, so the menu is complete when it first draws. */
  initialSessions?: SessionOverview;
  clock: Clock;
  settings: EditableSettings;
  /** Validates and writes the settings; rejects with a message to show (the old file is kept). */
  saveSettings: (s: EditableSettings) => Promise<void>;
  /** Creates a session for a question with the current settings. */
  startSession: (entry: BankQuestion, settings: EditableSettings) => Promise<LiveSession>;
  /** Opens an unfinished session. */
  openSession: (id: string) => Promise<LiveSession>;
  /** Called when a session ends or is left, so its lock is released. */
  closeSession: (live: LiveSession) => void;
  strictOverride?: boolean;
  /** A problem in the bank to show on the home screen; read again once the bank has loaded. */
  warning?: string | null;
  /** Whether the bank is loaded; when false, the App loads it right after its first frame. */
  bankLoaded?: () => boolean;
  /** Loads the bank (once); `bank` and `grader` may be read when it resolves. */
  whenBankLoaded?: () => Promise<void>;
  /** Set when an LLM is configured and grading asks for it; absent: the interview stays offline. */
  llm?: LlmCallOptions | null;
}

export type Screen =
  | { name: 'home' }
  | { name: 'picker' }
  | { name: 'interview'; entry: BankQuestion; live: LiveSession }
  | { name: 'review-list' }
  | { name: 'view'; markdown: string; back: Screen }
  | { name: 'settings' }
  | { name: 'error'; message: string };

export interface AppProps {
  services: AppServices;
  initial: Screen;
  /** Leave the app when the first interview ends, instead of going home (`sdcoach practice`). */
  exitAfterInterview: boolean;
  onQuit: (code: number, message?: string) => void;
}

export const App = ({ services, initial, exitAfterInterview, onQuit }: AppProps): React.JSX.Element => {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const [screen, setScreen] = useState<Screen>(initial);
  const [settings, setSettings] = useState(services.settings);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const [listing, setListing] = useState<SessionOverview>(() => services.initialSessions ?? { digests: [], unreadable: 0, resumable: null });
  const refreshSessions = (): void => {
    services.sessions().then(setListing, (e: Error) => setScreen({ name: 'error', message: e.message }));
  };
  useEffect(() => {
    if (!services.initialSessions) refreshSessions();
    // Once, on mount: later refreshes happen on the way home.
  }, []);
  // The bank loads after the first frame (the home screen needs none of it), then the App draws again so
  // that a problem in the bank shows as a warning.
  const [bankLoaded, setBankLoaded] = useState(() => services.bankLoaded?.() ?? true);
  const [bankError, setBankError] = useState<string | null>(null);
  useEffect(() => {
    if (bankLoaded || !services.whenBankLoaded) return;
    let live = true;
    const t = setTimeout(() => {
      services.whenBankLoaded!().then(
        () => live && setBankLoaded(true),
        (e: Error) => live && setBankError(e.message),
      );
    }, 0);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [services, bankLoaded]);
  // Right after the first frame: the screens that were left out of it.
  useEffect(() => {
    const t = setTimeout(() => {
      void loadInterview();
      void loadViewer();
    }, 0);
    return () => clearTimeout(t);
  }, []);
  /** Runs `then` once the bank is there: at once, or when the load started after the first frame ends. */
  const withBank = (then: () => void): void => {
    if (bankLoaded || !services.whenBankLoaded) return then();
    services.whenBankLoaded().then(then, (e: Error) => setScreen({ name: 'error', message: e.message }));
  };
  const picking = screen.name === 'picker';
  const questions = useMemo(
    () => (picking ? [...services.bank.questions.values()].sort((a, b) => a.question.title.localeCompare(b.question.title)) : []),
    [services, picking],
  );
  /** Every way back home re-reads the sessions, so the menu counts and the resume entry are current. */
  const goHome = (): void => {
    refreshSessions();
    setScreen({ name: 'home' });
  };

  const quit = (code: number, message?: string): void => {
    onQuit(code, message);
    exit();
  };

  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  useKeys((e) => {
    if (e.kind === 'key' && (e.name === 'ctrl-c' || e.name === 'escape')) quit(screen.name === 'interview' ? 130 : 0);
  }, tooSmall || screen.name === 'error');


  if (tooSmall) {
    return (
      <Box flexDirection="column">
        <Text color="yellow">{`Enlarge the terminal to at least ${MIN_COLUMNS}×${MIN_ROWS} (now ${columns}×${rows}).`}</Text>
        <Text dimColor>Your session is safe; Ctrl-C quits.</Text>
      </Box>
    );
  }

  // Checked again here: the session may have been opened since the listing was read.
  const resumable = listing.resumable && !services.isOpen(listing.resumable.id) ? listing.resumable : null;
  const start = (entry: BankQuestion): void => {
    services
      .startSession(entry, settings)
      .then((live) => setScreen({ name: 'interview', entry, live }))
      .catch((err: Error) => setScreen({ name: 'error', message: err.message }));
  };

  switch (screen.name) {
    case 'home':
      return (
        <Box flexDirection="column">
          {services.warning || bankError ? (
            <Text color="yellow" wrap="truncate-end">{`⚠ ${services.warning ?? `the question bank did not load: ${bankError}`}`}</Text>
          ) : null}
          <HomeScreen
          resumable={resumable ? `${resumable.questionTitle}${resumable.phase ? `, ${PHASE_TITLES[resumable.phase]}` : ''}` : null}
          sessions={listing.digests.length}
          minutes={Object.values(settings.minutesPerPhase).reduce((a, b) => a + b, 0)}
          onChoose={(c: HomeChoice) => {
            if (c === 'quit') return quit(0);
            if (c === 'start') return withBank(() => setScreen({ name: 'picker' }));
            if (c === 'review') return withBank(() => setScreen({ name: 'review-list' }));
            if (c === 'settings') return setScreen({ name: 'settings' });
            if (c === 'resume' && resumable) withBank(() => {
              const entry = services.bank.questions.get(resumable.questionId);
              if (!entry) return setScreen({ name: 'error', message: `question ${resumable.questionId} is no longer in the bank` });
              services
                .openSession(resumable.id)
                .then((live) => setScreen({ name: 'interview', entry, live }))
                .catch((err: Error) => setScreen({ name: 'error', message: err.message }));
            });
          }}
          />
        </Box>
      );
    case 'picker':
      return (
        <PickerScreen
          questions={questions}
          attempts={attemptsByQuestion(listing.digests)}
          rows={rows}
          onPick={start}
          onBack={() => (exitAfterInterview ? quit(0) : goHome())}
        />
      );
    case 'interview':
      return (
        <Suspense fallback={<Text dimColor>Loading…</Text>}>
          <InterviewScreen
          key={screen.live.id}
          entry={screen.entry}
          live={screen.live}
          grader={services.grader}
          clock={services.clock}
          strict={services.strictOverride ?? screen.live.session.settings.strict}
          columns={columns}
          rows={rows}
          llm={services.llm ?? null}
          onExit={(how) => {
            const { id, file } = screen.live;
            services.closeSession(screen.live);
            if (how === 'quit') return quit(130, `Session ${id} saved to ${file}. Resume it with \`sdcoach resume\`.`);
            if (exitAfterInterview) return quit(0, `Session ${id} saved to ${file}. Review it with \`sdcoach review ${id}\`.`);
            goHome();
          }}
          />
        </Suspense>
      );
    case 'review-list':
      return (
        <ReviewList
          sessions={listing.digests}
          unreadable={listing.unreadable}
          rows={rows}
          onBack={() => goHome()}
          onOpen={(d) => {
            Promise.all([services.readSession(d.id), import('../core/render/results-markdown.js')]).then(
              ([e, { resultsMarkdown }]) =>
                setScreen({
                  name: 'view',
                  markdown: resultsMarkdown(e.session, services.bank.questions.get(e.session.questionId), { savedTo: e.file }),
                  back: { name: 'review-list' },
                }),
              (err: Error) => setScreen({ name: 'error', message: err.message }),
            );
          }}
        />
      );
    case 'view':
      return (
        <Suspense fallback={<Text dimColor>Loading…</Text>}>
          <MarkdownViewer markdown={screen.markdown} columns={columns} rows={rows} onBack={() => setScreen(screen.back)} />
        </Suspense>
      );
    case 'settings':
      return (
        <SettingsScreen
          initial={settings}
          error={settingsError}
          onBack={() => goHome()}
          onSave={(s) => {
            services.saveSettings(s).then(
              () => {
                setSettings(s);
                setSettingsError(null);
                goHome();
              },
              (err: Error) => setSettingsError(err.message),
            );
          }}
        />
      );
    case 'error':
      return (
        <Box flexDirection="column">
          <Text color="red">{screen.message}</Text>
          <Text dimColor>Esc or Ctrl-C to leave.</Text>
        </Box>
      );
  }
};

// The timed mock interview. State lives in the core reducer; this screen renders it, maps keys through
// the keymap, and saves the draft (every second while it changes, and at every phase change).
import React, { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useStdin } from 'ink';
import type { BankQuestion } from '../../core/content/load.js';
import type { Phase } from '../../core/content/schema.js';
import type { Grader } from '../../core/grade/grader.js';
import type { Clock } from '../../core/interview/clock.js';
import { nextHint } from '../../core/interview/hints.js';
import {
  createInterviewReducer,
  type InterviewAction,
  currentFollowUp,
  currentPhase,
  initialState,
  phaseNumber,
  phaseRemainingMs,
  revealedFacts,
  snapshot,
  timerLevel,
  totalBudgetMs,
  totalElapsedMs,
  type InterviewState,
} from '../../core/interview/interview.js';
import type { LlmCallOptions } from '../../core/llm/api.js';
import { PHASE_TITLES } from '../../core/render/grade-markdown.js';
import type { Session } from '../../core/storage/session-schema.js';
import type { LiveSession } from '../../core/storage/session-store.js';
import { editorReducer, emptyEditor, layout, wordCount, type EditorAction, type EditorState } from '../editor/editor-state.js';
import { EditorView } from '../components/editor-view.js';
import { Header } from '../components/header.js';
import { editWithExternalEditor } from '../external-editor.js';
import { useAutosave } from '../hooks/use-autosave.js';
import { useClarifyingAsk } from '../hooks/use-clarifying-ask.js';
import { useKeys } from '../hooks/use-keys.js';
import { useNow } from '../hooks/use-now.js';
import { useSpinner } from '../hooks/use-spinner.js';
import { useLlmGrading } from '../llm/use-llm-grading.js';
import type { KeyEvent, KeyName } from '../keys.js';
import { commandFor, footerFor } from '../keymap.js';
import { ResultsView } from './results.js';

export interface InterviewProps {
  entry: BankQuestion;
  live: LiveSession;
  grader: Grader;
  clock: Clock;
  strict: boolean;
  columns: number;
  rows: number;
  onExit: (how: 'quit' | 'done') => void;
  /**
   * The LLM, when one is configured and grading is on: it answers clarifying questions no fact matches and
   * gives a second opinion on every graded part in the background. Null: everything stays offline.
   */
  llm?: LlmCallOptions | null;
}

const INSTRUCTIONS: Record<Phase, string> = {
  requirements: 'Clarify the problem: ask the interviewer (Tab), then write functional and non-functional requirements and what is out of scope.',
  estimation: 'Back-of-the-envelope: turn the facts into per-second rates, storage and bandwidth. Show the working.',
  design: 'High-level design: components, the request path, data model and API. Mermaid flowcharts are welcome.',
  'deep-dive': 'Deep dive',
};

type Dialog = null | 'confirm-empty' | 'confirm-quit';

const EDIT_KEYS: Partial<Record<KeyName, EditorAction['type']>> = {
  backspace: 'backspace',
  delete: 'delete',
  'word-backspace': 'word-backspace',
  left: 'left',
  right: 'right',
  'word-left': 'word-left',
  'word-right': 'word-right',
  up: 'up',
  down: 'down',
  home: 'home',
  end: 'end',
  'page-up': 'page-up',
  'page-down': 'page-down',
};

export const THINKING = 'Interviewer is thinking… (Esc to skip)';

export const InterviewScreen = ({ entry, live, grader, clock, strict, columns, rows, onExit, llm = null }: InterviewProps): React.JSX.Element => {
  const reducer = useMemo(
    () =>
      createInterviewReducer(
        {
          gradePhase: (phase, text) => grader.gradePhase(entry, phase, text),
          gradeFollowUp: (id, text) => grader.gradeFollowUp(entry, id, text),
        },
        { strict },
      ),
    [grader, entry, strict],
  );
  // Interview and editor state live in refs and every input event is applied to the latest value at once,
  // then one re-render follows. (With useReducer plus effects, keys typed in the instant after a phase
  // change could be queued before the editor was reset, and lost.)
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const stateRef = useRef<InterviewState | null>(null);
  stateRef.current ??= initialState(live.session);
  const state = stateRef.current;
  const saveRef = useRef<(force?: boolean) => void>(() => {});
  // A clarifying question the LLM is answering: the ask line waits, the answer editor does not.
  const asking = useClarifyingAsk(entry, () => grader.vocab, llm, {
    answered: (question, answer, factIds) => dispatch({ type: 'ask', question, answer, factIds, now: clock.now() }),
    arrived: (note) => {
      // An answer that took a round trip (and perhaps cost money) is kept at once.
      saveRef.current(true);
      if (note) setNotice(note);
    },
    changed: () => rerender(),
  });
  const now = useNow(clock, 1000, state.stage === 'phase');
  const { setRawMode } = useStdin();

  const phase = currentPhase(state);
  const followUp = currentFollowUp(state);
  const height = rows - 1; // stay shorter than the screen so Ink never clears it
  const width = columns;

  // ── layout ──
  const facts = phase === 'estimation' ? revealedFacts(state.session) : [];
  const pendingAsk = asking.pending();
  const transcript = state.session.phases.requirements.transcript;
  // The question the LLM is answering shows at the foot of the transcript until its answer arrives.
  const shownTranscript = pendingAsk ? [...transcript, { role: 'candidate' as const, text: pendingAsk.question, at: '' }] : transcript;
  const panelLines =
    phase === 'requirements' ? Math.min(6, shownTranscript.length) : phase === 'estimation' ? Math.min(6, Math.max(1, facts.length)) : 0;
  const instruction = phase === 'deep-dive' ? `Interviewer: ${followUp?.question ?? 'What would you improve first, and why?'}` : INSTRUCTIONS[phase];
  const instructionLines = Math.min(3, Math.ceil((instruction.length + 8) / Math.max(20, width - 2)));
  const askLines = phase === 'requirements' ? 1 : 0;
  const editorHeight = Math.max(3, height - 1 - instructionLines - panelLines - askLines - 4);
  const editorWidth = Math.max(10, width - 2);

  const dims = useRef({ w: editorWidth, h: editorHeight });
  dims.current = { w: editorWidth, h: editorHeight };
  const edReduce = useCallback((s: EditorState, a: EditorAction) => editorReducer(dims.current.w, dims.current.h)(s, a), []);
  const edRef = useRef<EditorState | null>(null);
  edRef.current ??= emptyEditor(state.session.current.draft);
  const editor = edRef.current;
  const stepOf = (s: InterviewState): string => `${s.stage}:${currentPhase(s)}:${s.session.current.followUpIndex}`;

  /** Applies an interview action now; a new phase or follow-up starts the editor from its own draft. */
  const dispatch = (action: InterviewAction): void => {
    const prev = stateRef.current!;
    const next = reducer(prev, action);
    if (next === prev) return;
    stateRef.current = next;
    if (stepOf(next) !== stepOf(prev)) {
      edRef.current = emptyEditor(next.session.current.draft);
      hintRef.current = null;
      focusRef.current = 'answer';
      setFocusState('answer');
      // Every change of phase (and the final results) is saved at once.
      saveRef.current(true);
      // The part just graded gets the LLM's second opinion in the background.
      grading.launch(next.session);
    }
    rerender();
  };
  /** Stores what arrived in the background (an LLM outcome) in the latest state, and saves it. */
  const applySession = (update: (s: Session) => Session): void => {
    const cur = stateRef.current!;
    const session = update(cur.session);
    if (session === cur.session) return;
    stateRef.current = { ...cur, session };
    saveRef.current(true);
    rerender();
  };
  const grading = useLlmGrading(entry, llm, applySession);
  const thinking = useSpinner(clock, asking.pending() !== null || (state.stage === 'results' && grading.pending > 0));
  const edDispatch = (action: EditorAction): void => {
    const before = edRef.current!;
    const after = edReduce(before, action);
    if (after === before) return;
    edRef.current = after;
    if (after.text !== before.text) dispatch({ type: 'edit', text: after.text });
    rerender();
  };
  // The ask line is applied through a ref so that "question\r" arriving as one chunk sends the whole question.
  const askRef = useRef<EditorState>(emptyEditor());
  const askDispatch = (a: EditorAction): void => {
    askRef.current = editorReducer(Math.max(10, dims.current.w - 6), 1)(askRef.current, a);
    rerender();
  };
  const ask = askRef.current;

  // Focus and dialog are read by the key handler, which may see several events before React re-renders
  // (a Tab and the question typed after it can arrive together): keep them in refs, mirrored to state.
  const focusRef = useRef<'answer' | 'ask'>('answer');
  const dialogRef = useRef<Dialog>(null);
  const [focus, setFocusState] = useState<'answer' | 'ask'>('answer');
  const [dialog, setDialogState] = useState<Dialog>(null);
  const setFocus = (f: 'answer' | 'ask' | ((cur: 'answer' | 'ask') => 'answer' | 'ask')): void => {
    focusRef.current = typeof f === 'function' ? f(focusRef.current) : f;
    setFocusState(focusRef.current);
  };
  const setDialog = (d: Dialog): void => {
    dialogRef.current = d;
    setDialogState(d);
  };
  const [notice, setNotice] = useState<string | null>(null);
  const hintRef = useRef<string | null>(null);
  const setHint = (h: string | null): void => {
    hintRef.current = h;
    rerender();
  };
  const hint = hintRef.current;
  const pasting = useRef(false);
  // Saved every second while it changes (not before the clock starts), and at every phase change.
  const { save, error: saveError, savedAt } = useAutosave(
    live,
    clock,
    () => stateRef.current!.session,
    (t) => snapshot(stateRef.current!, t).session,
    () => stateRef.current!.stage !== 'intro',
  );
  saveRef.current = save;

  // Resume the clock of a session that was already in a phase; parts graded before without an LLM opinion get one.
  useEffect(() => {
    if (stateRef.current!.stage === 'phase') dispatch({ type: 'resume', now: clock.now() });
    grading.launch(stateRef.current!.session);
  }, [clock]);
  // Strict mode advances at zero.
  useEffect(() => {
    if (!strict || state.stage !== 'phase') return;
    if (phaseRemainingMs(stateRef.current!, now) <= 0) asking.settle();
    dispatch({ type: 'tick', now });
  }, [now, strict, state.stage]);

  const quitPressedAt = useRef(0);
  const requestQuit = (): void => {
    const t = clock.now();
    if (t - quitPressedAt.current < 3000 || dialogRef.current === 'confirm-quit') {
      asking.settle();
      save(true);
      onExit('quit');
      return;
    }
    quitPressedAt.current = t;
    save(true);
    setDialog('confirm-quit');
  };

  const submit = (force = false): void => {
    const draft = stateRef.current!.session.current.draft;
    if (!force && draft.trim() === '') {
      setDialog('confirm-empty');
      return;
    }
    setDialog(null);
    asking.settle();
    dispatch({ type: 'submit', now: clock.now() });
  };

  const sendQuestion = (): void => {
    const q = askRef.current.text.trim();
    // One question at a time: while the LLM answers, the next one stays in the ask line.
    if (q && asking.send(q)) askDispatch({ type: 'set', text: '' });
  };

  const giveHint = (): void => {
    const s = stateRef.current!.session;
    const items = phase === 'deep-dive' && followUp ? (entry.question.followUps.find((f) => f.id === followUp.id)?.items ?? []) : entry.items[phase];
    const hinted = new Set(s.phases[phase].hints.map((h) => h.itemId));
    const text = phase === 'requirements' ? `${editor.text}\n${transcript.filter((t) => t.role === 'candidate').map((t) => t.text).join('\n')}` : editor.text;
    const h = nextHint(grader, items, text, hinted);
    if (!h) {
      setHint('No more hints: your answer already touches every rubric item this phase looks for.');
      return;
    }
    dispatch({ type: 'hint', itemId: h.itemId, now: clock.now() });
    setHint(`Hint (−${s.hintPenalty} points): ${h.text}`);
  };

  const openEditor = (): void => {
    const r = editWithExternalEditor(editor.text, setRawMode);
    if (r.text !== null) edDispatch({ type: 'set', text: r.text });
    setNotice(r.error);
  };

  // One handler for the intro and the phases, reading the latest state: keys that arrive together with
  // the Enter that starts the clock go to the answer, not to a handler that is about to be replaced.
  const onKey = (e: KeyEvent): void => {
    const stage = stateRef.current!.stage;
    if (stage === 'intro') {
      if (e.kind === 'key' && e.name === 'enter') dispatch({ type: 'start', now: clock.now() });
      if (e.kind === 'key' && (e.name === 'ctrl-c' || e.name === 'escape')) onExit('quit');
      return;
    }
    if (stage !== 'phase') return;
    if (e.kind === 'key' && e.name === 'paste-start') {
      pasting.current = true;
      return;
    }
    if (e.kind === 'key' && e.name === 'paste-end') {
      pasting.current = false;
      return;
    }
    if (dialogRef.current === 'confirm-empty') {
      if (e.kind === 'text' && /^y/i.test(e.text)) submit(true);
      else setDialog(null);
      return;
    }
    if (e.kind === 'key' && e.name === 'ctrl-c') return requestQuit();
    if (e.kind === 'key' && e.name === 'escape' && asking.pending()) return asking.settle();
    if (dialogRef.current === 'confirm-quit') setDialog(null);
    setNotice(null);

    const target = focusRef.current === 'ask' && currentPhase(stateRef.current!) === 'requirements' ? 'ask' : 'editor';
    const send = target === 'ask' ? askDispatch : edDispatch;
    if (e.kind === 'text') {
      // In the ask line a line break (Enter arriving inside a chunk) sends the question.
      if (target === 'ask' && !pasting.current && /[\r\n]$/.test(e.text)) {
        askDispatch({ type: 'insert', text: e.text.replace(/[\r\n]+/g, ' ').trim() });
        sendQuestion();
        return;
      }
      send({ type: 'insert', text: target === 'ask' ? e.text.replace(/[\r\n]+/g, ' ') : e.text });
      return;
    }
    if (pasting.current && (e.name === 'enter' || e.name === 'tab')) {
      send({ type: 'insert', text: e.name === 'enter' ? '\n' : '  ' });
      return;
    }
    const cmd = commandFor(target === 'ask' ? 'ask' : 'editor', e.name);
    switch (cmd) {
      case 'submit':
        return submit();
      case 'newline':
        return edDispatch({ type: 'insert', text: '\n' });
      case 'send-question':
        return sendQuestion();
      case 'toggle-ask':
        if (currentPhase(stateRef.current!) === 'requirements') setFocus((f) => (f === 'ask' ? 'answer' : 'ask'));
        return;
      case 'external-editor':
        return openEditor();
      case 'hint':
        return giveHint();
      default: {
        const edit = EDIT_KEYS[e.name];
        if (edit) send({ type: edit } as EditorAction);
      }
    }
  };
  useKeys(onKey, state.stage !== 'results');

  if (state.stage === 'results') {
    return (
      <ResultsView
        session={state.session}
        entry={entry}
        savedTo={live.file}
        columns={columns}
        rows={rows}
        onDone={() => onExit('done')}
        waiting={grading.pending > 0 ? { count: grading.pending, spinner: thinking, onSkip: grading.skip } : null}
      />
    );
  }

  if (state.stage === 'intro') {
    const q = entry.question;
    const b = state.session.budgets;
    return (
      <Box flexDirection="column" height={height} width={width}>
        <Text bold>{q.title}</Text>
        <Text dimColor>{`${q.difficulty} · ${q.tags.join(', ')}`}</Text>
        <Box marginY={1} flexDirection="column">
          <Text>{q.prompt.trim()}</Text>
        </Box>
        <Text>
          {`Budget: requirements ${b.requirements / 60} min · estimation ${b.estimation / 60} · design ${b.design / 60} · deep dive ${b['deep-dive'] / 60}${strict ? ' · strict: phases end at zero' : ''}`}
        </Text>
        <Text dimColor>{`${state.session.followUps.length} follow-up question(s) in the deep dive. Your work is saved as you type.`}</Text>
        <Box marginTop={1}>
          <Text color="cyan">Press Enter to start the clock · Ctrl-C to leave</Text>
        </Box>
      </Box>
    );
  }

  const words = wordCount(editor.text);
  const totalLines = layout(editor.text, editorWidth).length;
  const status = saveError
    ? `⚠ ${saveError}`
    : `${words} word${words === 1 ? '' : 's'}${totalLines > editorHeight ? ` · line ${editor.scroll + 1}/${totalLines}` : ''}${savedAt ? ' · saved' : ''}`;

  return (
    <Box flexDirection="column" height={height} width={width}>
      <Header
        title={entry.question.title}
        phaseLabel={PHASE_TITLES[phase]}
        phaseNumber={phaseNumber(state)}
        remainingMs={phaseRemainingMs(state, now)}
        totalElapsedMs={totalElapsedMs(state, now)}
        totalBudgetMs={totalBudgetMs(state)}
        level={timerLevel(state, now)}
        width={width}
      />
      <Box height={instructionLines}>
        <Text color={phase === 'deep-dive' ? 'cyan' : undefined} dimColor={phase !== 'deep-dive'} wrap="wrap">
          {phase === 'deep-dive' && state.session.followUps.length > 1
            ? `(${state.session.current.followUpIndex + 1}/${state.session.followUps.length}) ${instruction}`
            : instruction}
        </Text>
      </Box>
      {phase === 'requirements' && panelLines > 0 ? (
        <Box flexDirection="column" height={panelLines}>
          {shownTranscript.slice(-panelLines).map((t, i) => (
            <Text key={i} wrap="truncate-end" color={t.role === 'interviewer' ? 'cyan' : undefined}>
              {t.role === 'interviewer' ? `Interviewer: ${t.text}` : `You: ${t.text}`}
            </Text>
          ))}
        </Box>
      ) : null}
      {phase === 'estimation' ? (
        <Box flexDirection="column" height={panelLines}>
          {facts.length === 0 ? (
            <Text dimColor>No facts gathered in requirements: state your assumptions.</Text>
          ) : (
            facts.slice(-panelLines).map((f, i) => (
              <Text key={i} wrap="truncate-end" color="cyan">{`• ${f.text}`}</Text>
            ))
          )}
        </Box>
      ) : null}
      {phase === 'requirements' ? (
        <Text wrap="truncate-end">
          <Text color={focus === 'ask' ? 'cyan' : undefined} bold={focus === 'ask'}>
            {'Ask › '}
          </Text>
          {pendingAsk ? (
            <Text color="cyan">{`${thinking} ${THINKING}`}</Text>
          ) : focus === 'ask' ? (
            <>
              {ask.text.slice(0, ask.cursor)}
              <Text inverse>{ask.text.slice(ask.cursor, ask.cursor + 1) || ' '}</Text>
              {ask.text.slice(ask.cursor + 1)}
            </>
          ) : (
            <Text dimColor>{ask.text || 'Tab to ask the interviewer a clarifying question'}</Text>
          )}
        </Text>
      ) : null}
      <Box borderStyle="round" borderColor={focus === 'answer' ? 'gray' : undefined} borderDimColor paddingX={0} height={editorHeight + 2}>
        <EditorView state={editor} width={editorWidth} height={editorHeight} focused={focus === 'answer'} placeholder="Type your answer…" />
      </Box>
      <Text wrap="truncate-end" color={saveError ? 'red' : hint ? 'yellow' : undefined} dimColor={!saveError && !hint}>
        {dialog === 'confirm-empty'
          ? 'Your answer is empty. Submit anyway? (y/n)'
          : dialog === 'confirm-quit'
            ? 'Press Ctrl-C again to quit. Your session is saved: resume it with `sdcoach resume`.'
            : (notice ?? hint ?? status)}
      </Text>
      <Text dimColor wrap="truncate-end">
        {footerFor(focus === 'ask' ? 'ask' : 'editor', { ask: phase === 'requirements' })}
      </Text>
    </Box>
  );
};

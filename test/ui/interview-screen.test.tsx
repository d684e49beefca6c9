// The interview screen rendered with ink-testing-library, a real bank question and a real session store:
// keys go through Ink's stdin parsing and sdcoach's own key names, exactly as in a terminal.
import { readFileSync } from 'node:fs';
import { render, cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { layout, wordCount } from '../../src/ui/editor/editor-state.js';
import { InterviewScreen } from '../../src/ui/screens/interview.js';
import { FakeClock } from '../../src/core/interview/clock.js';
import type { Session } from '../../src/core/storage/session-schema.js';
import { KEY, plain, until, waitFor } from './ink-harness.js';
import { question, sessionFixture, testGrader, type Fixture } from './session-fixture.js';

let fx: Fixture;
beforeEach(() => {
  fx = sessionFixture();
});
afterEach(() => {
  cleanup();
  fx.dispose();
});

const FAMILY = '👨‍👩‍👧';

/** Opens url-shortener on the interview screen and starts the clock. */
const startInterview = async (size: { columns?: number; rows?: number } = {}) => {
  const entry = question('url-shortener');
  const live = await fx.start(entry);
  const clock = new FakeClock();
  const onExit = vi.fn();
  const columns = size.columns ?? 80;
  const r = render(
    <InterviewScreen entry={entry} live={live} grader={testGrader()} clock={clock} strict={false} columns={columns} rows={size.rows ?? 24} onExit={onExit} />,
  );
  await waitFor(r.lastFrame, 'Press Enter to start the clock');
  r.stdin.write(KEY.enter);
  // "saved" marks that the start of the phase has been saved, i.e. the screen has settled into it.
  await waitFor(r.lastFrame, /Requirements \(1\/4\)[\s\S]*0 words · saved/);
  const frame = (): string => plain(r.lastFrame());
  /** The rows inside the editor's rounded border, without the border and trailing blanks. */
  const editorRows = (): string[] => {
    const lines = frame().split('\n');
    const top = lines.findIndex((l) => l.startsWith('╭'));
    const bottom = lines.findIndex((l, i) => i > top && l.startsWith('╰'));
    return lines.slice(top + 1, bottom).map((l) => l.slice(1, -1).trimEnd());
  };
  /** Runs the autosave (a second of fake time at a go) until the saved session passes the check. */
  const autosaved = (check: (s: Session) => boolean, what: string): Promise<void> =>
    until(() => {
      clock.advance(1000);
      return check(live.session);
    }, what);
  /** Waits until the session file on disk holds `text` as the draft. */
  const savedDraft = async (text: string): Promise<void> => {
    await autosaved((s) => s.current.draft === text, `the draft to be saved as ${JSON.stringify(text.slice(0, 60))}`);
    expect(JSON.parse(readFileSync(live.file, 'utf8')).current.draft).toBe(text);
  };
  return { ...r, entry, live, clock, onExit, columns, frame, editorRows, autosaved, savedDraft };
};

describe('interview screen: the answer editor', () => {
  it('keeps a bracketed paste delivered in many chunks complete', async () => {
    const t = await startInterview();
    const line = 'Writes: 100M per day / 86,400 s is about 1,160 writes per second; reads about 116k per second.\n';
    const paste = line.repeat(120); // ~11 KB
    t.stdin.write(KEY.pasteStart);
    // Written back to back, with no render in between: every chunk must be applied to the latest buffer.
    for (let i = 0; i < paste.length; i += 173) t.stdin.write(paste.slice(i, i + 173));
    t.stdin.write(KEY.pasteEnd);
    const words = wordCount(paste);
    await waitFor(t.lastFrame, `${words} words`);
    await t.savedDraft(paste);
  });

  it('keeps an unbracketed paste of lines, each ending in a carriage return, complete', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `req ${i}: users shorten links`);
    const t = await startInterview();
    for (const l of lines) t.stdin.write(`${l}\r`);
    await t.savedDraft(`${lines.join('\n')}\n`);
  });

  it('reads "text\\r" arriving as one chunk as the text and a new line', async () => {
    const t = await startInterview();
    t.stdin.write('hello\r');
    t.stdin.write('world');
    await waitFor(t.lastFrame, 'world');
    expect(t.editorRows().slice(0, 2)).toEqual(['hello', 'world']);
    await t.savedDraft('hello\nworld');
  });

  it('deletes a whole emoji grapheme with Backspace, never half of it', async () => {
    const t = await startInterview();
    t.stdin.write(`ab${FAMILY}`);
    await waitFor(t.lastFrame, `ab${FAMILY}`);
    t.stdin.write(KEY.backspace);
    await waitFor(t.lastFrame, (f) => !f.includes('👨') && !f.includes('👩') && !f.includes('👧'));
    expect(t.editorRows()[0]).toBe('ab');
    await t.savedDraft('ab');
    expect(t.live.session.current.draft.isWellFormed()).toBe(true);
    t.stdin.write(KEY.backspace);
    await t.savedDraft('a');
  });

  it('wraps the answer to the editor width at word boundaries', async () => {
    const t = await startInterview({ columns: 40 });
    const text = 'Functional: shorten a long URL into a seven character code, redirect visitors to the original page, and let users pick an alias.';
    t.stdin.write(text);
    await waitFor(t.lastFrame, 'alias.');
    const expected = layout(text, t.columns - 2).map((l) => l.text.trimEnd());
    expect(expected.length).toBeGreaterThan(3);
    expect(t.editorRows().slice(0, expected.length)).toEqual(expected);
    for (const row of t.editorRows()) expect(row.length).toBeLessThanOrEqual(t.columns - 2);
  });

  it('counts words as you type', async () => {
    const t = await startInterview();
    await waitFor(t.lastFrame, '0 words');
    t.stdin.write('Redirect');
    await waitFor(t.lastFrame, /\b1 word\b(?!s)/);
    t.stdin.write(" fast; it's a read-heavy system");
    await waitFor(t.lastFrame, '6 words');
  });

  it('asks before submitting an empty answer: n stays, y submits', async () => {
    const t = await startInterview();
    t.stdin.write(KEY.ctrlD);
    await waitFor(t.lastFrame, 'Your answer is empty. Submit anyway? (y/n)');
    t.stdin.write('n');
    await waitFor(t.lastFrame, (f) => !f.includes('Submit anyway'));
    expect(t.frame()).toContain('Requirements (1/4)');
    t.stdin.write(KEY.ctrlD);
    await waitFor(t.lastFrame, 'Submit anyway? (y/n)');
    t.stdin.write('y');
    await waitFor(t.lastFrame, 'Estimation (2/4)');
  });

  it('submits a non-empty answer with Ctrl-D without asking', async () => {
    const t = await startInterview();
    t.stdin.write('Shorten and redirect.');
    await t.savedDraft('Shorten and redirect.');
    t.stdin.write(KEY.ctrlD);
    await waitFor(t.lastFrame, 'Estimation (2/4)');
    // The change of phase is saved at once (no autosave tick needed).
    await until(() => t.live.session.phases.requirements.answer !== '', 'the phase change to be saved');
    expect(t.live.session.phases.requirements.answer).toBe('Shorten and redirect.');
    expect(t.live.session.current.phase).toBe('estimation');
  });
});

describe('interview screen: the requirements phase', () => {
  it('moves to the ask line with Tab and answers a question from the facts', async () => {
    const t = await startInterview({ columns: 100 });
    expect(t.frame()).toContain('Tab to ask the interviewer a clarifying question');
    t.stdin.write(KEY.tab);
    await waitFor(t.lastFrame, 'Enter ask');
    t.stdin.write('How many new URLs per day?');
    await waitFor(t.lastFrame, 'Ask › How many new URLs per day?');
    t.stdin.write(KEY.enter);
    // The interviewer answers with the question's write-volume fact (~100 million links a day).
    const fact = t.entry.question.facts.find((f) => f.id === 'write-volume')!;
    expect(fact.answer).toMatch(/100 million/);
    await waitFor(t.lastFrame, `Interviewer: ${fact.answer.trim()}`);
    expect(t.frame()).toContain('You: How many new URLs per day?');
    // The answer editor is untouched; the question is recorded with the fact it revealed.
    expect(t.editorRows()[0]).toContain('Type your answer');
    await t.autosaved((s) => s.phases.requirements.transcript.length === 2, 'the transcript to be saved');
    expect(t.live.session.phases.requirements.transcript[1]).toMatchObject({ role: 'interviewer', factIds: ['write-volume'] });
  });

  it('sends a question typed with its Enter in one chunk, and Tab returns to the answer', async () => {
    const t = await startInterview({ columns: 100 });
    t.stdin.write(`${KEY.tab}How long do links live?\r`);
    const expiry = t.entry.question.facts.find((f) => f.id === 'expiry')!.answer.trim();
    await waitFor(t.lastFrame, `Interviewer: ${expiry.slice(0, 40)}`);
    t.stdin.write(KEY.tab);
    await waitFor(t.lastFrame, 'Enter new line');
    t.stdin.write('Links expire after five years.');
    await waitFor(t.lastFrame, 'Links expire after five years.');
    expect(t.editorRows()[0]).toBe('Links expire after five years.');
  });
});

describe('interview screen: the intro', () => {
  it('keeps text that arrives in the same chunk as the Enter that starts the clock', async () => {
    const entry = question('url-shortener');
    const live = await fx.start(entry);
    const r = render(
      <InterviewScreen entry={entry} live={live} grader={testGrader()} clock={new FakeClock()} strict={false} columns={80} rows={24} onExit={vi.fn()} />,
    );
    await waitFor(r.lastFrame, 'Press Enter to start the clock');
    r.stdin.write('\rShorten URLs');
    await waitFor(r.lastFrame, /Requirements \(1\/4\)[\s\S]*Shorten URLs/);
    expect(plain(r.lastFrame())).toContain('2 words');
  });
});

// The question picker: filter as you type, difficulty/tags and attempts on each row, Enter picks.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BankQuestion } from '../../src/core/content/load.js';
import { PickerScreen, type Attempts } from '../../src/ui/screens/picker.js';
import { KEY, plain, until, waitFor } from './ink-harness.js';
import { question } from './session-fixture.js';

afterEach(() => cleanup());

// A fixed handful of real questions, so the counts do not move when the bank grows.
const IDS = ['key-value-store', 'leaderboard', 'news-feed', 'rate-limiter', 'url-shortener'];

const renderPicker = async () => {
  const questions = IDS.map(question);
  const attempts = new Map<string, Attempts>([
    ['url-shortener', { count: 2, best: 71 }],
    ['news-feed', { count: 1, best: null }],
  ]);
  const onPick = vi.fn<(e: BankQuestion) => void>();
  const onBack = vi.fn();
  const r = render(<PickerScreen questions={questions} attempts={attempts} rows={24} onPick={onPick} onBack={onBack} />);
  await waitFor(r.lastFrame, 'Pick a question');
  const picked = (): string | undefined => onPick.mock.calls.at(-1)?.[0].question.id;
  return { ...r, onPick, onBack, picked, frame: () => plain(r.lastFrame()) };
};

const title = (id: string): string => question(id).question.title;
/** The row of the list that names `text`. */
const row = (frame: string, text: string): string => frame.split('\n').find((l) => l.includes(text)) ?? '';

describe('picker', () => {
  it('lists every question with its difficulty, tags and attempts', async () => {
    const t = await renderPicker();
    const f = await waitFor(t.lastFrame, '5 of 5');
    const detail = (id: string): string => {
      const q = question(id).question;
      return `${q.difficulty} · ${q.tags.slice(0, 3).join(', ')}`;
    };
    expect(row(f, title('url-shortener'))).toContain(`${detail('url-shortener')} · 2× best 71`);
    expect(row(f, title('news-feed'))).toContain(`${detail('news-feed')} · 1× best —`);
    expect(row(f, title('leaderboard'))).toContain(`${detail('leaderboard')} · new`);
    // A row too long for 100 columns is cut, not wrapped.
    expect(row(f, title('key-value-store'))).toMatch(/ · .*…$/);
    // The first row is selected.
    expect(row(f, title('key-value-store'))).toMatch(/^❯ /);
  });

  it('filters as you type, by tag or difficulty, and Backspace widens it again', async () => {
    const t = await renderPicker();
    for (const ch of 'redis') t.stdin.write(ch);
    let f = await waitFor(t.lastFrame, '2 of 5');
    expect(f).toContain('Filter › redis');
    expect(f).toContain(title('rate-limiter'));
    expect(f).toContain(title('leaderboard'));
    expect(f).not.toContain(title('url-shortener'));
    for (let i = 0; i < 5; i++) t.stdin.write(KEY.backspace);
    await waitFor(t.lastFrame, '5 of 5');
    t.stdin.write('easy');
    f = await waitFor(t.lastFrame, '1 of 5');
    expect(row(f, title('url-shortener'))).toMatch(/^❯ /);
    t.stdin.write('zzz');
    await waitFor(t.lastFrame, 'No question matches.');
  });

  it('picks the selected question with Enter, after moving down', async () => {
    const t = await renderPicker();
    t.stdin.write(KEY.down);
    await waitFor(t.lastFrame, (f) => /^❯ /.test(row(f, title('leaderboard'))));
    t.stdin.write(KEY.enter);
    await until(() => t.onPick.mock.calls.length === 1, 'onPick');
    expect(t.picked()).toBe('leaderboard');
  });

  it('reads Down and Enter arriving together as "move, then pick"', async () => {
    const t = await renderPicker();
    t.stdin.write(KEY.down + KEY.down + KEY.enter);
    await until(() => t.onPick.mock.calls.length === 1, 'onPick');
    expect(t.picked()).toBe('news-feed');
  });

  it('picks the filtered question when the filter and Enter arrive as one chunk', async () => {
    const t = await renderPicker();
    t.stdin.write('url short\r');
    await until(() => t.onPick.mock.calls.length === 1, 'onPick');
    expect(t.picked()).toBe('url-shortener');
  });

  it('applies keys that arrive before a re-render to the latest filter', async () => {
    const t = await renderPicker();
    // Two input events back to back: the second must see the "url" of the first.
    t.stdin.write('url');
    t.stdin.write(' \r');
    await until(() => t.onPick.mock.calls.length === 1, 'onPick');
    expect(t.picked()).toBe('url-shortener');
  });

  it('goes back with Esc', async () => {
    const t = await renderPicker();
    t.stdin.write(KEY.escape);
    await until(() => t.onBack.mock.calls.length === 1, 'onBack');
    expect(t.onPick).not.toHaveBeenCalled();
  });
});

// The app root: the home screen, getting from it to the picker and an interview, and the notice shown
// instead of any screen while the terminal is smaller than MIN_COLUMNS×MIN_ROWS.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../src/core/interview/clock.js';
import { DEFAULT_MINUTES_PER_PHASE } from '../../src/core/storage/settings.js';
import { sessionOverview } from '../../src/core/stats/overview.js';
import { App, MIN_COLUMNS, MIN_ROWS, type AppServices } from '../../src/ui/app.js';
import { KEY, plain, renderSized, until, waitFor, type SizedRender } from './ink-harness.js';
import { question, sessionFixture, testBank, testGrader, type Fixture } from './session-fixture.js';

let fx: Fixture;
const sized: SizedRender[] = [];
beforeEach(() => {
  fx = sessionFixture();
});
afterEach(() => {
  cleanup();
  for (const r of sized.splice(0)) r.unmount();
  fx.dispose();
});

const services = (): AppServices => ({
  bank: testBank(),
  grader: testGrader(),
  isOpen: (id) => fx.store.isOpen(id),
  readSession: async (id) => fx.store.get(id),
  sessions: () => sessionOverview(fx.store),
  clock: new FakeClock(),
  settings: { minutesPerPhase: { ...DEFAULT_MINUTES_PER_PHASE }, followUps: 1, strict: false },
  saveSettings: vi.fn(async () => undefined),
  startSession: (entry, s) => fx.start(entry, s.followUps),
  openSession: (id) => fx.store.open(id),
  closeSession: (live) => live.closeSync(),
});

const app = (onQuit = vi.fn<(code: number, message?: string) => void>()) => (
  <App services={services()} initial={{ name: 'home' }} exitAfterInterview={false} onQuit={onQuit} />
);

/** The menu row that names `label`. */
const row = (frame: string, label: string): string => frame.split('\n').find((l) => l.includes(label)) ?? '';

describe('home screen', () => {
  it('shows the menu with the first entry selected and no sessions yet', async () => {
    const r = render(app());
    const f = await waitFor(r.lastFrame, 'Start a mock interview');
    expect(f).toContain('sdcoach');
    expect(row(f, 'Start a mock interview')).toMatch(/^❯ /);
    expect(row(f, 'Review past sessions')).toMatch(/none yet/);
    expect(f).not.toContain('Resume unfinished session');
    expect(f).toContain('↑↓ move · Enter choose · Esc back · Ctrl-C quit');
  });

  it('offers to resume an unfinished session and counts the saved ones', async () => {
    const live = await fx.start(question('url-shortener'));
    live.closeSync(); // as if an earlier sdcoach had left it
    const r = render(app());
    const f = await waitFor(r.lastFrame, 'Resume unfinished session');
    expect(row(f, 'Resume unfinished session')).toContain('Design a URL shortener, Requirements');
    expect(row(f, 'Review past sessions')).toContain('1 saved');
  });

  it('lists past sessions from their digests and opens one in full', async () => {
    const live = await fx.start(question('url-shortener'));
    live.closeSync();
    const r = render(app());
    await waitFor(r.lastFrame, '1 saved');
    r.stdin.write(KEY.down + KEY.down);
    await waitFor(r.lastFrame, (f) => /^❯ /.test(row(f, 'Review past sessions')));
    r.stdin.write(KEY.enter);
    const list = await waitFor(r.lastFrame, 'Past sessions');
    expect(row(list, 'Design a URL shortener')).toMatch(/—\/100 · in-progress/);
    r.stdin.write(KEY.enter);
    await waitFor(r.lastFrame, (f) => f.includes('Design a URL shortener') && !f.includes('Past sessions'));
  });

  it('gives the interview length from the settings, and again after they are changed', async () => {
    const s = { ...services(), settings: { minutesPerPhase: { requirements: 10, estimation: 10, design: 20, 'deep-dive': 20 }, followUps: 1, strict: false } };
    const r = render(<App services={s} initial={{ name: 'home' }} exitAfterInterview={false} onQuit={vi.fn()} />);
    await waitFor(r.lastFrame, 'pick a question; 60 minutes');
    r.stdin.write(KEY.down + KEY.down);
    await waitFor(r.lastFrame, (f) => /^❯ /.test(row(f, 'Settings')));
    r.stdin.write(KEY.enter);
    await waitFor(r.lastFrame, 'Total interview: 60 minutes');
    r.stdin.write(KEY.right);
    await waitFor(r.lastFrame, 'Total interview: 61 minutes');
    r.stdin.write(KEY.enter);
    await waitFor(r.lastFrame, 'pick a question; 61 minutes');
    expect(s.saveSettings).toHaveBeenCalledTimes(1);
  });

  it('moves with the arrows, wraps around, and quits with q', async () => {
    const onQuit = vi.fn();
    const r = render(app(onQuit));
    await waitFor(r.lastFrame, 'Start a mock interview');
    r.stdin.write(KEY.down);
    await waitFor(r.lastFrame, (f) => /^❯ /.test(row(f, 'Review past sessions')));
    r.stdin.write(KEY.up);
    r.stdin.write(KEY.up);
    await waitFor(r.lastFrame, (f) => /^❯ /.test(row(f, 'Quit')));
    r.stdin.write('q');
    await until(() => onQuit.mock.calls.length === 1, 'onQuit');
    expect(onQuit).toHaveBeenCalledWith(0, undefined);
  });

  it('reads Down and Enter arriving together as "move, then choose"', async () => {
    const r = render(app());
    await waitFor(r.lastFrame, 'Start a mock interview');
    r.stdin.write(KEY.down + KEY.enter);
    await waitFor(r.lastFrame, 'Past sessions');
    expect(plain(r.lastFrame())).toContain('No sessions yet.');
  });

  it('goes to the picker and back, then starts an interview from it', async () => {
    const r = render(app());
    await waitFor(r.lastFrame, 'Start a mock interview');
    r.stdin.write(KEY.enter);
    await waitFor(r.lastFrame, 'Pick a question');
    r.stdin.write(KEY.escape);
    await waitFor(r.lastFrame, 'Start a mock interview');
    r.stdin.write(KEY.enter);
    await waitFor(r.lastFrame, 'Pick a question');
    r.stdin.write('url short');
    await waitFor(r.lastFrame, /\b1 of \d+/);
    r.stdin.write(KEY.enter);
    const f = await waitFor(r.lastFrame, 'Press Enter to start the clock');
    expect(f).toContain('Design a URL shortener');
    expect(f).toContain('1 follow-up question(s) in the deep dive');
    expect(fx.store.list().sessions).toHaveLength(1);
  });
});

describe('a bank that loads after the first frame', () => {
  /** Services whose bank arrives when the test says so, as `sdcoach` (home) runs them. */
  const lazy = (warning: string | null) => {
    let resolve!: () => void;
    const arrived = new Promise<void>((r) => (resolve = r));
    let loaded = false;
    const base = services();
    const s: AppServices = {
      ...base,
      get bank() {
        if (!loaded) throw new Error('read before it loaded');
        return base.bank;
      },
      get warning() {
        return loaded ? warning : null;
      },
      bankLoaded: () => loaded,
      whenBankLoaded: () => arrived,
    };
    return { s, arrive: () => ((loaded = true), resolve()) };
  };

  it('draws the menu before the bank is there, then shows its warning', async () => {
    const { s, arrive } = lazy('the question bank has 1 problem(s)');
    const r = render(<App services={s} initial={{ name: 'home' }} exitAfterInterview={false} onQuit={vi.fn()} />);
    const first = await waitFor(r.lastFrame, 'Start a mock interview');
    expect(first).not.toContain('problem');
    arrive();
    await waitFor(r.lastFrame, '⚠ the question bank has 1 problem(s)');
  });

  it('opens the picker once the bank arrives when Enter comes first', async () => {
    const { s, arrive } = lazy(null);
    const r = render(<App services={s} initial={{ name: 'home' }} exitAfterInterview={false} onQuit={vi.fn()} />);
    await waitFor(r.lastFrame, 'Start a mock interview');
    r.stdin.write(KEY.enter);
    await new Promise((res) => setTimeout(res, 50));
    expect(plain(r.lastFrame())).toContain('Start a mock interview');
    arrive();
    await waitFor(r.lastFrame, 'Pick a question');
  });
});

describe('a terminal that is too small', () => {
  it(`asks to enlarge it below ${MIN_COLUMNS}×${MIN_ROWS} and shows the home screen once it is big enough`, async () => {
    const r = renderSized(app(), 40, 10);
    sized.push(r);
    let f = await waitFor(r.lastFrame, 'Enlarge the terminal');
    // Wrapped to the 40 columns.
    expect(f.replace(/\s+/g, ' ')).toContain(`Enlarge the terminal to at least ${MIN_COLUMNS}×${MIN_ROWS} (now 40×10).`);
    expect(f).toContain('Your session is safe; Ctrl-C quits.');
    expect(f).not.toContain('Start a mock interview');
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(40);

    r.stdout.resize(80, 24);
    f = await waitFor(r.lastFrame, 'Start a mock interview');
    expect(f).not.toContain('Enlarge');

    r.stdout.resize(80, MIN_ROWS - 1);
    await waitFor(r.lastFrame, `(now 80×${MIN_ROWS - 1})`);
  });

  it('quits with Ctrl-C from the notice', async () => {
    const onQuit = vi.fn();
    const r = renderSized(app(onQuit), MIN_COLUMNS - 1, 30);
    sized.push(r);
    await waitFor(r.lastFrame, `(now ${MIN_COLUMNS - 1}×30)`);
    r.stdin.write(KEY.ctrlC);
    await until(() => onQuit.mock.calls.length === 1, 'onQuit');
    expect(onQuit).toHaveBeenCalledWith(0, undefined);
  });

  it('keeps the home screen at exactly the minimum size', async () => {
    const r = renderSized(app(), MIN_COLUMNS, MIN_ROWS);
    sized.push(r);
    const f = await waitFor(r.lastFrame, 'Start a mock interview');
    expect(plain(f)).not.toContain('Enlarge');
  });
});

// The TUI in a real pseudo-terminal: the output goes through a headless xterm and each figure is the time
// until the *screen* shows something, measured when xterm has parsed the bytes that make it visible.
// Baselines run through the same pty and xterm: `node -e 0` for start-up, and a raw-mode echo program for
// keystrokes, so the ratio is sdcoach's cost over the harness's own (pty, xterm, Node start-up).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { designAnswer } from './answers.js';
import { median, row } from './stats.js';

// Both are CommonJS bundles without ESM named exports (as in test/helpers/tty.ts).
const require = createRequire(import.meta.url);
const pty = require('@lydell/node-pty');
const xterm = require('@xterm/headless');

const COLS = 100;
const ROWS = 30;

const spawnTty = (args, { env, cwd }) => {
  const term = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
  const t0 = performance.now();
  const child = pty.spawn(process.execPath, args, { name: 'xterm-256color', cols: COLS, rows: ROWS, cwd, env });
  let firstData = null;
  let waiters = [];
  const screen = () => {
    const buf = term.buffer.active;
    const out = [];
    for (let i = 0; i < term.rows; i++) out.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '');
    return out.join('\n');
  };
  const check = () => {
    if (waiters.length === 0) return;
    const s = screen();
    const now = performance.now();
    waiters = waiters.filter((w) => {
      if (!w.test(s)) return true;
      w.resolve(now);
      return false;
    });
  };
  child.onData((d) => {
    firstData ??= performance.now();
    term.write(d, check);
  });
  let exitInfo = null;
  const exited = new Promise((res) =>
    child.onExit((e) => {
      exitInfo = { ...e, at: performance.now() };
      // Whatever is still awaited will never show: fail now rather than at the timeout.
      for (const w of waiters) w.fail(new Error(`exited (code ${e.exitCode}) before the screen showed it; screen:\n${screen()}`));
      waiters = [];
      res(exitInfo);
    }),
  );
  /** Resolves with the performance.now() at which the screen first satisfied `test`. */
  const when = (test, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      if (test(screen())) return resolve(performance.now());
      if (exitInfo) return reject(new Error(`exited (code ${exitInfo.exitCode}); screen:\n${screen()}`));
      const timer = setTimeout(() => {
        waiters = waiters.filter((x) => x !== w);
        reject(new Error(`timed out after ${timeoutMs} ms; screen:\n${screen()}`));
      }, timeoutMs);
      const w = {
        test,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
        fail: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      waiters.push(w);
    });
  const api = {
    t0,
    firstData: () => firstData,
    screen,
    exited,
    when,
    write: (data) => child.write(data),
    /**
     * Quits with `keys` (so that a --cpu-prof profile gets written), or kills after `timeoutMs`. A key may be
     * [key, text]: after writing it, wait for the screen to show the text before the next key.
     */
    close: async (keys = [], timeoutMs = 5_000) => {
      for (const k of keys) {
        if (exitInfo) break;
        const [key, text] = Array.isArray(k) ? k : [k, null];
        child.write(key);
        if (text) await when((s) => s.includes(text), timeoutMs).catch(() => {});
      }
      let timer;
      const late = new Promise((res) => (timer = setTimeout(() => res(false), timeoutMs)));
      const gone = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (!gone) {
        try {
          child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
        await exited;
      }
    },
  };
  return api;
};

const has = (text) => (s) => s.includes(text);

/** `home`: a label and SDCOACH_HOME for a second set of figures (e.g. a long history); baseline rows are shared. */
export const benchFirstFrame = async ({ root, bin, env, nodeArgs = [], runs = 7, warmup = 1, budgetMs = Infinity, minRuns = 5, variant = null }) => {
  const base = [];
  const home = [];
  const firstByte = [];
  const started = performance.now();
  for (let r = 0; r < warmup + runs; r++) {
    if (r >= warmup + minRuns && performance.now() - started > budgetMs) break;
    const b = spawnTty(['-e', '0'], { env, cwd: root });
    const { at } = await b.exited;
    const t = spawnTty([...nodeArgs, bin], { env: variant ? { ...env, SDCOACH_HOME: variant.home } : env, cwd: root });
    let shown;
    try {
      shown = await t.when(has('Start a mock interview'));
    } finally {
      await t.close(['q']);
    }
    if (r < warmup) continue;
    base.push(at - b.t0);
    home.push(shown - t.t0);
    firstByte.push(t.firstData() - t.t0);
  }
  const baseline = { name: 'node -e 0 in the pty', ms: median(base) };
  if (variant) {
    return [
      row({ id: `tui.home-first-frame-${variant.id}`, section: 'tui', name: `sdcoach home screen: first frame, ${variant.label}`, samples: home, baseline, target: { maxMs: 400 } }),
    ];
  }
  return [
    row({ id: 'tui.baseline-spawn', section: 'tui', name: 'node -e 0 through the pty, spawn to exit (baseline)', samples: base }),
    row({ id: 'tui.home-first-byte', section: 'tui', name: 'sdcoach home screen: first byte', samples: firstByte, baseline }),
    row({ id: 'tui.home-first-frame', section: 'tui', name: 'sdcoach home screen: first frame (menu visible)', samples: home, baseline, target: { maxMs: 400 } }),
  ];
};

/** Types `keys` one at a time after `marker`; each sample is write → the screen showing the new text. */
const typeAndTime = async (t, marker, keys, gapMs) => {
  const out = [];
  let typed = marker;
  for (const k of keys) {
    typed += k;
    const want = typed;
    const t0 = performance.now();
    t.write(k);
    out.push((await t.when(has(want), 5_000)) - t0);
    // A steady typist's pace (~10 keys/s), longer than Ink's 34 ms render throttle, so each key is its own frame.
    await sleep(gapMs);
  }
  return out;
};

// Says "ready" once in raw mode, so that the pty's own cooked-mode echo is never what gets measured.
const ECHO =
  "process.stdin.setRawMode(true);process.stdout.write('ready\\r\\n');" +
  "process.stdin.on('data',(d)=>{if(d[0]===3)process.exit(0);process.stdout.write(d)})";

export const benchKeystrokes = async ({ root, bin, env, nodeArgs = [], keys = 30, warmupKeys = 5, gapMs = 100, pasteBytes = 20_000 }) => {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  if (warmupKeys + keys > chars.length) throw new Error('too many keys for one line');
  const warm = chars.slice(0, warmupKeys).split('');
  const measured = chars.slice(warmupKeys, warmupKeys + keys).split('');

  // Baseline: a raw-mode echo program in the same pty and xterm.
  const e = spawnTty(['-e', ECHO], { env, cwd: root });
  let echo;
  try {
    await e.when(has('ready'));
    e.write('Typing:');
    await e.when(has('Typing:'));
    await typeAndTime(e, 'Typing:', warm, gapMs);
    echo = await typeAndTime(e, `Typing:${warm.join('')}`, measured, gapMs);
  } finally {
    await e.close(['\x03']);
  }

  const t = spawnTty([...nodeArgs, bin, 'practice', 'url-shortener'], { env, cwd: root });
  let samples;
  try {
    await t.when(has('Press Enter to start'));
    t.write('\r');
    await t.when(has('Requirements (1/4)'));
    const paste = designAnswer(pasteBytes);
    t.write('\x1b[200~');
    for (let i = 0; i < paste.length; i += 4096) {
      t.write(paste.slice(i, i + 4096));
      await sleep(10);
    }
    t.write('\x1b[201~');
    await t.when((s) => /\d{4,} words/.test(s));
    await sleep(300);
    t.write('\r');
    await sleep(100);
    // Input is applied in order, so once the marker shows, the whole paste is in the buffer.
    t.write('Typing:');
    await t.when(has('Typing:'));
    await typeAndTime(t, 'Typing:', warm, gapMs);
    samples = await typeAndTime(t, `Typing:${warm.join('')}`, measured, gapMs);
  } finally {
    // Ctrl-C asks for confirmation during an interview; the second one quits (exit 130).
    await t.close([['\x03', 'Press Ctrl-C again'], '\x03']);
  }
  const baseline = { name: 'raw echo in the pty', ms: median(echo) };
  return [
    row({ id: 'tui.baseline-echo', section: 'tui', name: 'raw-mode echo program, keystroke to screen (baseline)', samples: echo }),
    row({ id: 'tui.keystroke-20kb', section: 'tui', name: `keystroke to frame, editing a ${Math.round(pasteBytes / 1000)} KB answer`, samples, baseline, target: { maxMs: 30 } }),
  ];
};

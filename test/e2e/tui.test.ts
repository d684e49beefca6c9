// The real binary in a real terminal (pseudo-terminal + headless xterm), driven by keystrokes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempHome } from '../helpers/cli.js';
import { KEYS, runTty, type } from '../helpers/tty.js';

const sessionFiles = (home: string): string[] => {
  try {
    return readdirSync(join(home, 'sessions')).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
};
const readSession = (home: string) => JSON.parse(readFileSync(join(home, 'sessions', sessionFiles(home)[0]!), 'utf8'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sdcoach in a terminal', () => {
  it('runs a whole interview: pick, ask, type, paste 50 KB, follow-ups, results', { timeout: 240_000 }, async () => {
    const home = tempHome();
    const t = runTty([], { env: { SDCOACH_HOME: home } });
    await t.waitFor('Start a mock interview');
    t.write(KEYS.enter);
    await t.waitFor('Pick a question');
    await type(t, 'url short');
    await t.waitFor(/1 of \d+/);
    t.write(KEYS.enter);
    await t.waitFor('Press Enter to start');
    t.write(KEYS.enter);
    await t.waitFor('Requirements (1/4)');

    // Ask the interviewer; the answer comes from the question's facts.
    t.write(KEYS.tab);
    await type(t, 'How many new URLs per day?');
    t.write(KEYS.enter);
    await t.waitFor(/Interviewer: .*100 million/);
    t.write(KEYS.tab);
    await type(t, 'Functional: shorten a URL and redirect. Non-functional: low latency redirects, high availability. Out of scope: user accounts.');
    await t.waitFor('Out of scope: user accounts.');
    t.write(KEYS.ctrlD);
    await t.waitFor('Estimation (2/4)');
    expect(t.screen()).toContain('100 million');

    // A 50 KB bracketed paste arrives in chunks and is stored complete.
    const line = 'Writes: 100M per day / 86,400 s is about 1,160 writes per second, reads about 116k per second.\n';
    const paste = line.repeat(Math.ceil(50_000 / line.length));
    t.write(KEYS.pasteStart);
    for (let i = 0; i < paste.length; i += 4096) {
      t.write(paste.slice(i, i + 4096));
      await sleep(10);
    }
    t.write(KEYS.pasteEnd);
    await t.waitFor(/\d{4,} words/, 30_000);
    await sleep(1500); // autosave runs every second
    t.write(KEYS.ctrlD);
    await t.waitFor('Design (3/4)');
    const afterPaste = readSession(home);
    expect(afterPaste.phases.estimation.answer).toBe(paste);

    await type(t, 'Clients hit an LB in front of stateless API servers, which read the short code from a Redis cache and fall back to the key-value store.');
    t.write(KEYS.ctrlD);
    await t.waitFor('Deep dive (4/4)');
    await t.waitFor('(1/2) Interviewer:');
    await type(t, 'Counter ranges handed out by ZooKeeper, base62-encoded, so codes never collide.');
    t.write(KEYS.ctrlD);
    await t.waitFor('(2/2) Interviewer:');
    await type(t, 'If a cache node fails we fall back to the replicas of the store.');
    t.write(KEYS.ctrlD);
    await t.waitFor('Overall:', 30_000);
    expect(t.screen()).toMatch(/Requirements\s+[█░]+/);
    const done = readSession(home);
    expect(done.status).toBe('completed');
    expect(done.followUps.map((f: { answer: string }) => f.answer.length > 0)).toEqual([true, true]);
    t.write('q');
    // Back on the home screen, the finished session is offered for review; q quits.
    await t.waitFor(/Review past sessions\s+1 saved/);
    t.write('q');
    expect((await t.exited).exitCode).toBe(0);
  });

  it('survives kill -9 mid-answer and resumes where it stopped', { timeout: 120_000 }, async () => {
    const home = tempHome();
    const t = runTty(['practice', 'rate-limiter'], { env: { SDCOACH_HOME: home } });
    await t.waitFor('Press Enter to start');
    t.write(KEYS.enter);
    await t.waitFor('Requirements (1/4)');
    await type(t, 'Limit each user to 100 requests per minute across all API servers.');
    await sleep(2500);
    t.kill('SIGKILL');
    await t.exited;
    const saved = readSession(home);
    expect(saved.current.draft).toBe('Limit each user to 100 requests per minute across all API servers.');
    expect(saved.status).toBe('in-progress');

    const r = runTty(['resume'], { env: { SDCOACH_HOME: home } });
    await r.waitFor('Requirements (1/4)');
    expect(r.screen()).toContain('Limit each user to 100 requests per minute');
    r.write(KEYS.ctrlC);
    await r.waitFor('Press Ctrl-C again');
    r.write(KEYS.ctrlC);
    expect((await r.exited).exitCode).toBe(130);
  });

  it('shows an enlarge notice in a 40×10 terminal', async () => {
    const home = tempHome();
    const t = runTty([], { cols: 40, rows: 10, env: { SDCOACH_HOME: home } });
    await t.waitFor('Enlarge the terminal');
    t.write(KEYS.ctrlC);
    expect((await t.exited).exitCode).toBe(0);
  });

  it('refuses practice without a TTY: one stderr line, nothing on stdout, exit 2', () => {
    const r = run(['practice', 'url-shortener']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/sdcoach grade/);
  });
});

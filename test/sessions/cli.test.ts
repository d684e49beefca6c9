// End to end: the built binary (`npm run build` first) against a temporary SDCOACH_HOME.
import { spawn as ptySpawn } from '@lydell/node-pty';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, run, tempHome } from '../helpers/cli.js';
import type { Session } from '../../src/core/storage/session-schema.js';
import { makeSession } from './fixtures.js';

const ESC = '\u001b[';
/** An SGR (colour/style) escape sequence. */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[\\d+(;\\d+)*m`);

const seedHome = (sessions: Session[]): string => {
  const home = tempHome();
  mkdirSync(join(home, 'sessions'));
  for (const s of sessions) writeFileSync(join(home, 'sessions', `${s.id}.json`), JSON.stringify(s, null, 2));
  return home;
};

const day = (d: number): Date => new Date(Date.UTC(2025, 2, d, 9));
const first = makeSession({ seed: 1, allCovered: false, startedAt: day(1) });
const second = makeSession({ seed: 2, questionId: 'chat-system', questionTitle: 'Design a chat system', startedAt: day(2) });
const third = makeSession({ seed: 3, allCovered: true, startedAt: day(3) });
const unfinished = makeSession({ seed: 4, status: 'in-progress', startedAt: day(4) });
const ALL = [first, second, third, unfinished];
const CORRUPT = '01JAAAAAAAAAAAAAAAAAAAAAA1.json';

let home: string;
const sdcoach = (args: string[], env: Record<string, string> = {}, input?: string) =>
  run(args, { env: { SDCOACH_HOME: home, TZ: 'UTC', ...env }, ...(input === undefined ? {} : { input }) });

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  home = seedHome(ALL);
  writeFileSync(join(home, 'sessions', CORRUPT), '{"schemaVersion": 1, "id": "01JAAAAAAAAAAAAAAAAAAAAAA1", "quest');
});

describe('sdcoach history', () => {
  it('says there are no sessions in an empty home', () => {
    home = tempHome();
    const r = sdcoach(['history']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No sessions yet/);
    expect(JSON.parse(sdcoach(['history', '--json']).stdout)).toEqual({ sessions: [], total: 0, errors: [] });
    home = seedHome(ALL);
    writeFileSync(join(home, 'sessions', CORRUPT), '{"schemaVersion": 1, "quest');
  });

  it('lists sessions newest first with scores, time and status, and reports the unreadable file', () => {
    const r = sdcoach(['history']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+date\s+question\s+overall\s+req\s+est\s+des\s+deep\s+time\s+status$/);
    expect(lines[2]).toMatch(/^01\w{6,}\s+2025-03-04 09:00\s+Design a URL shortener\s+–\s+–\s+–\s+–\s+–\s+.+\/40m\s+in-progress$/);
    expect(lines[3]).toMatch(/2025-03-03 09:00\s+Design a URL shortener\s+100\s+100\s+100\s+100\s+75\s+/);
    expect(r.stdout).toMatch(/4 session\(s\)/);
    expect(r.stderr).toContain(CORRUPT);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(r.stdout).not.toContain(ESC);
  });

  it('prints JSON with per-phase scores and the unreadable file under errors', () => {
    const r = sdcoach(['history', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { sessions: { id: string; overall: number | null; status: string; phases: Record<string, { score: number | null; timeMs: number; budgetMs: number }> }[]; total: number; errors: { name: string; reason: string }[] };
    expect(out.sessions.map((s) => s.id)).toEqual([unfinished.id, third.id, second.id, first.id]);
    expect(out.total).toBe(4);
    expect(out.sessions[1]).toMatchObject({ overall: 100, status: 'completed' });
    expect(out.sessions[1]!.phases.design).toEqual({ score: 100, timeMs: third.phases.design.timeSpentMs, budgetMs: 900_000, hints: third.phases.design.hints.length });
    expect(out.errors).toEqual([expect.objectContaining({ name: CORRUPT, reason: expect.stringMatching(/not valid JSON/) })]);
  });

  it('filters by question and limits', () => {
    const byQuestion = JSON.parse(sdcoach(['history', '--json', '--question', 'chat-system']).stdout) as { sessions: { id: string }[] };
    expect(byQuestion.sessions.map((s) => s.id)).toEqual([second.id]);
    const limited = JSON.parse(sdcoach(['history', '--json', '--limit', '2']).stdout) as { sessions: unknown[]; total: number };
    expect(limited.sessions).toHaveLength(2);
    expect(limited.total).toBe(4);
    expect(sdcoach(['history', '--question', 'nope']).stdout).toMatch(/No sessions for question "nope"/);
  });

  it('rejects a bad --limit with one line naming the flag', () => {
    const r = sdcoach(['history', '--limit', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--limit must be a positive whole number \(got "0"\)/);
  });
});

describe('sdcoach review', () => {
  it('shows the last session by default', () => {
    const r = sdcoach(['review']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Design a URL shortener\n/);
    expect(r.stdout).toContain(`session \`${unfinished.id}\``);
    expect(r.stdout).toContain('Unfinished: stopped in Design');
  });

  it('renders a whole session with evidence, missed items, the reference outline and the previous attempt', () => {
    const r = sdcoach(['review', third.id.slice(0, 10).toLowerCase()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Design a URL shortener — 100\/100/);
    expect(r.stdout).toContain('## Scores and time');
    expect(r.stdout).toContain(`## Compared with the attempt of 2025-03-01 09:00`);
    expect(r.stdout).toMatch(/\| Overall \| 0 \| 100 \| \+100 \|/);
    expect(r.stdout).toContain('Newly covered:');
    expect(r.stdout).toContain('**Covered**');
    expect(r.stdout).toContain('### Reference outline'); // url-shortener is in the built-in bank
    expect(r.stdout).not.toContain(ESC);
  });

  it('prints JSON with the comparison and the outlines of answered phases', () => {
    const r = sdcoach(['review', third.id, '--json']);
    const out = JSON.parse(r.stdout) as {
      session: Session;
      readOnly: boolean;
      comparison: { previous: { id: string }; phases: Record<string, { change: number }> };
      reference: { phases: Record<string, string> };
      summary: { overall: number };
    };
    expect(out.session.id).toBe(third.id);
    expect(out.readOnly).toBe(false);
    expect(out.comparison.previous.id).toBe(first.id);
    expect(out.comparison.phases.design!.change).toBe(100);
    expect(Object.keys(out.reference.phases)).toEqual(['requirements', 'estimation', 'design', 'deep-dive']);
    expect(out.summary.overall).toBe(100);
  });

  it('compares with a chosen attempt, and refuses one of another question', () => {
    const r = sdcoach(['review', first.id, '--compare', third.id, '--json']);
    expect((JSON.parse(r.stdout) as { comparison: { previous: { id: string } } }).comparison.previous.id).toBe(third.id);
    const other = sdcoach(['review', first.id, '--compare', second.id]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--compare: session .* is an attempt at "chat-system", not "url-shortener"/);
  });

  it('fails with one line for an unknown or unreadable session', () => {
    const unknown = sdcoach(['review', 'ZZZZZZZZ']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^sdcoach: no session "ZZZZZZZZ"\n/);
    const broken = sdcoach(['review', CORRUPT.replace('.json', '')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/cannot be read: not valid JSON/);
  });
});

describe('sdcoach stats', () => {
  it('prints JSON with counts, averages, time, missed items, best scores and a recommendation from the bank', () => {
    const r = sdcoach(['stats', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      sessions: { total: number; graded: number; inProgress: number };
      averages: { overall: number };
      trend: { overall: number[] };
      time: Record<string, { share: number; budgetShare: number }>;
      missedItems: { id: string }[];
      bestByQuestion: { questionId: string; best: number }[];
      recommendation: { questionId: string; reason: string };
      errors: { name: string }[];
    };
    expect(s.sessions).toMatchObject({ total: 4, graded: 3, inProgress: 1 });
    expect(s.trend.overall).toEqual([first.overall, second.overall, third.overall]);
    expect(s.time.design!.budgetShare).toBeCloseTo(15 / 40);
    expect(s.missedItems.length).toBeGreaterThan(0);
    expect(s.bestByQuestion.find((q) => q.questionId === 'url-shortener')?.best).toBe(100);
    const bank = JSON.parse(run(['questions', '--json']).stdout) as { id: string }[];
    expect(bank.map((q) => q.id)).toContain(s.recommendation.questionId);
    expect(s.recommendation.reason.length).toBeGreaterThan(10);
    expect(s.errors.map((e) => e.name)).toEqual([CORRUPT]);
  });

  it('prints the report with a chart', () => {
    const r = sdcoach(['stats']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sessions: 4 \(3 completed, 1 in progress, 0 abandoned\)/);
    expect(r.stdout).toMatch(/Overall score, last 3 graded sessions\n\n\s+100 ┼/);
    expect(r.stdout).toContain('Time management');
    expect(r.stdout).toContain('Rubric items missed most often');
    expect(r.stdout).toMatch(/Next: .+\. .+\nStart it with `sdcoach practice [a-z0-9-]+`\./);
    expect(r.stderr).toContain(CORRUPT);
  });
});

describe('sdcoach export and import', () => {
  it('exports one session as Markdown and all as JSON that imports into a fresh home', () => {
    const md = sdcoach(['export', third.id, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Design a URL shortener — 100\/100/);

    const out = join(tempHome(), 'all.json');
    const json = sdcoach(['export', 'all', '--format', 'json', '--out', out]);
    expect(json.code).toBe(0);
    expect(json.stderr).toMatch(/Exported 4 session\(s\) to .*all\.json/);
    const docs = JSON.parse(readFileSync(out, 'utf8')) as Session[];
    expect(docs.map((d) => d.id)).toEqual([first.id, second.id, third.id, unfinished.id]);

    const fresh = tempHome();
    const imported = run(['import', out], { env: { SDCOACH_HOME: fresh } });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported 4 of 4 session\(s\)/);
    const listed = JSON.parse(run(['history', '--json'], { env: { SDCOACH_HOME: fresh } }).stdout) as { sessions: { id: string }[] };
    expect(listed.sessions).toHaveLength(4);
    expect(JSON.parse(readFileSync(join(fresh, 'sessions', `${third.id}.json`), 'utf8'))).toEqual(third);
  });

  it('exports all as Markdown separated by rules', () => {
    const r = sdcoach(['export', 'all', '--format', 'md']);
    expect(r.stdout.split('\n---\n')).toHaveLength(4);
  });

  it('needs --format', () => {
    const r = sdcoach(['export', 'all']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format/);
  });

  it('never overwrites an existing session, and rejects invalid files with the reason', () => {
    const dir = tempHome();
    const file = join(dir, 'one.json');
    writeFileSync(file, JSON.stringify({ ...third, overall: 1 }));
    const before = readFileSync(join(home, 'sessions', `${third.id}.json`), 'utf8');
    const again = sdcoach(['import', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; import never overwrites/);
    expect(readFileSync(join(home, 'sessions', `${third.id}.json`), 'utf8')).toBe(before);

    writeFileSync(file, JSON.stringify({ ...third, id: 'not-a-ulid' }));
    const invalid = sdcoach(['import', file]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/one\.json is not a valid session: invalid session: id: must be a ULID/);

    writeFileSync(file, '{"half":');
    expect(sdcoach(['import', file]).stderr).toMatch(/one\.json is not valid JSON/);
    expect(sdcoach(['import', join(dir, 'missing.json')]).stderr).toMatch(/cannot read .*missing\.json: its folder does not exist \(ENOENT\)/);
  });
});

describe('sdcoach delete', () => {
  it('refuses without a terminal unless --yes', () => {
    const own = seedHome([makeSession({ seed: 11 })]);
    const id = makeSession({ seed: 11 }).id;
    const refused = run(['delete', id], { env: { SDCOACH_HOME: own } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to delete session .* without a terminal to confirm on; pass --yes/);
    expect(existsSync(join(own, 'sessions', `${id}.json`))).toBe(true);
    const done = run(['delete', id, '--yes'], { env: { SDCOACH_HOME: own } });
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(new RegExp(`Deleted session ${id}`));
    expect(readdirSync(join(own, 'sessions'))).toEqual([]);
    expect(run(['delete', id, '--yes'], { env: { SDCOACH_HOME: own } }).code).toBe(2);
  });
});

// ── in a real terminal ──────────────────────────────────────────────────────

const inPty = (args: string[], env: Record<string, string | undefined>, answer?: string): Promise<{ output: string; exitCode: number }> =>
  new Promise((resolve) => {
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, TERM: 'xterm-256color', SDCOACH_BANK: '', TZ: 'UTC', ...env })) {
      // CI=true (as in .ci/run) turns colour off in chalk's detection: a person's terminal has no CI variable.
      if (v !== undefined && k !== 'FORCE_COLOR' && k !== 'NO_COLOR' && k !== 'CI') base[k] = v;
    }
    if (env.NO_COLOR !== undefined) base.NO_COLOR = env.NO_COLOR;
    const child = ptySpawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: 100, rows: 40, cwd: ROOT, env: base });
    let output = '';
    let answered = false;
    child.onData((d) => {
      output += d;
      if (answer !== undefined && !answered && output.includes('[y/N]')) {
        answered = true;
        child.write(answer);
      }
    });
    child.onExit((e) => resolve({ output, exitCode: e.exitCode }));
  });

describe('colour in a terminal', () => {
  it('styles the review on a TTY, and not with NO_COLOR or --no-color', async () => {
    const styled = await inPty(['review', third.id], { SDCOACH_HOME: home });
    expect(styled.exitCode).toBe(0);
    expect(styled.output).toMatch(SGR);
    const plain = await inPty(['review', third.id], { SDCOACH_HOME: home, NO_COLOR: '1' });
    expect(plain.exitCode).toBe(0);
    expect(plain.output).toContain('Design a URL shortener');
    expect(plain.output).not.toMatch(SGR);
    const flag = await inPty(['--no-color', 'stats'], { SDCOACH_HOME: home });
    expect(flag.output).toContain('Sessions: 4');
    expect(flag.output).not.toMatch(SGR);
  });

  it('asks before deleting on a terminal', async () => {
    const own = seedHome([makeSession({ seed: 12 })]);
    const id = makeSession({ seed: 12 }).id;
    const kept = await inPty(['delete', id], { SDCOACH_HOME: own, NO_COLOR: '1' }, 'n\r');
    expect(kept.output).toMatch(/Delete session .* \(Design a URL shortener, .*completed\)\? This cannot be undone\. \[y\/N\]/);
    expect(kept.output).toContain('Nothing deleted.');
    expect(existsSync(join(own, 'sessions', `${id}.json`))).toBe(true);
    const gone = await inPty(['delete', id], { SDCOACH_HOME: own, NO_COLOR: '1' }, 'y\r');
    expect(gone.exitCode).toBe(0);
    expect(existsSync(join(own, 'sessions', `${id}.json`))).toBe(false);
  });
});

// Two running instances and crashed ones, with real processes: children run the built store (dist/), so
// run `npm run build` first (`npm test` does).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/core/storage/session-store.js';
import { SessionSchema } from '../../src/core/storage/session-schema.js';
import { tempPaths } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const STORE_JS = join(ROOT, 'dist', 'core', 'storage', 'session-store.js');
const SETTINGS = { minutesPerPhase: { requirements: 5, estimation: 5, design: 15, 'deep-dive': 15 }, strict: false };
const INPUT = { questionId: 'url-shortener', questionTitle: 'Design a URL shortener', rubricVersion: '1.1', settings: SETTINGS };

// A child: opens (or creates) a session, reports, saves `saves` times, holds the lock `holdMs`, closes.
const CHILD = `
const { SessionStore } = await import(${JSON.stringify(pathToFileURL(STORE_JS).href)});
const [data, id, tag, saves, holdMs] = process.argv.slice(2);
const store = new SessionStore({ paths: { data, sessions: data + '/sessions', locks: data + '/locks', config: data } });
let live;
try {
  live = id === 'new' ? await store.create(${JSON.stringify(INPUT)}) : await store.open(id);
} catch (e) {
  console.log(JSON.stringify({ tag, refused: e.message }));
  process.exit(0);
}
for (let i = 0; i < Number(saves); i++) live.update((s) => ({ ...s, current: { ...s.current, draft: tag + ' ' + i } }));
console.log(JSON.stringify({ tag, locked: live.id }));
await new Promise((r) => setTimeout(r, Number(holdMs)));
await live.close();
console.log(JSON.stringify({ tag, done: live.id }));
`;

let childFile: string;

beforeAll(() => {
  if (!existsSync(STORE_JS)) throw new Error('dist/ is missing: run `npm run build` before these tests');
  const dir = tempPaths().data;
  childFile = join(dir, 'child.mjs');
  writeFileSync(childFile, CHILD);
});

interface ChildRun {
  proc: ChildProcess;
  lines: Record<string, string>[];
  firstLine: Promise<Record<string, string>>;
  done: Promise<void>;
}

const child = (data: string, id: string, tag: string, saves = 20, holdMs = 0): ChildRun => {
  const proc = spawn(process.execPath, [childFile, data, id, tag, String(saves), String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, string>[] = [];
  let resolveFirst: (l: Record<string, string>) => void;
  const firstLine = new Promise<Record<string, string>>((r) => (resolveFirst = r));
  let buffer = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as Record<string, string>;
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      if (lines.length === 1) resolveFirst(line);
    }
  });
  const done = new Promise<void>((r) => proc.on('exit', () => r()));
  return { proc, lines, firstLine, done };
};

const newSessionId = async (data: string): Promise<string> => {
  const store = new SessionStore({ paths: { data, sessions: join(data, 'sessions'), locks: join(data, 'locks'), config: data } });
  const live = await store.create(INPUT);
  await live.close();
  return live.id;
};

describe('session locks across processes', () => {
  it('lets only one of two instances open the same session; the file stays valid', async () => {
    const { data } = tempPaths();
    const id = await newSessionId(data);
    const a = child(data, id, 'A', 30, 4000);
    const b = child(data, id, 'B', 30, 4000);
    await Promise.all([a.done, b.done]);
    const results = [...a.lines, ...b.lines];
    const winners = results.filter((l) => l.locked);
    const refused = results.filter((l) => l.refused);
    expect(winners).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.refused).toMatch(new RegExp(`session ${id} is open in another sdcoach \\(pid \\d+ on `));
    const doc = SessionSchema.parse(JSON.parse(readFileSync(join(data, 'sessions', `${id}.json`), 'utf8')));
    expect(doc.current.draft).toBe(`${winners[0]!.tag} 29`);
  });

  it('lets two instances save their own sessions at the same time', async () => {
    const { data } = tempPaths();
    const runs = [child(data, 'new', 'A', 50), child(data, 'new', 'B', 50)];
    await Promise.all(runs.map((r) => r.done));
    const store = new SessionStore({ paths: { data, sessions: join(data, 'sessions'), locks: join(data, 'locks'), config: data } });
    const { sessions, errors } = store.list();
    expect(errors).toEqual([]);
    expect(sessions.map((e) => e.session.current.draft).sort()).toEqual(['A 49', 'B 49']);
  });

  it('refuses while another live instance holds the session, and does not offer it for resuming', async () => {
    const { data } = tempPaths();
    const id = await newSessionId(data);
    const holder = child(data, id, 'H', 1, 60_000);
    expect(await holder.firstLine).toEqual({ tag: 'H', locked: id });
    const store = new SessionStore({ paths: { data, sessions: join(data, 'sessions'), locks: join(data, 'locks'), config: data } });
    expect(store.isOpen(id)).toBe(true);
    expect(store.findResumable()).toBeNull();
    await expect(store.open(id)).rejects.toThrow(/is open in another sdcoach/);
    holder.proc.kill('SIGTERM');
    await holder.done;
  });

  it('recovers at once the lock of a killed instance', async () => {
    const { data } = tempPaths();
    const id = await newSessionId(data);
    const holder = child(data, id, 'K', 1, 60_000);
    await holder.firstLine;
    holder.proc.kill('SIGKILL');
    await holder.done;
    expect(existsSync(join(data, 'locks', `${id}.lock`))).toBe(true);
    const store = new SessionStore({ paths: { data, sessions: join(data, 'sessions'), locks: join(data, 'locks'), config: data } });
    expect(store.isOpen(id)).toBe(false);
    expect(store.findResumable()?.id).toBe(id);
    const live = await store.open(id);
    expect(live.session.current.draft).toBe('K 0');
    await live.close();
  });

  it('takes over a stale lock (no owner recorded, not refreshed for longer than the stale time)', async () => {
    const { data } = tempPaths();
    const id = await newSessionId(data);
    const lockDir = join(data, 'locks', `${id}.lock`);
    mkdirSync(lockDir, { recursive: true });
    const store = new SessionStore({ paths: { data, sessions: join(data, 'sessions'), locks: join(data, 'locks'), config: data } });
    await expect(store.open(id)).rejects.toThrow(/open in another sdcoach/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockDir, old, old);
    expect(store.isOpen(id)).toBe(false);
    const live = await store.open(id);
    await live.close();
    expect(existsSync(lockDir)).toBe(false);
  });
});

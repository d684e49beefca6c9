import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionSaveError, SessionStore } from '../../src/core/storage/session-store.js';
import { SESSION_SCHEMA_VERSION, SessionSchema } from '../../src/core/storage/session-schema.js';
import { makeSession } from '../sessions/fixtures.js';
import { failingFs, fullDiskFs, lyingFs, tempFilesIn, tempPaths } from './helpers.js';

const SETTINGS = { minutesPerPhase: { requirements: 5, estimation: 5, design: 15, 'deep-dive': 15 }, strict: false };
const INPUT = { questionId: 'url-shortener', questionTitle: 'Design a URL shortener', rubricVersion: '1.1', settings: SETTINGS };

const fixedClock = (start = Date.UTC(2025, 5, 1, 12)) => {
  let t = start;
  return () => new Date((t += 1000));
};

const storeWith = (options: ConstructorParameters<typeof SessionStore>[0] = {}) => {
  const paths = tempPaths();
  return { paths, store: new SessionStore({ paths, now: fixedClock(), ...options }) };
};

describe('session store: round trips', () => {
  it('creates, saves, lists, reads and finds a session to resume', async () => {
    const { store, paths } = storeWith();
    const live = await store.create({ ...INPUT, followUps: [{ id: 'hot-keys', question: 'Celebrity keys?' }] });
    expect(live.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(existsSync(join(paths.sessions, `${live.id}.json`))).toBe(true);
    expect(live.session.budgets).toEqual({ requirements: 300, estimation: 300, design: 900, 'deep-dive': 900 });
    expect(live.session.followUps[0]).toMatchObject({ id: 'hot-keys', answer: '', grade: null });

    const saved = live.update((s) => ({ ...s, current: { ...s.current, draft: 'users: 100M DAU', elapsedMs: { ...s.current.elapsedMs, requirements: 65_000 } } }));
    expect(saved.updatedAt > saved.startedAt).toBe(true);

    const { sessions, errors } = store.list();
    expect(errors).toEqual([]);
    expect(sessions.map((e) => e.id)).toEqual([live.id]);
    expect(sessions[0]!.session).toEqual(saved);
    expect(store.get('last').session.current.draft).toBe('users: 100M DAU');
    expect(store.get(live.id.slice(0, 12).toLowerCase()).id).toBe(live.id);

    // Held by this process: not offered for resuming.
    expect(store.findResumable()).toBeNull();
    await live.close();
    expect(store.findResumable()?.id).toBe(live.id);
    const again = await store.open(live.id);
    expect(again.session.current.elapsedMs.requirements).toBe(65_000);
    await again.close();
  });

  it('writes documents that validate, with schemaVersion', async () => {
    const { store } = storeWith();
    const live = await store.create(INPUT);
    const raw = JSON.parse(readFileSync(live.file, 'utf8')) as { schemaVersion: number };
    expect(raw.schemaVersion).toBe(SESSION_SCHEMA_VERSION);
    expect(SessionSchema.safeParse(raw).success).toBe(true);
    await live.close();
  });

  it('lists newest first and resolves ids, prefixes and "last"', () => {
    const { store, paths } = storeWith();
    mkdirSync(paths.sessions, { recursive: true });
    const docs = [1, 2, 3].map((seed) => makeSession({ seed }));
    for (const d of docs) store.importSession(d);
    expect(store.list().sessions.map((e) => e.id)).toEqual(docs.map((d) => d.id).reverse());
    expect(store.resolveId('last')).toBe(docs[2]!.id);
    expect(() => store.resolveId('01')).toThrow(/no session/);
    expect(() => store.resolveId(docs[0]!.id.slice(0, 4))).toThrow(/ambiguous/);
    expect(() => store.resolveId('ZZZZZZZZ')).toThrow(/no session "ZZZZZZZZ"/);
  });

  it('rejects a document that does not validate as a bug, before writing', async () => {
    const { store } = storeWith();
    const live = await store.create(INPUT);
    const before = readFileSync(live.file, 'utf8');
    expect(() => live.save({ ...live.session, overall: 140 })).toThrow(/invalid session document at overall/);
    expect(readFileSync(live.file, 'utf8')).toBe(before);
    await live.close();
  });
});

describe('session store: failed writes', () => {
  it.each([
    ['a full disk (short write)', fullDiskFs(200)],
    ['a write that lies about its size', lyingFs(200)],
    ['ENOSPC at fsync', failingFs('fsyncSync', 'ENOSPC')],
  ])('keeps the previous file and the in-memory draft on %s', async (_name, fs) => {
    const paths = tempPaths();
    const good = new SessionStore({ paths, now: fixedClock() });
    const first = await good.create(INPUT);
    const saved = first.update((s) => ({ ...s, current: { ...s.current, draft: 'first draft' } }));
    await first.close();
    const before = readFileSync(first.file, 'utf8');

    const store = new SessionStore({ paths, fs, now: fixedClock(Date.UTC(2025, 6, 1)) });
    const live = await store.open(first.id);
    const draft = { ...live.session, current: { ...live.session.current, draft: 'a much longer second draft '.repeat(50) } };
    let error: unknown;
    try {
      live.save(draft);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SessionSaveError);
    expect((error as Error).message).toMatch(/the previous version is kept and your work is still in memory/);
    expect(live.lastSaveError).toBe(error);
    expect(live.session.current.draft).toBe(draft.current.draft);
    expect(readFileSync(first.file, 'utf8')).toBe(before);
    expect(good.get(first.id).session).toEqual(saved);
    expect(tempFilesIn(paths.sessions)).toEqual([]);
    await live.close();
  });

  it('gives a clear error when the data folder is read-only', async () => {
    const { store } = storeWith({ fs: failingFs('openSync', 'EROFS') });
    await expect(store.create(INPUT)).rejects.toThrow(/cannot write .*sessions.*: the file system is read-only \(EROFS\)/);
    expect(() => store.importSession(makeSession())).toThrow(/read-only \(EROFS\)/);
  });

  it('gives a clear error when the data folder cannot be created', async () => {
    const paths = tempPaths();
    writeFileSync(join(paths.data, 'blocker'), '');
    const data = join(paths.data, 'blocker', 'home');
    const store = new SessionStore({ paths: { data, sessions: join(data, 'sessions'), locks: join(data, 'locks'), config: data } });
    await expect(store.create(INPUT)).rejects.toThrow(/cannot create the data folder .*blocker.*: a parent is not a folder \(ENOTDIR\)/);
    expect(() => store.list()).toThrow(/cannot read the sessions folder .*\(ENOTDIR\)/);
  });
});

describe('session store: damaged and foreign files', () => {
  const good = makeSession({ seed: 7 });
  const cases: [string, string, string | Buffer, RegExp][] = [
    ['empty', '01JAAAAAAAAAAAAAAAAAAAAAA1.json', '', /empty file/],
    ['whitespace only', '01JAAAAAAAAAAAAAAAAAAAAAA2.json', '  \n', /empty file/],
    ['truncated', '01JAAAAAAAAAAAAAAAAAAAAAA3.json', JSON.stringify(good).slice(0, 300), /not valid JSON, perhaps truncated/],
    ['NUL-filled', '01JAAAAAAAAAAAAAAAAAAAAAA4.json', Buffer.alloc(4096), /NUL bytes/],
    ['foreign JSON', '01JAAAAAAAAAAAAAAAAAAAAAA5.json', '{"name":"my-package","version":"1.0.0"}', /not an sdcoach session \(no valid schemaVersion\)/],
    ['a JSON array', '01JAAAAAAAAAAAAAAAAAAAAAA6.json', '[1,2,3]', /not a JSON object/],
    ['invalid fields', '01JAAAAAAAAAAAAAAAAAAAAAA7.json', JSON.stringify({ ...good, id: '01JAAAAAAAAAAAAAAAAAAAAAA7', status: 'paused' }), /invalid session: status/],
    ['a mismatched id', '01JAAAAAAAAAAAAAAAAAAAAAA8.json', JSON.stringify(good), /does not match the file name/],
    ['a foreign file name', 'notes.txt', 'hello', /not a session file/],
    ['a binary file', 'photo.json', Buffer.from([0xff, 0xd8, 0xff, 0x00]), /not a session file/],
  ];

  it('lists each as unreadable, leaves it untouched, and still lists the good sessions', () => {
    const { store, paths } = storeWith();
    store.importSession(good);
    for (const [, name, content] of cases) writeFileSync(join(paths.sessions, name), content);
    // Leftovers of an interrupted write and OS litter are not sessions and not errors.
    writeFileSync(join(paths.sessions, `.${good.id}.json.123.abcd.tmp`), '{"half":');
    writeFileSync(join(paths.sessions, '.DS_Store'), 'x');
    mkdirSync(join(paths.sessions, '01JAAAAAAAAAAAAAAAAAAAAAA9.json'));

    const { sessions, errors } = store.list();
    expect(sessions.map((e) => e.id)).toEqual([good.id]);
    for (const [what, name, content, reason] of cases) {
      const error = errors.find((e) => e.name === name);
      expect(error, what).toBeDefined();
      expect(error!.reason, what).toMatch(reason);
      expect(readFileSync(join(paths.sessions, name)).equals(Buffer.from(content)), what).toBe(true);
    }
    expect(errors.find((e) => e.name === '01JAAAAAAAAAAAAAAAAAAAAAA9.json')?.reason).toMatch(/not a regular file/);
    expect(errors.map((e) => e.name)).not.toContain('.DS_Store');
    expect(errors).toHaveLength(cases.length + 1);
  });

  it('reports an unreadable session by id with the reason', () => {
    const { store, paths } = storeWith();
    mkdirSync(paths.sessions, { recursive: true });
    writeFileSync(join(paths.sessions, '01JAAAAAAAAAAAAAAAAAAAAAA3.json'), '{"schemaVersion":1,');
    expect(() => store.get('01JAAAAAAAAAAAAAAAAAAAAAA3')).toThrow(/cannot be read: not valid JSON/);
  });
});

describe('session store: newer schema', () => {
  it('shows a newer document read-only, and refuses to continue it', async () => {
    const { store, paths } = storeWith();
    const doc = { ...makeSession({ seed: 3, status: 'in-progress' }), schemaVersion: SESSION_SCHEMA_VERSION + 1, mood: 'calm' };
    mkdirSync(paths.sessions, { recursive: true });
    writeFileSync(join(paths.sessions, `${doc.id}.json`), JSON.stringify(doc));
    const [entry] = store.list().sessions;
    expect(entry).toMatchObject({ id: doc.id, readOnly: true, schemaVersion: SESSION_SCHEMA_VERSION + 1 });
    expect(store.findResumable()).toBeNull();
    await expect(store.open(doc.id)).rejects.toThrow(/newer sdcoach \(schemaVersion 2\) and is read-only/);
  });

  it('lists a newer document it cannot read as unreadable', () => {
    const { store, paths } = storeWith();
    mkdirSync(paths.sessions, { recursive: true });
    const name = '01JAAAAAAAAAAAAAAAAAAAAAAB.json';
    writeFileSync(join(paths.sessions, name), JSON.stringify({ schemaVersion: 5, id: '01JAAAAAAAAAAAAAAAAAAAAAAB', turns: [] }));
    expect(store.list().errors).toEqual([expect.objectContaining({ name, reason: expect.stringMatching(/newer sdcoach \(schemaVersion 5\)/) })]);
  });

  it('imports a newer document exactly as given', () => {
    const { store } = storeWith();
    const doc = { ...makeSession({ seed: 4 }), schemaVersion: 2, mood: 'calm' };
    const entry = store.importSession(doc);
    expect(entry.readOnly).toBe(true);
    expect(JSON.parse(readFileSync(entry.file, 'utf8'))).toEqual(doc);
  });
});

describe('session store: import and delete', () => {
  it('never overwrites an existing session on import', () => {
    const { store } = storeWith();
    const doc = makeSession({ seed: 5 });
    const entry = store.importSession(doc);
    const before = readFileSync(entry.file, 'utf8');
    expect(() => store.importSession({ ...doc, overall: 1 })).toThrow(/already exists; import never overwrites/);
    expect(readFileSync(entry.file, 'utf8')).toBe(before);
  });

  it('rejects an invalid document with the field and reason', () => {
    const { store } = storeWith();
    expect(() => store.importSession({ ...makeSession(), budgets: {} }, 'x.json')).toThrow(/x.json is not a valid session: invalid session: budgets.requirements/);
  });

  it('deletes a session, readable or not, unless another instance holds it', async () => {
    const { store, paths } = storeWith();
    const doc = store.importSession(makeSession({ seed: 9 }));
    writeFileSync(join(paths.sessions, '01JAAAAAAAAAAAAAAAAAAAAAA1.json'), 'garbage');
    store.remove('01JAAAAAAAAAAAAAAAAAAAAAA1');
    const live = await store.open(doc.id);
    expect(() => store.remove(doc.id)).toThrow(/open in another sdcoach/);
    await live.close();
    store.remove(doc.id);
    expect(readdirSync(paths.sessions).filter((n) => n.endsWith('.json'))).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { digestCacheFile, loadDigests, readDigestCache, type DigestSource } from '../../src/core/stats/digest-cache.js';
import { readDigest } from '../../src/core/stats/read-digest.js';
import type * as ReadDigestModule from '../../src/core/stats/read-digest.js';
import { SessionStore } from '../../src/core/storage/session-store.js';
import { tempPaths } from '../storage/helpers.js';
import { makeSession } from './fixtures.js';

// Counts the session files read in full (the slow path) while still reading them.
vi.mock('../../src/core/stats/read-digest.js', async (importOriginal) => {
  const original = await importOriginal<typeof ReadDigestModule>();
  return { readDigest: vi.fn(original.readDigest) };
});
const fullReads = vi.mocked(readDigest);

/** A clock well past every file's timestamps, so that freshly written files count as settled. */
const later = { now: () => Date.now() + 60_000 };

const setup = () => {
  const paths = tempPaths();
  const store = new SessionStore({ paths });
  const docs = [1, 2, 3].map((seed) => makeSession({ seed }));
  for (const d of docs) store.importSession(d);
  return { paths, store, docs };
};

/** The digests a cold read (no cache at all) gives. */
const fresh = async (source: DigestSource) => {
  rmSync(digestCacheFile(source), { force: true });
  return loadDigests(source, later);
};

/** Rewrites the cache's payload with `change` and gives it a matching length and checksum. */
const rewritePayload = (file: string, change: (payload: string) => string): void => {
  const text = readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const fields = text.slice(0, newline).split(' ');
  const payload = Buffer.from(change(text.slice(newline + 1)), 'utf8');
  fields[4] = String(payload.length);
  fields[5] = createHash('sha256').update(payload).digest('hex');
  writeFileSync(file, Buffer.concat([Buffer.from(`${fields.join(' ')}\n`), payload]));
};

beforeEach(() => {
  fullReads.mockClear();
});

describe('digest cache', () => {
  it('matches a fresh read, is written once, and then no session file is read again', async () => {
    const { store, docs } = setup();
    const first = await loadDigests(store, later);
    expect(first.digests.map((d) => d.id)).toEqual(docs.map((d) => d.id).reverse());
    expect(fullReads).toHaveBeenCalledTimes(3);
    const cache = readFileSync(digestCacheFile(store), 'utf8');
    expect(cache).toMatch(/^sdcoach-session-digests 2 1 \S+ \d+ [0-9a-f]{64}\n\{/);
    fullReads.mockClear();
    const second = await loadDigests(store, later);
    expect(second).toEqual(first);
    expect(fullReads).not.toHaveBeenCalled();
    expect(readFileSync(digestCacheFile(store), 'utf8')).toBe(cache);
  });

  it('notices a changed, added, removed or damaged session file', async () => {
    const { store, paths, docs } = setup();
    await loadDigests(store, later);
    const changed = { ...docs[0]!, overall: 11 };
    writeFileSync(join(paths.sessions, `${changed.id}.json`), JSON.stringify(changed));
    store.remove(docs[1]!.id);
    writeFileSync(join(paths.sessions, `${docs[2]!.id}.json`), '{"truncated":');
    store.importSession(makeSession({ seed: 4 }));
    fullReads.mockClear();
    const { digests, errors } = await loadDigests(store, later);
    expect(digests.map((d) => [d.id, d.overall])).toEqual([
      [makeSession({ seed: 4 }).id, makeSession({ seed: 4 }).overall],
      [changed.id, 11],
    ]);
    expect(errors).toEqual([expect.objectContaining({ name: `${docs[2]!.id}.json`, reason: expect.stringMatching(/not valid JSON/) })]);
    expect(fullReads).toHaveBeenCalledTimes(3);
  });

  it('notices a session file edited in place behind its back (same size, mtime put back)', async () => {
    const { store, paths, docs } = setup();
    const file = join(paths.sessions, `${docs[0]!.id}.json`);
    const text = readFileSync(file, 'utf8');
    const overall = docs[0]!.overall!;
    const other = overall === 42 ? 43 : 42;
    expect(String(overall)).toHaveLength(2);
    // A whole second, so that putting it back is exact.
    const second = 1_750_000_000;
    utimesSync(file, second, second);
    await loadDigests(store, later);
    const before = statSync(file);
    writeFileSync(file, text.replace(`"overall": ${overall},`, `"overall": ${other},`));
    utimesSync(file, second, second);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    const { digests } = await loadDigests(store, later);
    expect(digests.find((d) => d.id === docs[0]!.id)?.overall).toBe(other);
  });

  it('drops a deleted session from the listing and from the cache', async () => {
    const { store, paths, docs } = setup();
    await loadDigests(store, later);
    unlinkSync(join(paths.sessions, `${docs[1]!.id}.json`));
    fullReads.mockClear();
    const { digests, errors } = await loadDigests(store, later);
    expect(digests.map((d) => d.id)).toEqual([docs[2]!.id, docs[0]!.id]);
    expect(errors).toEqual([]);
    expect(fullReads).not.toHaveBeenCalled();
    expect([...readDigestCache(digestCacheFile(store))!.keys()].sort()).toEqual([`${docs[0]!.id}.json`, `${docs[2]!.id}.json`]);
  });

  it('rebuilds a tampered cache: an edited value fails the checksum', async () => {
    const { store } = setup();
    const expected = await fresh(store);
    const file = digestCacheFile(store);
    const text = readFileSync(file, 'utf8');
    // Same length, one score changed (its last digit): only the checksum can tell.
    const overall = String(expected.digests[0]!.overall!);
    const other = overall.replace(/\d$/, (d) => (d === '9' ? '8' : '9'));
    const tampered = text.replace(`,${overall},1,false,`, `,${other},1,false,`);
    expect(tampered).not.toBe(text);
    expect(tampered).toHaveLength(text.length);
    writeFileSync(file, tampered);
    expect(readDigestCache(file)).toBeNull();
    fullReads.mockClear();
    expect(await loadDigests(store, later)).toEqual(expected);
    expect(fullReads).toHaveBeenCalledTimes(3);
    // ...and the cache is written again, whole.
    expect(readDigestCache(file)?.size).toBe(3);
  });

  it('rebuilds a truncated, empty or foreign cache', async () => {
    const { store } = setup();
    const expected = await fresh(store);
    const file = digestCacheFile(store);
    const whole = readFileSync(file);
    for (const broken of [whole.subarray(0, whole.length - 10), whole.subarray(0, 40), Buffer.alloc(0), Buffer.from('{"version":1,"files":{}}')]) {
      writeFileSync(file, broken);
      expect(readDigestCache(file)).toBeNull();
      expect(await loadDigests(store, later)).toEqual(expected);
      expect(readDigestCache(file)?.size).toBe(3);
    }
    // A cache written by another build of sdcoach is not trusted either.
    const text = readFileSync(file, 'utf8');
    const fields = text.slice(0, text.indexOf('\n')).split(' ');
    fields[3] = 'another-build';
    writeFileSync(file, `${fields.join(' ')}${text.slice(text.indexOf('\n'))}`);
    expect(readDigestCache(file)).toBeNull();
    expect(await loadDigests(store, later)).toEqual(expected);
  });

  it('drops cache records of the wrong shape even when the checksum matches', async () => {
    const { store, docs } = setup();
    const expected = await fresh(store);
    const file = digestCacheFile(store);
    const victim = `${docs[1]!.id}.json`;
    rewritePayload(file, (payload) => {
      const doc = JSON.parse(payload) as { files: unknown[][] };
      const record = doc.files.find((r) => r[0] === victim)!;
      record[10] = 'not a score';
      return JSON.stringify(doc);
    });
    expect([...readDigestCache(file)!.keys()]).not.toContain(victim);
    fullReads.mockClear();
    expect(await loadDigests(store, later)).toEqual(expected);
    expect(fullReads).toHaveBeenCalledTimes(1);
    expect(fullReads).toHaveBeenCalledWith(expect.stringContaining(victim), victim);

    // An item index out of range, a record under another session's name, and a broken item table.
    const rewrites: ((doc: { items: unknown[]; files: unknown[][] }) => void)[] = [
      (doc) => void ((doc.files[0]![13] as unknown[][])[0]![4] = [doc.items.length]),
      (doc) => void (doc.files[0]![0] = doc.files[1]![0]),
      (doc) => void (doc.items[0] = ['id', 'label']),
    ];
    for (const rewrite of rewrites) {
      rewritePayload(file, (payload) => {
        const doc = JSON.parse(payload) as { items: unknown[]; files: unknown[][] };
        rewrite(doc);
        return JSON.stringify(doc);
      });
      expect(await loadDigests(store, later)).toEqual(expected);
    }
  });

  it('does not keep files changed in the last moments (their timestamps may not have settled)', async () => {
    const { store } = setup();
    const { digests } = await loadDigests(store);
    expect(digests).toHaveLength(3);
    expect(readDigestCache(digestCacheFile(store))?.size ?? 0).toBe(0);
    fullReads.mockClear();
    expect((await loadDigests(store)).digests).toEqual(digests);
    expect(fullReads).toHaveBeenCalledTimes(3);
    expect((await loadDigests(store, later)).digests).toEqual(digests);
    expect(readDigestCache(digestCacheFile(store))?.size).toBe(3);
  });

  it('works without being able to write a cache, and without a sessions folder', async () => {
    // A cache that cannot be written (here `cache` is a file, not a folder) only costs speed.
    const blocked = setup();
    writeFileSync(join(blocked.paths.data, 'cache'), 'not a folder');
    expect((await loadDigests(blocked.store, later)).digests).toHaveLength(3);
    expect((await loadDigests(blocked.store, later)).errors).toEqual([]);
    expect(await loadDigests({ paths: tempPaths() }, later)).toEqual({ digests: [], errors: [] });
  });
});

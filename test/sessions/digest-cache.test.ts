import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestCacheFile, loadDigests } from '../../src/core/stats/digest-cache.js';
import { SessionStore } from '../../src/core/storage/session-store.js';
import { tempPaths } from '../storage/helpers.js';
import { makeSession } from './fixtures.js';

const setup = () => {
  const paths = tempPaths();
  const store = new SessionStore({ paths });
  const docs = [1, 2, 3].map((seed) => makeSession({ seed }));
  for (const d of docs) store.importSession(d);
  return { paths, store, docs };
};

describe('digest cache', () => {
  it('matches a fresh read, and is written once', () => {
    const { store, docs } = setup();
    const first = loadDigests(store);
    expect(first.digests.map((d) => d.id)).toEqual(docs.map((d) => d.id).reverse());
    const cache = readFileSync(digestCacheFile(store), 'utf8');
    const second = loadDigests(store);
    expect(second).toEqual(first);
    expect(readFileSync(digestCacheFile(store), 'utf8')).toBe(cache);
  });

  it('notices a changed, added, removed or damaged session file', () => {
    const { store, paths, docs } = setup();
    loadDigests(store);
    const changed = { ...docs[0]!, overall: 11 };
    writeFileSync(join(paths.sessions, `${changed.id}.json`), JSON.stringify(changed));
    store.remove(docs[1]!.id);
    writeFileSync(join(paths.sessions, `${docs[2]!.id}.json`), '{"truncated":');
    store.importSession(makeSession({ seed: 4 }));
    const { digests, errors } = loadDigests(store);
    expect(digests.map((d) => [d.id, d.overall])).toEqual([
      [makeSession({ seed: 4 }).id, makeSession({ seed: 4 }).overall],
      [changed.id, 11],
    ]);
    expect(errors).toEqual([expect.objectContaining({ name: `${docs[2]!.id}.json`, reason: expect.stringMatching(/not valid JSON/) })]);
  });

  it('rebuilds a damaged cache and works without being able to write one', () => {
    const { store, paths } = setup();
    const expected = loadDigests(store);
    writeFileSync(digestCacheFile(store), '{"version":1,"files":{"x":');
    expect(loadDigests(store)).toEqual(expected);
    writeFileSync(digestCacheFile(store), JSON.stringify({ version: 1, sessionSchemaVersion: 1, files: { nope: { size: 'big' } } }));
    expect(loadDigests(store)).toEqual(expected);
    // A cache that cannot be written (here `cache` is a file, not a folder) only costs speed.
    const blocked = setup();
    writeFileSync(join(blocked.paths.data, 'cache'), 'not a folder');
    expect(loadDigests(blocked.store).digests).toHaveLength(3);
    expect(loadDigests(blocked.store).errors).toEqual([]);
    expect(paths.data).not.toBe(blocked.paths.data);
  });
});

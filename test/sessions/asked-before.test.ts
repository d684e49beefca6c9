import { describe, expect, it } from 'vitest';
import { followUpsAskedBefore } from '../../src/core/stats/asked-before.js';
import { SessionStore } from '../../src/core/storage/session-store.js';
import { tempPaths } from '../storage/helpers.js';
import { makeSession } from './fixtures.js';

describe('follow-ups asked before', () => {
  it('collects the follow-ups of earlier sessions of the same question, reading only those sessions', async () => {
    const paths = tempPaths();
    const store = new SessionStore({ paths });
    const mine = makeSession({ seed: 1, questionId: 'url-shortener' });
    const other = makeSession({ seed: 2, questionId: 'chat-system' });
    store.importSession({ ...mine, followUps: [{ ...mine.followUps[0]!, id: 'custom-alias' }] });
    store.importSession({ ...other, followUps: [{ ...other.followUps[0]!, id: 'presence' }] });
    const read: string[] = [];
    const asked = await followUpsAskedBefore(store, 'url-shortener', (id) => (read.push(id), store.get(id).session));
    expect([...asked]).toEqual(['custom-alias']);
    expect(read).toEqual([mine.id]);
    expect(await followUpsAskedBefore(store, 'news-feed', (id) => store.get(id).session)).toEqual(new Set());
  });

  it('skips a session that can no longer be read', async () => {
    const paths = tempPaths();
    const store = new SessionStore({ paths });
    store.importSession(makeSession({ seed: 3 }));
    const asked = await followUpsAskedBefore(store, 'url-shortener', () => {
      throw new Error('gone');
    });
    expect(asked).toEqual(new Set());
  });
});

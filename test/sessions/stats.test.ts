import { describe, expect, it } from 'vitest';
import { PHASES } from '../../src/core/content/schema.js';
import type { QuestionMeta } from '../../src/core/stats/bank-index.js';
import { compareAttempts, previousAttempt } from '../../src/core/stats/compare.js';
import { digest, summarize } from '../../src/core/stats/session-summary.js';
import { computeStats } from '../../src/core/stats/stats.js';
import type { SessionEntry } from '../../src/core/storage/session-file.js';
import type { Session } from '../../src/core/storage/session-schema.js';
import { makeSession, type MakeSessionOptions } from './fixtures.js';

const entry = (session: Session): SessionEntry => ({ id: session.id, file: `${session.id}.json`, session, schemaVersion: 1, readOnly: false });
const make = (o: MakeSessionOptions): SessionEntry => entry(makeSession(o));

const BANK = new Map<string, QuestionMeta>(
  [
    { id: 'url-shortener', title: 'Design a URL shortener', difficulty: 'easy', tags: ['caching', 'hashing'] },
    { id: 'chat', title: 'Design chat', difficulty: 'hard', tags: ['queues', 'websockets'] },
    { id: 'cdn', title: 'Design a CDN', difficulty: 'medium', tags: ['caching', 'geo'] },
    { id: 'kv', title: 'Design a key-value store', difficulty: 'medium', tags: ['replication'] },
  ].map((q) => [q.id, q as QuestionMeta]),
);
const day = (d: number): Date => new Date(Date.UTC(2025, 2, d, 9));

describe('session summaries', () => {
  it('blends the deep dive with the follow-ups and totals time and hints', () => {
    const s = makeSession({ seed: 3 });
    const sum = summarize(entry(s));
    expect(sum.phases.requirements.score).toBe(s.phases.requirements.grade!.score);
    expect(sum.phases['deep-dive'].score).toBe(Math.round(0.5 * s.phases['deep-dive'].grade!.score + 0.5 * 50));
    expect(sum.timeMs).toBe(PHASES.reduce((a, p) => a + s.phases[p].timeSpentMs, 0));
    expect(sum.budgetMs).toBe(40 * 60_000);
  });

  it('counts the live clock of an unfinished phase', () => {
    const s = makeSession({ seed: 4, status: 'in-progress' });
    s.phases.design.timeSpentMs = 0;
    s.current.elapsedMs.design = 123_000;
    expect(summarize(entry(s)).phases.design).toMatchObject({ score: null, timeMs: 123_000 });
  });
});

describe('attempt comparison', () => {
  it('finds the previous graded attempt at the same question and lists items newly covered and missed', () => {
    const before = make({ seed: 1, allCovered: false, startedAt: day(1) });
    const other = make({ seed: 2, questionId: 'chat', startedAt: day(2) });
    const unfinished = make({ seed: 3, status: 'abandoned', startedAt: day(3) });
    const now = make({ seed: 4, allCovered: true, startedAt: day(4) });
    const newestFirst = [now, unfinished, other, before];
    expect(previousAttempt(newestFirst, now.session)?.id).toBe(before.id);
    expect(previousAttempt(newestFirst, before.session)).toBeNull();

    const c = compareAttempts(now.session, before.session);
    expect(c.previous.id).toBe(before.id);
    expect(c.phases.design).toEqual({ before: 0, now: 100, change: 100 });
    expect(c.overall.change).toBe(now.session.overall! - before.session.overall!);
    expect(c.newlyCovered.map((i) => i.id)).toContain('cache');
    expect(c.newlyMissed).toEqual([]);
    expect(compareAttempts(before.session, now.session).newlyMissed.map((i) => `${i.phase}/${i.id}`)).toContain('design/cache');
  });
});

describe('stats', () => {
  const sessions = [
    make({ seed: 1, questionId: 'url-shortener', allCovered: false, startedAt: day(1) }),
    make({ seed: 2, questionId: 'url-shortener', allCovered: false, startedAt: day(2) }),
    make({ seed: 3, questionId: 'chat', allCovered: true, startedAt: day(3) }),
    make({ seed: 4, questionId: 'chat', status: 'in-progress', startedAt: day(20) }),
  ].map(digest);

  it('counts, averages and trends over graded sessions', () => {
    const s = computeStats(sessions, BANK, { now: day(21) });
    expect(s.sessions).toEqual({ total: 4, completed: 3, inProgress: 1, abandoned: 0, graded: 3 });
    expect(s.trend.overall).toEqual([0, 0, 100]);
    expect(s.averages.overall).toBe(33);
    expect(s.averages.phases.design).toBe(33);
  });

  it('compares the share of time per phase with the share of the budget', () => {
    const s = computeStats(sessions, BANK);
    const shares = PHASES.reduce((a, p) => a + s.time[p].share, 0);
    expect(shares).toBeCloseTo(1);
    expect(s.time.design.budgetShare).toBeCloseTo(15 / 40);
  });

  it('lists the items and tags missed most, and the best score per question', () => {
    const s = computeStats(sessions, BANK);
    expect(s.missedItems[0]).toMatchObject({ missed: 2, graded: 3 });
    expect(s.weakTags.map((t) => t.tag).slice(0, 2).sort()).toEqual(['caching', 'hashing']);
    expect(s.weakTags.find((t) => t.tag === 'queues')).toMatchObject({ missRate: 0, averageOverall: 100 });
    expect(s.bestByQuestion.map((q) => [q.questionId, q.best, q.attempts])).toEqual([
      ['chat', 100, 2],
      ['url-shortener', 0, 2],
    ]);
  });

  it('recommends an untried question on the weakest tags, with the reason', () => {
    const r = computeStats(sessions, BANK, { now: day(21) }).recommendation!;
    expect(r.questionId).toBe('cdn');
    expect(r.weakTags).toEqual(['caching']);
    expect(r.reason).toMatch(/caching \(your average 0\).*you have not tried it yet/);
  });

  it('does not recommend what was practised today', () => {
    const today = [...sessions, digest(make({ seed: 9, questionId: 'cdn', allCovered: false, startedAt: day(21) }))];
    expect(computeStats(today, BANK, { now: day(21) }).recommendation?.questionId).not.toBe('cdn');
  });

  it('starts a newcomer on an easy question', () => {
    const s = computeStats([], BANK, { now: day(1) });
    expect(s.sessions.total).toBe(0);
    expect(s.averages.overall).toBeNull();
    expect(s.recommendation).toMatchObject({ questionId: 'url-shortener', difficulty: 'easy' });
    expect(s.recommendation!.reason).toMatch(/no graded sessions yet/);
  });
});

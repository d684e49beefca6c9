// The bank the product ships: every system in the source documents, complete and self-consistent.
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../src/core/content/schema.js';
import { formatProblem } from '../../src/core/content/load.js';
import { selfCheck } from '../../src/core/content/self-check.js';
import { builtInBank } from '../helpers/bank.js';

const IDS = [
  'url-shortener', 'rate-limiter', 'news-feed', 'chat-system', 'uber', 'youtube', 'notification-system', 'dropbox',
  'ticketmaster', 'gopuff', 'news-aggregator', 'tinder', 'payment-system', 'robinhood', 'leetcode', 'distributed-cache',
  'web-crawler', 'task-scheduler', 'yelp', 'strava', 'ad-click-aggregator', 'ebay-auction', 'price-tracker',
  'fb-live-comments', 'post-search', 'youtube-top-k', 'google-docs', 'instagram', 'search-engine', 'amazon-ecommerce',
  'search-autocomplete', 'nearby-friends', 'key-value-store', 'recommendation-system', 'metrics-monitoring',
  'object-storage', 'leaderboard', 'config-store', 'fraud-detection',
];

const bank = builtInBank();

describe('the built-in bank', () => {
  it('validates without problems', () => {
    expect(bank.problems.map(formatProblem)).toEqual([]);
  });

  it('has all 39 systems of the source documents', () => {
    expect(IDS).toHaveLength(39);
    expect([...bank.questions.keys()].sort()).toEqual([...IDS].sort());
  });

  it.each(IDS)('%s is complete', (id) => {
    const e = bank.questions.get(id);
    expect(e, id).toBeDefined();
    for (const p of PHASES) {
      expect(e!.ownItems[p].length, `${p} items`).toBeGreaterThanOrEqual(4);
      expect(e!.question.reference[p].length, `${p} reference`).toBeGreaterThan(100);
    }
    expect(e!.ownItems.estimation.filter((i) => i.quantity).length, 'estimation targets').toBeGreaterThanOrEqual(2);
    expect(e!.question.followUps.length, 'follow-ups').toBeGreaterThanOrEqual(3);
    for (const f of e!.question.followUps) expect(f.items.length, f.id).toBeGreaterThanOrEqual(2);
    expect(e!.question.facts.length, 'facts').toBeGreaterThanOrEqual(6);
    expect(e!.question.sources.length).toBeGreaterThan(0);
  });

  it('has the concept cards and quiz items of the source documents', () => {
    expect(bank.cards).toHaveLength(100);
    expect(bank.quiz).toHaveLength(316);
  });
});

describe('self-consistency', () => {
  const OWN_MIN = 80;
  const CROSS_MAX = 40;
  const results = selfCheck(bank);

  it('each reference outline earns its own rubric and scores low on every other', () => {
    const failures: string[] = [];
    const hist = new Map<number, number>();
    for (const r of results) {
      for (const p of PHASES) {
        const c = r.phases[p];
        if (c.own < OWN_MIN) failures.push(`${r.id} ${p}: own outline scores ${c.own} (misses ${c.missed.join(', ')})`);
        if (c.maxCross > CROSS_MAX) failures.push(`${r.id} ${p}: scores ${c.maxCross} against ${c.maxCrossQuestion}`);
        for (const s of c.cross) hist.set(Math.floor(s / 10) * 10, (hist.get(Math.floor(s / 10) * 10) ?? 0) + 1);
      }
    }
    const own = results.flatMap((r) => PHASES.map((p) => r.phases[p].own));
    console.log(
      `self-consistency: own outline min ${Math.min(...own)}, mean ${Math.round(own.reduce((a, b) => a + b, 0) / own.length)}; ` +
        `cross-question scores by decile: ${[...hist].sort((a, b) => a[0] - b[0]).map(([d, n]) => `${d}s:${n}`).join(' ')}`,
    );
    expect(failures).toEqual([]);
  });

  it('each follow-up reference earns its own items', () => {
    const failures = results.flatMap((r) => r.followUps.filter((f) => f.score < OWN_MIN).map((f) => `${r.id}/${f.id}: ${f.score} (misses ${f.missed.join(', ')})`));
    expect(failures).toEqual([]);
  });
});

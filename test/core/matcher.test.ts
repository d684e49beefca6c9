import { describe, expect, it } from 'vitest';
import { credit, item, testGrader } from '../helpers/grader.js';

const g = testGrader();

describe('lemmas and stems', () => {
  const cacheItem = item('cache', [['cache', 'hot|popular']]);
  it.each([
    ['We cache the popular links in memory so most reads skip the database.', 1],
    ['Popular entries are cached close to the servers.', 1],
    ['Caching keeps hot keys in memory for the read path.', 1],
    ['We store everything on disk and read it when a request arrives.', 0],
  ])('%s → %d', (answer, expected) => expect(credit(g, cacheItem, answer)).toBe(expected));
});

describe('thesaurus', () => {
  it('treats synonyms as interchangeable in both directions', () => {
    const lb = item('lb', [['load balancer', 'server']]);
    expect(credit(g, lb, 'An LB spreads requests over the app servers in round robin.')).toBe(1);
    const abbrev = item('lb2', [['lb', 'server']]);
    expect(credit(g, abbrev, 'A load balancer in front of the servers spreads the requests evenly.')).toBe(1);
  });
  it('counts a specific product as its broader concept, not the other way round', () => {
    expect(credit(g, item('q', [['queue', 'click']]), 'Click events are published to Kafka for the analytics consumers.')).toBe(1);
    expect(credit(g, item('k', [['kafka', 'click']]), 'Click events are published to a queue for the analytics consumers.')).toBe(0);
  });
  it('reads multi-word synonyms inside phrases', () => {
    expect(credit(g, item('kv', [['key value store', 'short code']]), 'A k/v store keyed by the short code holds each mapping.')).toBe(1);
  });
});

describe('co-occurrence', () => {
  const base62 = item('b62', [['base62|base 62', 'counter|sequence|auto increment']]);
  it('needs every group in the same sentence', () => {
    expect(credit(g, base62, 'Each new link takes the next value of a global counter, and that number is base62-encoded.')).toBe(1);
    expect(credit(g, base62, 'Each new link takes the next value of a global counter. Short codes use base62 characters.')).toBe(0);
  });
  it('accepts hyphenated and spaced forms alike', () => {
    expect(credit(g, base62, 'We turn the auto-increment id into base 62 so the code stays short.')).toBe(1);
  });
  it('carries a heading or lead-in as context for the bullets under it', () => {
    const answer = 'Short codes:\n- encode the value of a global counter in base62 so codes stay short\n';
    expect(credit(g, base62, answer)).toBe(1);
    const ctx = item('ctx', [['cache', 'ttl|expire']]);
    expect(credit(g, ctx, '## Caching layer\n- entries expire after 24 hours so stale links age out\n')).toBe(1);
  });
});

describe('negation', () => {
  const cacheItem = item('cache', [['cache']]);
  it.each([
    "We won't need a cache for this.",
    'There is no cache in front of the database.',
    'We read straight from the database without a cache.',
    'A cache is unnecessary at this size.',
  ])('%s earns nothing', (answer) => expect(credit(g, cacheItem, answer)).toBe(0));
  it('negates only the clause it sits in', () => {
    expect(credit(g, item('q', [['sqs']]), 'We use SQS instead of Kafka because it is managed.')).toBe(1);
    expect(credit(g, item('k', [['kafka']]), 'We use SQS instead of Kafka because it is managed.')).toBe(0);
    expect(credit(g, cacheItem, "We don't shard the table, and we put Redis in front of it as a cache.")).toBe(1);
  });
  it('does not treat "not only" as negation', () => {
    expect(credit(g, cacheItem, 'Not only do we cache the hot rows, we also replicate them.')).toBe(1);
  });
});

describe('Mermaid diagrams', () => {
  const path = item('path', [['load balancer', 'server']]);
  it('reads node labels and edges of a fenced flowchart', () => {
    const answer = ['```mermaid', 'flowchart LR', '  C[Client] --> L[Load balancer]', '  L -->|round robin| A[App server]', '  A --> R[(Redis cache)]', '```'].join('\n');
    expect(credit(g, path, answer)).toBe(1);
    expect(credit(g, item('cache', [['cache', 'server']]), answer)).toBe(1);
  });
  it('reads an unfenced graph block', () => {
    expect(credit(g, path, 'graph TD\n  A[Load Balancer] --> B[API Server]\n')).toBe(1);
  });
});

describe('requirements on the earning sentence', () => {
  const tradeoff = item('t', [['consistency|consistent', 'availability|available']], { requires: ['reasoning'] });
  it('needs a reasoning marker for trade-off items', () => {
    expect(credit(g, tradeoff, 'Consistency and availability are both important.')).toBe(0);
    expect(credit(g, tradeoff, 'We pick availability over strict consistency because a stale count is harmless.')).toBe(1);
  });
  it('needs a number when asked', () => {
    const scale = item('n', [['user']], { requires: ['number'] });
    expect(credit(g, scale, 'We have lots of users.')).toBe(0);
    expect(credit(g, scale, 'We have about 500M daily users.')).toBe(1);
  });
  it('supports special tokens', () => {
    expect(credit(g, item('e', [['#endpoint']]), 'The client calls POST /urls with the long URL.')).toBe(1);
    expect(credit(g, item('r', [['read', '#ratio']]), 'Reads outnumber writes 100:1.')).toBe(1);
    expect(credit(g, item('o', [['#op', '#num']]), '100M / 86,400 ≈ 1,160 per second.')).toBe(1);
    expect(credit(g, item('o2', [['#op', '#num']]), 'About 1,160 writes per second.')).toBe(0);
  });
});

describe('resistance to gaming', () => {
  const items = [
    item('cache', [['cache', 'read|hot']]),
    item('lb', [['load balancer', 'server']]),
    item('queue', [['queue', 'click|event']]),
    item('b62', [['base62', 'counter']]),
    item('shard', [['shard', 'key']]),
  ];
  const score = (answer: string): number => g.gradeItems(items, g.analyze(answer)).score;

  it('gives a keyword list a fraction of the credit', () => {
    const salad = 'redis cache read hot load balancer server kafka click event base62 counter shard key';
    const real = [
      'Hot links are read from a Redis cache before the database.',
      'A load balancer spreads requests over the stateless servers.',
      'Click events go to Kafka so the redirect never waits on analytics.',
      'Codes come from a global counter encoded in base62.',
      'The table is sharded by the short-code key.',
    ].join('\n');
    expect(score(real)).toBe(100);
    expect(score(salad)).toBeLessThanOrEqual(25);
  });

  it('caps how many items one sentence can earn', () => {
    const crammed = 'We read hot data from a cache behind a load balancer and servers, push click events to a queue, and use a base62 counter with a shard key.';
    expect(score(crammed)).toBeLessThanOrEqual(60);
  });

  it('gives nothing for a pasted list of rubric labels', () => {
    const labelled = [
      { ...items[0]!, label: 'Reads hot data from a cache' },
      { ...items[1]!, label: 'Puts a load balancer in front of the servers' },
      { ...items[2]!, label: 'Sends click events to a queue' },
      { ...items[3]!, label: 'Encodes a counter in base62' },
      { ...items[4]!, label: 'Shards the table by key' },
    ];
    const pasted = labelled.map((i) => `- ${i.label}`).join('\n');
    const echo = g.gradeItems(labelled, g.analyze(pasted));
    expect(echo.score).toBe(0);
    expect(echo.notes.join(' ')).toMatch(/restate/);
    // One plain sentence that happens to read like a label still counts.
    expect(g.gradeItems(labelled, g.analyze('Reads hot data from a cache.')).items[0]!.credit).toBe(1);
  });

  it('gives nothing for echoing the question prompt', () => {
    const prompt = 'Design a service that keeps hot links in a cache and reads them back quickly.';
    const r = g.gradeItems(items, g.analyze(prompt), [prompt]);
    expect(r.score).toBe(0);
  });

  it('is not raised by padding with filler', () => {
    const weak = 'Hot links are read from a Redis cache before the database.';
    const padded = `${weak}\nThis is a very important system. It must be good and scalable. We will think about it carefully and do our best. Quality matters a lot here.`;
    expect(score(padded)).toBeLessThanOrEqual(score(weak));
  });

  it('is deterministic', () => {
    const answer = 'Hot links are read from a Redis cache. A load balancer spreads requests over servers.';
    const a = g.gradeItems(items, g.analyze(answer));
    const b = g.gradeItems(items, g.analyze(answer));
    expect(b).toEqual(a);
  });
});

describe('quantities', () => {
  const writes = item('w', [], { quantity: { name: 'writes/s', value: 1160, unit: 'requests/s', tolerance: { full: 2, partial: 10 }, from: [] }, match: [{ all: ['write|new'] }] });
  it.each([
    ['That is about 1.2k writes per second.', 1],
    ['Roughly 100M new links / 86,400 s ≈ 1,157 writes/s.', 1],
    ['Around 5,000 writes per second at peak.', 0.5],
    ['Around 500,000 writes per second.', 0],
    ['100M new links per day.', 0],
  ])('%s → %d', (answer, expected) => expect(credit(g, writes, answer)).toBe(expected));

  it('uses each number for one quantity only and shows the expected value when missed', () => {
    const q = (name: string, value: number) => ({ name, value, unit: 'requests/s' as const, tolerance: { full: 2, partial: 10 }, from: [] });
    const reads = item('r', [['#rate']], { quantity: q('reads/s', 116_000) });
    const writesAny = item('w2', [['#rate']], { quantity: q('writes/s', 1160) });
    const r = g.gradeItems([reads, writesAny], g.analyze('We expect 120K redirects per second.'));
    expect(r.items.map((i) => i.credit)).toEqual([1, 0]);
    expect(r.items[1]!.why).toMatch(/Expected ≈1,160 per second/);
  });
});

describe('empty answers', () => {
  it('score 0 with a note', () => {
    const r = g.gradeItems([item('a', [['cache']])], g.analyze('   \n'));
    expect(r.score).toBe(0);
    expect(r.notes).toEqual(['Empty answer: nothing to grade.']);
  });
});

// The grader's shortcuts must never change a grade: the ASCII path of normalize, the rubric plan cached per
// item list, the indexed echo check and the pruning of alternatives an answer cannot satisfy.
import { describe, expect, it } from 'vitest';
import { ECHO_CONTAINMENT, EchoReferences } from '../../src/core/grade/echo.js';
import { compileItem, matchAlternatives, possibleAlternatives } from '../../src/core/grade/match.js';
import { normalize } from '../../src/core/grade/tokens.js';
import { credit, item, testGrader } from '../helpers/grader.js';

const g = testGrader();

describe('normalize', () => {
  // The full pipeline, as it was before plain ASCII skipped the Unicode steps and absent contractions
  // skipped their regexes.
  const reference = (s: string): string => {
    let out = s.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
    out = out.replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
    for (const [re, rep] of [
      [/\bwon't\b/g, 'will not'],
      [/\bcan't\b/g, 'can not'],
      [/\bcannot\b/g, 'can not'],
      [/\bshan't\b/g, 'shall not'],
      [/n't\b/g, ' not'],
    ] as const)
      out = out.replace(re, rep);
    return out;
  };
  it.each([
    'We CANNOT lose a write, so we WON\'T ack before the fsync; it shan\'t happen and it doesn\'t.',
    'Plain ASCII: 1,200 req/s -> Redis (LRU), p99 < 50ms!',
    'Curly quotes: we don\u2019t shard, \u201cHot\u201d keys; Ｒｅｄｉｓ ﬁle; zero\u200bwidth\ufeff',
    'Cannot cannot-ish, cannotx, isn\'t, can\'t\'ve',
    '',
  ])('%j reads the same as the full pipeline', (s) => expect(normalize(s)).toBe(reference(s)));
});

describe('echo references', () => {
  // The definition the index implements: one reference holds at least 80% of the stems, and at most one
  // stem is the unit's own.
  const naive = (stems: string[], refs: Set<string>[]): boolean =>
    refs.some((ref) => {
      const shared = stems.filter((s) => ref.has(s)).length;
      return shared / stems.length >= ECHO_CONTAINMENT && stems.length - shared <= 1;
    });
  const refs = [new Set(['cache', 'hot', 'read', 'data']), new Set(['shard', 'tabl', 'key']), new Set<string>()];
  const index = new EchoReferences(refs);
  it.each([
    [['cache', 'hot', 'read']],
    [['cache', 'hot', 'read', 'disk']],
    [['cache', 'hot', 'disk', 'flush']],
    [['shard', 'tabl', 'key', 'data']],
    [['cache', 'shard', 'key', 'tabl', 'hot']],
    [['queue', 'click', 'event']],
  ])('%j', (stems) => expect(index.echoes(stems)).toBe(naive(stems, refs)));
  it('finds no echo without references', () => expect(new EchoReferences([]).echoes(['a', 'b', 'c'])).toBe(false));
});

describe('pruned alternatives', () => {
  const items = [
    item('cache', [['cache', 'read|hot'], ['redis', 'ttl|expire']]),
    item('lb', [['load balancer', 'server']]),
    item('b62', [['base62|base 62', 'counter|sequence|auto increment']]),
    item('ep', [['#endpoint', 'url']]),
  ];
  const answers = [
    'Hot links are read from a Redis cache. Entries expire after a day.\n\n## Codes\n- a global counter in base 62',
    'A load balancer spreads requests over the servers. The client calls POST /urls with the long URL.',
    'Nothing relevant here at all.',
  ];
  it.each(answers)('match every unit as the full alternatives do: %j', (answer) => {
    const analysis = g.analyze(answer);
    for (const it of items) {
      const alts = compileItem(g.vocab, it).alts;
      const pruned = possibleAlternatives(alts, analysis.tokens, analysis.specials);
      for (const u of analysis.units) {
        expect(matchAlternatives(u, pruned)).toBe(matchAlternatives(u, alts));
        expect(matchAlternatives(u, pruned, true)).toBe(matchAlternatives(u, alts, true));
      }
    }
  });
  it('misses a quantity item whose words are absent the same way as before, with the expected value', () => {
    const quantity = { name: 'writes/s', value: 1160, unit: 'requests/s' as const, tolerance: { full: 2, partial: 10 }, from: [] };
    const writes = item('w', [['write|new']], { quantity });
    const r = g.gradeItems([writes], g.analyze('About 1.2k reads per second.'));
    expect(r.items[0]).toEqual({ id: 'w', label: 'label of w', weight: 1, credit: 0, evidence: null, why: 'why w Expected ≈1,160 per second.', expected: '≈1,160 per second' });
    expect(credit(g, writes, 'About 1.2k writes per second.')).toBe(1);
  });
});

describe('the rubric plan cached per item list', () => {
  it('is rebuilt when the list changes', () => {
    const list = [item('cache', [['cache']])];
    const answer = g.analyze('We cache hot links. A load balancer spreads requests over the servers.');
    expect(g.gradeItems(list, answer).items.map((i) => i.id)).toEqual(['cache']);
    list.push(item('lb', [['load balancer', 'server']], { weight: 3 }));
    const again = g.gradeItems(list, answer);
    expect(again.items.map((i) => [i.id, i.credit])).toEqual([
      ['cache', 1],
      ['lb', 1],
    ]);
    expect(again).toEqual(testGrader().gradeItems(list, answer));
  });
});

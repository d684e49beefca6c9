// Grading quality the project keeps: for the questions with answer fixtures, strong > mediocre > weak in
// every phase; keyword salads, negated claims and answers to other questions score low; same input, same output.
import { describe, expect, it } from 'vitest';
import { PHASES, type Phase } from '../../src/core/content/schema.js';
import { Grader } from '../../src/core/grade/grader.js';
import { builtInBank, fixture, fixtureIds } from '../helpers/bank.js';

const bank = builtInBank();
const grader = new Grader(bank);
const ids = fixtureIds().filter((id) => bank.questions.has(id));

const score = (id: string, phase: Phase, text: string): number => grader.gradePhase(bank.questions.get(id)!, phase, text).score;

/** The rubric's own words, as a cheater would paste them: the first phrase of every group. */
const keywords = (id: string, phase: Phase): string[] =>
  bank.questions
    .get(id)!
    .items[phase].flatMap((i) => i.match.flatMap((alt) => alt.all.map((g) => g.split('|')[0]!.trim())))
    .filter((k) => !k.startsWith('#'));

describe('answer fixtures exist for the foundation questions', () => {
  it.each(['url-shortener', 'rate-limiter', 'news-feed', 'chat-system', 'ticketmaster', 'web-crawler'])('%s', (id) => {
    expect(ids).toContain(id);
  });
});

describe.each(ids)('%s', (id) => {
  it.each([...PHASES])('%s: strong > mediocre > weak, with clear gaps', (phase) => {
    const s = score(id, phase, fixture(id, `${phase}-strong.md`)!);
    const m = score(id, phase, fixture(id, `${phase}-mediocre.md`)!);
    const w = score(id, phase, fixture(id, `${phase}-weak.md`)!);
    expect(s, `strong ${s}`).toBeGreaterThanOrEqual(70);
    expect(w, `weak ${w}`).toBeLessThanOrEqual(30);
    expect(s - m, `strong ${s} vs mediocre ${m}`).toBeGreaterThanOrEqual(10);
    expect(m - w, `mediocre ${m} vs weak ${w}`).toBeGreaterThanOrEqual(10);
  });

  it.each([...PHASES])('%s: a keyword salad of the rubric scores well below the strong answer', (phase) => {
    const strong = score(id, phase, fixture(id, `${phase}-strong.md`)!);
    const words = keywords(id, phase);
    const line = score(id, phase, words.join(' '));
    const bullets = score(id, phase, words.map((k) => `- ${k}`).join('\n'));
    const commas = score(id, phase, `We use ${words.join(', ')}.`);
    for (const salad of [line, bullets, commas]) {
      expect(salad).toBeLessThanOrEqual(Math.min(35, strong / 2));
    }
  });

  it.each([...PHASES])('%s: negated claims earn nothing', (phase) => {
    const negated = keywords(id, phase)
      .map((k) => `We will not use ${k}.`)
      .join(' ');
    expect(score(id, phase, negated)).toBeLessThanOrEqual(10);
  });

  it.each([...PHASES])('%s: the strong answer scores low against every other question', (phase) => {
    const text = fixture(id, `${phase}-strong.md`)!;
    for (const other of bank.questions.keys()) {
      if (other === id) continue;
      expect(score(other, phase, text), `${id} ${phase} graded as ${other}`).toBeLessThanOrEqual(45);
    }
  });

  it('a whole strong document is split and graded per phase', () => {
    const doc = fixture(id, 'full-strong.md')!;
    const g = grader.gradeDocument(bank.questions.get(id)!, doc);
    expect(g.notes).toEqual([]);
    for (const p of PHASES) expect(g.phases[p]!.score, p).toBeGreaterThanOrEqual(60);
    expect(g.score).toBeGreaterThanOrEqual(70);
  });

  it('the same input always yields the same output', () => {
    const doc = fixture(id, 'full-strong.md')!;
    const entry = bank.questions.get(id)!;
    expect(new Grader(bank).gradeDocument(entry, doc)).toEqual(grader.gradeDocument(entry, doc));
  });
});

import { describe, expect, it } from 'vitest';
import { answerClarifyingQuestion, FALLBACK_ANSWER } from '../../src/core/interview/clarify.js';
import { Grader } from '../../src/core/grade/grader.js';
import { builtInBank } from '../helpers/bank.js';

const bank = builtInBank();
const grader = new Grader(bank);
const q = bank.questions.get('url-shortener')!.question;
const ask = (text: string) => answerClarifyingQuestion(q, text, grader.vocab);

describe('clarifying questions', () => {
  it.each([
    ['How many new URLs do we shorten per day?', /100/],
    ['What is the read to write ratio?', /\d/],
    ['Do users get to pick a custom alias?', /./],
    ['How long should links be kept before they expire?', /./],
  ])('%s → answered from the facts', (text, expected) => {
    const a = ask(text);
    expect(a.factIds.length).toBeGreaterThan(0);
    expect(a.text).toMatch(expected);
    expect(a.text).not.toBe(FALLBACK_ANSWER);
  });
  it('answers with the fact the question is about', () => {
    expect(ask('What latency do redirects need?').factIds[0]).toMatch(/latency/);
    expect(ask('Any availability target, like an SLA?').factIds[0]).toMatch(/availab/);
  });
  it("says it is the candidate's call when nothing matches", () => {
    expect(ask('Which programming language should I use?')).toEqual({ text: FALLBACK_ANSWER, factIds: [] });
    expect(ask('   ')).toEqual({ text: FALLBACK_ANSWER, factIds: [] });
  });
});

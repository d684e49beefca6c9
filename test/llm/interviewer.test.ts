// The LLM interviewer: grounded in the question's facts, never inventing figures, never needed when a
// fact matches, and falling back to the standard answer on any failure.
import { describe, expect, it } from 'vitest';
import { answerClarifyingWithLlm, tailoredFollowUpWithLlm } from '../../src/core/llm/api.js';
import { LlmError } from '../../src/core/llm/errors.js';
import { ScriptedTransport } from '../../src/core/llm/fake-transport.js';
import { answerWithLlm, inventedFigures } from '../../src/core/llm/interviewer.js';
import { FALLBACK_ANSWER } from '../../src/core/interview/clarify.js';
import { Grader } from '../../src/core/grade/grader.js';
import { builtInBank } from '../helpers/bank.js';
import { entry, runtime } from './helpers/setup.js';

const q = entry().question;
const vocab = new Grader(builtInBank()).vocab;
const factId = q.facts[0]!.id;

describe('answerWithLlm', () => {
  it('sends the facts and the tagged question at temperature 0, and keeps only known fact ids', async () => {
    const t = new ScriptedTransport([{ content: JSON.stringify({ answer: 'Assume it is your call; state an assumption.', fact_ids: [factId, 'nope'] }) }]);
    const r = await answerWithLlm(q, 'Should links be editable after creation?', q.facts, { runtime: runtime('http://127.0.0.1:9/v1', {}, { transport: t }) });
    expect(r).toMatchObject({ ok: true, factIds: [factId] });
    const req = t.requests[0]!;
    expect(req.temperature).toBe(0);
    const user = req.messages[1]!.content;
    for (const f of q.facts) expect(user).toContain(f.id);
    expect(user).toMatch(/<question-[0-9a-f]{16}>\nShould links be editable after creation\?\n<\/question-/);
  });

  it('discards an answer with a figure the facts do not state', async () => {
    const t = new ScriptedTransport([{ content: JSON.stringify({ answer: 'Plan for 987 million users.', fact_ids: [] }) }]);
    const r = await answerWithLlm(q, 'How many users?', q.facts, { runtime: runtime('http://127.0.0.1:9/v1', {}, { transport: t }) });
    expect(r).toMatchObject({ ok: false, kind: 'invalid-output' });
    expect(r.ok ? '' : r.error).toMatch(/figures that are not in the question's facts \(987000000\)/);
  });

  it('finds invented figures but accepts restated ones', () => {
    expect(inventedFigures('About 100 million links a day, kept 5 years.', ['100 million new links per day; keep them for 5 years'])).toEqual([]);
    expect(inventedFigures('About 100 billion links a day.', ['100 million new links per day'])).toEqual([1e11]);
  });
});

describe('answerClarifyingWithLlm', () => {
  const settings = { grader: 'rubric' as const, llm: { model: 'm', baseURL: 'http://127.0.0.1:9/v1' } };
  it('answers from the facts without a request when one matches', async () => {
    const t = new ScriptedTransport([]);
    const fact = q.facts[0]!;
    const asked = `How ${fact.ask.map((g) => g.split('|')[0]).join(' ')}?`;
    const r = await answerClarifyingWithLlm(q, asked, vocab, { transport: t, settings: settings });
    expect(r.source).toBe('facts');
    expect(t.requests).toHaveLength(0);
  });

  it('asks the LLM for an unmatched question, and falls back on failure', async () => {
    const asked = 'What colour should the logo be?';
    const good = new ScriptedTransport([{ content: '{"answer": "That is your call; say what you assume.", "fact_ids": []}' }]);
    const r = await answerClarifyingWithLlm(q, asked, vocab, { transport: good, settings: settings });
    expect(r).toMatchObject({ source: 'llm', text: 'That is your call; say what you assume.' });
    const bad = new ScriptedTransport([new LlmError('connection', 'nothing listening at http://127.0.0.1:9/v1; is Ollama running?')]);
    const f = await answerClarifyingWithLlm(q, asked, vocab, { transport: bad, settings: settings });
    expect(f).toMatchObject({ source: 'fallback', text: FALLBACK_ANSWER });
    expect(f.note).toMatch(/nothing listening/);
  });

  it('stays offline when no LLM is configured', async () => {
    const r = await answerClarifyingWithLlm(q, 'What colour should the logo be?', vocab, { settings: { grader: 'rubric', llm: {} } });
    expect(r).toMatchObject({ source: 'fallback', note: null });
  });
});

describe('tailoredFollowUpWithLlm', () => {
  it('returns one question about the design', async () => {
    const t = new ScriptedTransport([{ content: '{"question": "What happens to redirects when your Redis cache node fails?"}' }]);
    const r = await tailoredFollowUpWithLlm(q, 'We put Redis in front of the DB.', { transport: t, settings: { llm: { model: 'm', baseURL: 'http://127.0.0.1:9/v1' } } });
    expect(r.text).toBe('What happens to redirects when your Redis cache node fails?');
  });
});

// The interview screen with an LLM configured: a scripted transport stands in for the server (nothing
// reaches the network). Clarifying questions no fact matches go to the LLM (Esc falls back at once), every
// graded part gets a second opinion in the background, and the results show it beside the rubric score.
import { render, cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../src/core/interview/clock.js';
import { FALLBACK_ANSWER } from '../../src/core/interview/clarify.js';
import type { LlmCallOptions } from '../../src/core/llm/api.js';
import { LlmError } from '../../src/core/llm/errors.js';
import { ScriptedTransport, type ScriptStep } from '../../src/core/llm/fake-transport.js';
import { LlmGradeOutcomeSchema } from '../../src/core/llm/record-schema.js';
import { createLlmRuntime } from '../../src/core/llm/runtime.js';
import { LlmSettingsSchema } from '../../src/core/llm/settings-schema.js';
import type { ChatRequest } from '../../src/core/llm/transport.js';
import { InterviewScreen, THINKING } from '../../src/ui/screens/interview.js';
import { KEY, plain, until, waitFor } from './ink-harness.js';
import { question, sessionFixture, testGrader, type Fixture } from './session-fixture.js';

let fx: Fixture;
beforeEach(() => {
  fx = sessionFixture();
});
afterEach(() => {
  cleanup();
  fx.dispose();
});

const SETTINGS = { grader: 'both' as const, llm: { model: 'test-model', baseURL: 'http://127.0.0.1:9/v1', retries: 0, timeoutSeconds: 60 } };

/** LLM options over a scripted transport; the runtime keeps nothing on disk. */
const llmOver = (steps: ScriptStep[]): { llm: LlmCallOptions; transport: ScriptedTransport } => {
  const transport = new ScriptedTransport(steps);
  const runtime = createLlmRuntime({ settings: LlmSettingsSchema.parse(SETTINGS.llm), env: {}, memoryOnly: true, transport });
  if (runtime instanceof Error) throw runtime;
  return { llm: { settings: SETTINGS, runtime }, transport };
};

const schemaOf = (req: ChatRequest): { properties?: Record<string, { properties?: Record<string, unknown> }> } =>
  (req.responseFormat?.type === 'json_schema' ? req.responseFormat.json_schema.schema : {}) as never;

/** Answers any grading request: every rubric item "missed", with a summary. */
const gradeReply = (req: ChatRequest) => {
  const ids = Object.keys(schemaOf(req).properties?.items?.properties ?? {});
  const items = Object.fromEntries(ids.map((id) => [id, { evidence: [], rationale: 'Not covered in the answer.', verdict: 'missed' }]));
  return { content: JSON.stringify({ items, injection_suspected: false, summary: 'A thin answer, says the LLM.' }) };
};
const ANSWER = 'Any colour will do here; pick one and say so.';
const anyReply = (req: ChatRequest) =>
  schemaOf(req).properties?.answer ? { content: JSON.stringify({ answer: ANSWER, fact_ids: [] }) } : gradeReply(req);

const start = async (llm: LlmCallOptions | null) => {
  const entry = question('url-shortener');
  const live = await fx.start(entry, 1);
  const clock = new FakeClock();
  const onExit = vi.fn();
  const r = render(<InterviewScreen entry={entry} live={live} grader={testGrader()} clock={clock} strict={false} columns={100} rows={24} onExit={onExit} llm={llm} />);
  await waitFor(r.lastFrame, 'Press Enter to start the clock');
  r.stdin.write(KEY.enter);
  await waitFor(r.lastFrame, /Requirements \(1\/4\)[\s\S]*0 words · saved/);
  const ask = async (q: string): Promise<void> => {
    r.stdin.write(KEY.tab);
    await waitFor(r.lastFrame, 'Ask › ');
    r.stdin.write(q);
    await waitFor(r.lastFrame, q);
    r.stdin.write(KEY.enter);
  };
  /** Answers every phase and the follow-up, one Ctrl-D each. */
  const finish = async (): Promise<void> => {
    const steps: [string, RegExp][] = [
      ['Shorten a URL and redirect; low latency, high availability.', /Estimation \(2\/4\)/],
      ['100M writes a day is about 1,160 per second.', /Design \(3\/4\)/],
      ['An LB, stateless app servers, a Redis cache and a key-value store.', /Deep dive \(4\/4\)/],
      ['Counter ranges from ZooKeeper, base62-encoded.', /Overall:|Waiting for the LLM/],
    ];
    for (const [text, next] of steps) {
      r.stdin.write(text);
      await waitFor(r.lastFrame, text.slice(0, 30));
      r.stdin.write(KEY.ctrlD);
      await waitFor(r.lastFrame, next);
    }
  };
  /** Pages down through the results until the pattern shows. */
  const scrollTo = async (pattern: RegExp): Promise<string> => {
    for (let i = 0; i < 60; i++) {
      const f = plain(r.lastFrame());
      if (pattern.test(f)) return f;
      r.stdin.write(KEY.pageDown);
      await new Promise((res) => setTimeout(res, 15));
    }
    throw new Error(`never scrolled to ${pattern}; last frame:\n${plain(r.lastFrame())}`);
  };
  return { ...r, entry, live, clock, onExit, ask, finish, scrollTo };
};

describe('interview screen with an LLM: clarifying questions', () => {
  it('answers a question no fact matches with the LLM, showing a spinner line meanwhile', async () => {
    const { llm, transport } = llmOver([{ content: JSON.stringify({ answer: ANSWER, fact_ids: [] }), delayMs: 150 }]);
    const t = await start(llm);
    await t.ask('What colour should the logo be?');
    await waitFor(t.lastFrame, THINKING);
    expect(plain(t.lastFrame())).toContain('You: What colour should the logo be?');
    await waitFor(t.lastFrame, `Interviewer: ${ANSWER}`);
    expect(plain(t.lastFrame())).not.toContain(THINKING);
    expect(transport.requests).toHaveLength(1);
    await until(() => t.live.session.phases.requirements.transcript.some((e) => e.text === ANSWER), 'the LLM answer to be saved');
  });

  it('answers a question that matches a fact offline, without asking the LLM', async () => {
    const { llm, transport } = llmOver([]);
    const t = await start(llm);
    await t.ask('How many new URLs per day?');
    await waitFor(t.lastFrame, /Interviewer: .*100 million/);
    expect(transport.requests).toHaveLength(0);
  });

  it('Esc stops waiting for a slow LLM and gives the offline answer at once', async () => {
    const { llm, transport } = llmOver([{ content: '{"answer": "too late", "fact_ids": []}', delayMs: 600_000 }]);
    const t = await start(llm);
    await t.ask('What colour should the logo be?');
    await waitFor(t.lastFrame, THINKING);
    // Typing in the answer goes on while the interviewer thinks.
    t.stdin.write(KEY.tab);
    t.stdin.write('still typing');
    await waitFor(t.lastFrame, 'still typing');
    t.stdin.write(KEY.escape);
    await waitFor(t.lastFrame, `Interviewer: ${FALLBACK_ANSWER.slice(0, 40)}`, 2000);
    expect(plain(t.lastFrame())).not.toContain(THINKING);
    expect(transport.requests).toHaveLength(1);
  });

  it('falls back to the offline answer with a note when the LLM fails', async () => {
    const { llm } = llmOver([new LlmError('connection', 'nothing listening at http://127.0.0.1:9/v1')]);
    const t = await start(llm);
    await t.ask('What colour should the logo be?');
    await waitFor(t.lastFrame, `Interviewer: ${FALLBACK_ANSWER.slice(0, 40)}`);
    await waitFor(t.lastFrame, 'nothing listening');
  });

  it('without an LLM answers offline and at once', async () => {
    const t = await start(null);
    await t.ask('What colour should the logo be?');
    await waitFor(t.lastFrame, `Interviewer: ${FALLBACK_ANSWER.slice(0, 40)}`);
    expect(plain(t.lastFrame())).not.toContain(THINKING);
  });
});

describe('interview screen with an LLM: second opinions', () => {
  it('grades each part in the background and shows the LLM score beside the rubric score', async () => {
    const { llm, transport } = llmOver(Array.from({ length: 12 }, () => anyReply));
    const t = await start(llm);
    await t.finish();
    const f = await waitFor(t.lastFrame, /Overall: \d+\/100/);
    expect(f).toMatch(/Requirements\s+[█░]+\s+\d+\s+LLM\s+\d+/);
    // Four phases and one follow-up, each graded once; the outcomes are stored in the session.
    await until(() => t.live.session.followUps[0]?.llm !== undefined, 'the follow-up outcome to be saved');
    expect(transport.requests).toHaveLength(5);
    for (const p of ['requirements', 'estimation', 'design', 'deep-dive'] as const) {
      const o = LlmGradeOutcomeSchema.parse(t.live.session.phases[p].llm);
      expect(o.ok).toBe(true);
      // The rubric score stands: the LLM never replaces it.
      expect(t.live.session.phases[p].grade?.score).toBeTypeOf('number');
    }
    expect(LlmGradeOutcomeSchema.parse(t.live.session.followUps[0]!.llm).ok).toBe(true);
    await t.scrollTo(/Second opinion \(LLM test-model\): \d+\/100 beside the rubric's \d+\/100/);
  });

  it('shows one line for an LLM failure and the rubric results still show', async () => {
    const { llm } = llmOver(Array.from({ length: 12 }, () => new LlmError('connection', 'nothing listening at http://127.0.0.1:9/v1')));
    const t = await start(llm);
    await t.finish();
    const f = await waitFor(t.lastFrame, /Overall: \d+\/100/);
    expect(f).toMatch(/Requirements\s+[█░]+\s+\d+\s+LLM\s+—/);
    const g = await t.scrollTo(/LLM grade unavailable: nothing listening/);
    expect(g.match(/LLM grade unavailable/g)?.length).toBe(1);
    const o = LlmGradeOutcomeSchema.parse(t.live.session.phases.requirements.llm);
    expect(o).toMatchObject({ ok: false, kind: 'connection' });
  });

  it('waits for gradings still running when the results open; Esc skips and shows the rubric results', async () => {
    const { llm } = llmOver(Array.from({ length: 12 }, () => ({ content: '{}', delayMs: 600_000 })));
    const t = await start(llm);
    await t.finish();
    await waitFor(t.lastFrame, /Waiting for the LLM's second opinion on \d+ parts… \(Esc to skip\)/);
    t.stdin.write(KEY.escape);
    const f = await waitFor(t.lastFrame, /Overall: \d+\/100/, 2000);
    expect(f).not.toMatch(/LLM\s+\d+/);
    // Skipped gradings are not stored.
    expect(t.live.session.phases.design.llm).toBeUndefined();
    expect(t.live.session.status).toBe('completed');
  });
});

// The results Markdown with stored LLM outcomes: the LLM score beside the rubric score, one line for a
// failure, and a stored value that does not parse ignored (the rubric result stands alone).
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../src/core/content/schema.js';
import { emptyUsage } from '../../src/core/llm/usage.js';
import type { LlmGradeOutcome } from '../../src/core/llm/record-schema.js';
import { resultsMarkdown } from '../../src/core/render/results-markdown.js';
import { SessionSchema, type Session } from '../../src/core/storage/session-schema.js';
import { partsWithoutLlm, withLlmOutcome } from '../../src/ui/llm/llm-parts.js';
import { finishedSession, question } from './session-fixture.js';

const entry = question('url-shortener');

const finished = (): Session =>
  finishedSession('url-shortener', ['Shorten and redirect, low latency.', '1,160 writes per second.', 'LB, app servers, Redis, KV store.', 'ZooKeeper counter ranges, base62.'], {
    stepMs: 60_000,
  });

const ok = (score: number, rubricScore: number): LlmGradeOutcome => ({
  ok: true,
  score,
  uncappedScore: score,
  rubricScore,
  items: [],
  flags: [],
  summary: 'Solid on the request path.',
  injectionSuspected: false,
  untrusted: false,
  lowTrust: false,
  samples: null,
  model: 'test-model',
  baseURL: 'http://127.0.0.1:9/v1',
  promptVersion: 1,
  mode: 'json_schema',
  repaired: false,
  usage: emptyUsage(),
  cached: false,
  gradedAt: '2026-01-01T00:00:00.000Z',
});

describe('results Markdown with LLM outcomes', () => {
  it('lists every graded part without an outcome, and stores outcomes where they belong', () => {
    let s = finished();
    const parts = partsWithoutLlm(s);
    expect(parts.map((p) => p.key)).toEqual([`follow-up:${s.followUps[0]!.id}`, ...PHASES.map((p) => `phase:${p}`)]);
    for (const p of parts) s = withLlmOutcome(s, p, ok(77, p.grade.score));
    expect(partsWithoutLlm(s)).toEqual([]);
    // The session document (with the new optional follow-up field) still validates.
    expect(SessionSchema.parse(JSON.parse(JSON.stringify(s))).followUps[0]!.llm).toMatchObject({ ok: true, score: 77 });
    const md = resultsMarkdown(s, entry);
    expect(md).toMatch(/Design\s+[█░]+\s+\d+\s+LLM\s+77/);
    expect(md).toMatch(/### Second opinion \(LLM test-model\): 77\/100 beside the rubric's \d+\/100/);
    expect(md).toMatch(/#### Second opinion \(LLM test-model\)/);
  });

  it('shows a failure as one line; an unparseable stored value is ignored', () => {
    const s = finished();
    const [design] = partsWithoutLlm(s).filter((p) => p.key === 'phase:design');
    let withFail = withLlmOutcome(s, design!, { ok: false, error: 'no answer within 90 s', kind: 'timeout' });
    withFail = { ...withFail, phases: { ...withFail.phases, estimation: { ...withFail.phases.estimation, llm: { score: 'nonsense' } } } };
    const md = resultsMarkdown(withFail, entry);
    expect(md.match(/LLM grade unavailable: no answer within 90 s/g)).toHaveLength(1);
    expect(md).not.toContain('Second opinion');
    expect(md).toMatch(/Estimation\s+[█░]+\s+\d+ {2}\d/);
    expect(md).toMatch(/Overall: \d+\/100/);
    // Without any outcome the Markdown is as before.
    expect(resultsMarkdown(s, entry)).not.toContain('LLM');
  });
});

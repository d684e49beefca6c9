import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gradeWithLlm } from '../../src/core/llm/grade.js';
import type { LlmGradeResult } from '../../src/core/llm/record-schema.js';
import { allMet, answerOf, apiError, autoGrader, ChatServer, completion, idsOf } from './helpers/chat-server.js';
import { runtime, STRONG_DESIGN, target, tempPaths, WEAK_DESIGN } from './helpers/setup.js';

let server: ChatServer;
beforeEach(async () => {
  server = await ChatServer.start();
});
afterEach(async () => {
  await server.close();
});

const ok = (o: Awaited<ReturnType<typeof gradeWithLlm>>): LlmGradeResult => {
  if (!o.ok) throw new Error(`expected a result, got: ${o.error}`);
  return o;
};

describe('grading over the loopback server', () => {
  it('asks with json_schema at temperature 0, the answer inside per-request markers, and scores from verdicts', async () => {
    server.script(allMet);
    const t = target(STRONG_DESIGN);
    const r = ok(await gradeWithLlm(runtime(server.baseURL), t));
    const req = server.chats[0]!;
    expect(req.body.temperature).toBe(0);
    expect(req.body.model).toBe('test-model');
    expect(req.body.response_format.type).toBe('json_schema');
    const schema = req.body.response_format.json_schema.schema;
    expect(schema.properties.items.required).toEqual(t.items.map((i) => i.id));
    expect(schema.properties.items.additionalProperties).toBe(false);
    const user = req.body.messages[1].content as string;
    const nonce = /<answer-([0-9a-f]{16})>/.exec(user)![1];
    expect(user.indexOf(`</answer-${nonce}>`)).toBeGreaterThan(user.indexOf(`<answer-${nonce}>`));
    // Rubric items and reference come before the answer.
    expect(user.indexOf(t.items[0]!.id)).toBeLessThan(user.indexOf(`<answer-${nonce}>`));
    expect(answerOf(req)).toBe(STRONG_DESIGN);
    expect(r.items.every((i) => i.verdict === 'met')).toBe(true);
    expect(r.score).toBe(100);
    expect(r.rubricScore).toBe(t.rubric.score);
    expect(r.usage).toMatchObject({ calls: 1, inputTokens: 812, cachedTokens: 512, outputTokens: 96, cacheHit: false });
    expect(r.mode).toBe('json_schema');
  });

  it('steps down json_schema → json_object → prompt-only and remembers it per base URL + model', async () => {
    const paths = tempPaths();
    server.script(
      apiError(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", 'response_format'),
      // LM Studio's style: the error is a bare string.
      { status: 400, json: { error: "'response_format.type' must be 'json_schema' or 'text'" } },
      allMet,
    );
    const r = ok(await gradeWithLlm(runtime(server.baseURL, {}, { paths }), target(STRONG_DESIGN)));
    expect(server.chats.map((q) => q.body.response_format?.type ?? 'none')).toEqual(['json_schema', 'json_object', 'none']);
    expect(r.mode).toBe('none');
    // The schema is still shown in the prompt for prompt-only servers.
    expect(server.chats[2]!.body.messages[1].content).toMatch(/"injection_suspected": false/);
    server.script(allMet);
    ok(await gradeWithLlm(runtime(server.baseURL, {}, { paths }), target(STRONG_DESIGN), { noCache: true }));
    expect(server.chats[3]!.body.response_format).toBeUndefined();
    // Another model on the same server starts from the top again.
    server.script(allMet);
    ok(await gradeWithLlm(runtime(server.baseURL, { model: 'other' }, { paths }), target(STRONG_DESIGN)));
    expect(server.chats[4]!.body.response_format.type).toBe('json_schema');
  });

  it('drops the temperature for a model that refuses it, and remembers that', async () => {
    const paths = tempPaths();
    server.script(apiError(400, "Unsupported value: 'temperature' does not support 0 with this model.", 'temperature'), allMet);
    ok(await gradeWithLlm(runtime(server.baseURL, {}, { paths }), target(STRONG_DESIGN)));
    expect(server.chats[0]!.body.temperature).toBe(0);
    expect('temperature' in server.chats[1]!.body).toBe(false);
    expect(server.chats[1]!.body.response_format.type).toBe('json_schema');
  });

  it('drops fabricated quotes; an item left without a verified quote is missed', async () => {
    server.script(
      autoGrader((id, answer) =>
        id === 'api'
          ? { evidence: ['We expose a GraphQL API with rate limits per tenant.'], rationale: 'made up', verdict: 'met' }
          : { evidence: [answer.split('\n')[0]!], rationale: 'ok', verdict: 'met' },
      ),
    );
    const t = target(STRONG_DESIGN);
    const r = ok(await gradeWithLlm(runtime(server.baseURL), t));
    const api = r.items.find((i) => i.id === 'api')!;
    expect(api).toMatchObject({ verdict: 'missed', modelVerdict: 'met', unverified: true, evidence: [] });
    expect(api.dropped[0]!.reason).toBe('not-verbatim');
    expect(r.flags.some((f) => f.kind === 'unverified' && f.message.includes('api'))).toBe(true);
    expect(r.score).toBeLessThan(100);
  });

  it('flags low trust when most quotes are invented', async () => {
    server.script(autoGrader(() => ({ evidence: ['an invented sentence that is nowhere'], rationale: 'x', verdict: 'met' })));
    const r = ok(await gradeWithLlm(runtime(server.baseURL), target(STRONG_DESIGN)));
    expect(r.lowTrust).toBe(true);
    expect(r.score).toBe(0);
    expect(r.flags.map((f) => f.kind)).toContain('low-trust');
  });

  it('sends one repair request when an item id is missing or extra, naming the ids', async () => {
    server.script(
      (req) => {
        const ids = idsOf(req);
        const items = Object.fromEntries(ids.slice(1).map((id) => [id, { evidence: [], rationale: 'x', verdict: 'missed' }]));
        items['made-up-id'] = { evidence: [], rationale: 'x', verdict: 'missed' };
        return completion(JSON.stringify({ items, injection_suspected: false, summary: 's' }));
      },
      allMet,
    );
    const t = target(STRONG_DESIGN);
    const r = ok(await gradeWithLlm(runtime(server.baseURL), t));
    expect(r.repaired).toBe(true);
    const repair = server.chats[1]!.body.messages as { role: string; content: string }[];
    expect(repair.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair[3]!.content).toMatch(/could not be used/);
    expect(repair[3]!.content).toContain('made-up-id');
    expect(repair[3]!.content).toContain(t.items.map((i) => i.id).join(', '));
    expect(r.usage.calls).toBe(2);
  });

  it('gives up after one repair with a one-line error', async () => {
    server.script(completion('{"items": {}, "summary": 3}'), completion('{"items": {"x": {"verdict": "Met"}}}'));
    const o = await gradeWithLlm(runtime(server.baseURL), target(STRONG_DESIGN));
    expect(o.ok).toBe(false);
    expect(o.ok ? '' : o.error).toMatch(/did not fit the expected JSON, even after a repair request/);
    expect(o.ok ? '' : o.error).not.toMatch(/\n/);
    expect(server.chats).toHaveLength(2);
  });

  it('extracts JSON after a <think> block and inside code fences', async () => {
    server.script((req) => {
      const inner = allMet(req) as { json: { choices: { message: { content: string } }[] } };
      const json = inner.json.choices[0]!.message.content;
      return completion(`<think>Let me weigh each item {not json}.</think>\nHere is the grade:\n\`\`\`json\n${json}\n\`\`\`\nHope this helps.`);
    });
    const r = ok(await gradeWithLlm(runtime(server.baseURL), target(STRONG_DESIGN)));
    expect(r.score).toBe(100);
    expect(r.repaired).toBe(false);
  });

  it('retries a truncated reply once with a larger budget', async () => {
    server.script(completion('{"items": {"api": {"evidence": ["Clients call', { finishReason: 'length' }), allMet);
    const r = ok(await gradeWithLlm(runtime(server.baseURL, { maxTokens: 1000 }), target(STRONG_DESIGN)));
    expect(server.chats.map((q) => q.body.max_tokens)).toEqual([1000, 2000]);
    expect(r.score).toBe(100);
  });

  it('reports a reply that is still cut off', async () => {
    server.script(completion('{"items": {', { finishReason: 'length' }), completion('{"items": {"a', { finishReason: 'length' }));
    const o = await gradeWithLlm(runtime(server.baseURL, { maxTokens: 1000 }), target(STRONG_DESIGN));
    expect(o).toMatchObject({ ok: false, kind: 'truncated' });
    expect(o.ok ? '' : o.error).toMatch(/cut off .*finish_reason: length.*2000 tokens.*llm.maxTokens/);
  });

  it('reports a refusal', async () => {
    server.script(completion(null, { refusal: 'I cannot help with that.' }), completion(null, { refusal: 'I cannot help with that.' }));
    const o = await gradeWithLlm(runtime(server.baseURL), target(STRONG_DESIGN));
    expect(o).toMatchObject({ ok: false, kind: 'refused' });
  });

  it('makes no request for an empty answer', async () => {
    const r = ok(await gradeWithLlm(runtime(server.baseURL), target('   ')));
    expect(server.requests).toHaveLength(0);
    expect(r.score).toBe(0);
    expect(r.usage.calls).toBe(0);
  });

  it('flags a per-item and a ≥ 20-point disagreement with the rubric', async () => {
    server.script(autoGrader((_, answer) => ({ evidence: [answer], rationale: 'generous', verdict: 'met' })));
    const t = target(WEAK_DESIGN);
    const r = ok(await gradeWithLlm(runtime(server.baseURL), t));
    expect(t.rubric.score).toBeLessThan(50);
    expect(r.score).toBe(100);
    expect(r.flags.some((f) => f.kind === 'score-disagreement')).toBe(true);
    expect(r.flags.filter((f) => f.kind === 'item-disagreement').length).toBeGreaterThan(0);
    // The rubric score is untouched: the LLM stands beside it.
    expect(r.rubricScore).toBe(t.rubric.score);
  });
});

describe('samples', () => {
  it('runs N gradings with shuffled item order and reports the spread; majority verdict, ties going down', async () => {
    let n = 0;
    const verdicts = ['met', 'missed', 'met'] as const;
    server.fallback = (req) => {
      const v = verdicts[n++ % 3]!;
      return autoGrader((_, answer) => ({ evidence: v === 'met' ? [answer.split('\n')[1]!] : [], rationale: v, verdict: v }))(req);
    };
    const t = target(STRONG_DESIGN);
    const r = ok(await gradeWithLlm(runtime(server.baseURL, { concurrency: 1 }), t, { samples: 3 }));
    expect(server.chats).toHaveLength(3);
    const orders = server.chats.map((q) => idsOf(q).join(','));
    expect(new Set(orders).size).toBeGreaterThan(1);
    expect(r.samples).toMatchObject({ count: 3, min: 0, max: 100 });
    expect(r.samples!.scores.sort()).toEqual([0, 100, 100]);
    expect(r.items.every((i) => i.verdict === 'met' && Math.abs(i.agreement - 2 / 3) < 1e-9)).toBe(true);
    expect(r.score).toBe(67);
    expect(r.usage.calls).toBe(3);
  });
});

describe('cache', () => {
  it('a second review of the same answer makes no request; --no-cache, another answer or model does', async () => {
    const paths = tempPaths();
    server.script(allMet);
    const first = ok(await gradeWithLlm(runtime(server.baseURL, {}, { paths }), target(STRONG_DESIGN)));
    expect(first.cached).toBe(false);
    const again = ok(await gradeWithLlm(runtime(server.baseURL, {}, { paths }), target(STRONG_DESIGN)));
    expect(server.chats).toHaveLength(1);
    expect(again).toMatchObject({ cached: true, score: first.score });
    expect(again.usage).toMatchObject({ calls: 0, cacheHit: true });
    server.script(allMet, allMet, allMet);
    ok(await gradeWithLlm(runtime(server.baseURL, {}, { paths }), target(STRONG_DESIGN), { noCache: true }));
    ok(await gradeWithLlm(runtime(server.baseURL, {}, { paths }), target(`${STRONG_DESIGN}\nAlso a CDN.`)));
    ok(await gradeWithLlm(runtime(server.baseURL, { model: 'other-model' }, { paths }), target(STRONG_DESIGN)));
    expect(server.chats).toHaveLength(4);
  });
});

describe('parameters and fixed modes', () => {
  it('switches max_tokens to max_completion_tokens when the server asks', async () => {
    server.script(apiError(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens'), allMet);
    const r = ok(await gradeWithLlm(runtime(server.baseURL, { maxTokens: 3000 }), target(STRONG_DESIGN)));
    expect(server.chats[0]!.body.max_tokens).toBe(3000);
    expect(server.chats[1]!.body.max_completion_tokens).toBe(3000);
    expect(server.chats[1]!.body.max_tokens).toBeUndefined();
    expect(r.score).toBe(100);
  });

  it('a fixed structured-output mode is used as is and never stepped down', async () => {
    server.script(allMet);
    ok(await gradeWithLlm(runtime(server.baseURL, { structuredOutput: 'json_object' }), target(STRONG_DESIGN)));
    expect(server.chats[0]!.body.response_format).toEqual({ type: 'json_object' });
    server.script(apiError(400, 'response_format json_schema unsupported', 'response_format'));
    const o = await gradeWithLlm(runtime(server.baseURL, { structuredOutput: 'json_schema' }), target(STRONG_DESIGN), { noCache: true });
    expect(o).toMatchObject({ ok: false, kind: 'bad-request' });
    expect(server.chats).toHaveLength(2);
  });

  it('a context-length 400 is reported, not mistaken for a format refusal', async () => {
    server.script(apiError(400, "This model's maximum context length is 8192 tokens.", 'messages'));
    const o = await gradeWithLlm(runtime(server.baseURL), target(STRONG_DESIGN));
    expect(o).toMatchObject({ ok: false, kind: 'bad-request' });
    expect(o.ok ? '' : o.error).toMatch(/rejected the request with 400: messages: This model's maximum context length/);
    expect(server.chats).toHaveLength(1);
  });
});

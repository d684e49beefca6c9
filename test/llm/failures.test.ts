// Every way the LLM can fail ends in one line and a rubric grade that still stands; nothing hangs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gradeSessionPhaseWithLlm } from '../../src/core/llm/api.js';
import { classifyError } from '../../src/core/llm/openai-transport.js';
import { gradeWithLlm } from '../../src/core/llm/grade.js';
import { SettingsSchema } from '../../src/core/storage/settings.js';
import { Grader } from '../../src/core/grade/grader.js';
import { builtInBank } from '../helpers/bank.js';
import { allMet, apiError, ChatServer, completion } from './helpers/chat-server.js';
import { entry, runtime, STRONG_DESIGN, target, tempPaths } from './helpers/setup.js';

let server: ChatServer;
beforeEach(async () => {
  server = await ChatServer.start();
});
afterEach(async () => {
  await server.close();
});

const failWith = async (baseURL: string, settings: Record<string, unknown> = {}, signal?: AbortSignal) => {
  const o = await gradeWithLlm(runtime(baseURL, settings), target(STRONG_DESIGN), { signal });
  if (o.ok) throw new Error('expected a failure');
  expect(o.error).not.toMatch(/\n/);
  expect(o.error.length).toBeLessThan(300);
  return o;
};

describe('failures', () => {
  it('connection refused: nothing listening', async () => {
    const dead = await ChatServer.start();
    const url = dead.baseURL;
    await dead.close();
    const o = await failWith(url);
    expect(o.kind).toBe('connection');
    expect(o.error).toMatch(/^nothing listening at http:\/\/127\.0\.0\.1:\d+\/v1; is Ollama/);
  });

  it('timeout: a server that never answers', async () => {
    server.script({ hang: true });
    const started = Date.now();
    const o = await failWith(server.baseURL, { timeoutSeconds: 0.5 });
    expect(o.kind).toBe('timeout');
    expect(o.error).toMatch(/no complete reply .* within 1 s \(llm.timeoutSeconds\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('timeout: a server that sends headers, then stalls mid-body', async () => {
    server.script({ stallAfter: '{"id":"x","choices":[' });
    const started = Date.now();
    const o = await failWith(server.baseURL, { timeoutSeconds: 0.5 });
    expect(o.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('cancellation through the AbortSignal returns at once', async () => {
    server.script({ hang: true });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 100);
    const started = Date.now();
    const o = await failWith(server.baseURL, { timeoutSeconds: 60 }, ctrl.signal);
    expect(o.kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('401: check the key', async () => {
    server.script(apiError(401, 'Incorrect API key provided: sk-abc***'));
    const o = await failWith(server.baseURL);
    expect(o).toMatchObject({ kind: 'auth' });
    expect(o.error).toMatch(/^401 unauthorized: check the key/);
  });

  it('404: model not found', async () => {
    server.script(apiError(404, "model 'llama9' not found, try pulling it first"));
    const o = await failWith(server.baseURL, { model: 'llama9' });
    expect(o.kind).toBe('model-not-found');
    expect(o.error).toMatch(/^model not found: "llama9"/);
  });

  it('429 with a long Retry-After fails at once instead of waiting', async () => {
    server.script(apiError(429, 'Rate limit reached', null, { 'retry-after': '120' }));
    const started = Date.now();
    const o = await failWith(server.baseURL, { retries: 2 });
    expect(o.kind).toBe('rate-limited');
    expect(o.error).toMatch(/429 rate limited: the server asks to retry after 120 s/);
    expect(server.chats).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('429 with a short Retry-After is retried', async () => {
    server.script(apiError(429, 'slow down', null, { 'retry-after-ms': '20' }), allMet);
    const o = await gradeWithLlm(runtime(server.baseURL, { retries: 1 }), target(STRONG_DESIGN));
    expect(o.ok).toBe(true);
    expect(server.chats).toHaveLength(2);
  });

  it('5xx: retried, then reported with the status', async () => {
    server.script(apiError(500, 'boom'), allMet);
    expect((await gradeWithLlm(runtime(server.baseURL, { retries: 1 }), target(STRONG_DESIGN))).ok).toBe(true);
    server.script(apiError(503, 'overloaded'), apiError(503, 'overloaded'));
    const o = await failWith(server.baseURL, { retries: 1 });
    expect(o.kind).toBe('server');
    expect(o.error).toMatch(/failed with 503: overloaded/);
  });

  it('a dropped connection', async () => {
    server.script({ destroy: true });
    const o = await failWith(server.baseURL);
    expect(o.kind).toBe('connection');
  });

  it('a reply that is not JSON, or cut off mid-body', async () => {
    server.script({ body: '<html>Bad gateway</html>' });
    expect((await failWith(server.baseURL)).error).toMatch(/not JSON/);
    server.script({ body: '{"id":"x","choices":[{"message":{"content":"{\\"ite' });
    expect((await failWith(server.baseURL)).kind).toBe('invalid-output');
    server.script({ json: { object: 'chat.completion', choices: [] } });
    expect((await failWith(server.baseURL)).error).toMatch(/not a chat completion/);
  });

  it('a reply over 1 MB is refused', async () => {
    const big = 'x'.repeat(1_100_000);
    server.script(completion(big));
    const o = await failWith(server.baseURL);
    expect(o.kind).toBe('too-large');
    expect(o.error).toMatch(/over 1 MB/);
  });

  it('no key for api.openai.com: no request, one line', async () => {
    const settings = SettingsSchema.parse({ grader: 'llm', llm: { model: 'gpt-4o-mini' } });
    const e = entry();
    const g = new Grader(builtInBank()).gradePhase(e, 'design', STRONG_DESIGN);
    const o = await gradeSessionPhaseWithLlm(e, 'design', STRONG_DESIGN, g, { settings, paths: tempPaths() });
    expect(o).toMatchObject({ ok: false, kind: 'no-key' });
    expect(o.ok ? '' : o.error).toMatch(/no API key .*OPENAI_API_KEY/);
  });

  it('no model: not configured', async () => {
    const settings = SettingsSchema.parse({ llm: { baseURL: server.baseURL } });
    const e = entry();
    const g = new Grader(builtInBank()).gradePhase(e, 'design', STRONG_DESIGN);
    const o = await gradeSessionPhaseWithLlm(e, 'design', STRONG_DESIGN, g, { settings, paths: tempPaths() });
    expect(o).toMatchObject({ ok: false, kind: 'not-configured' });
    expect(server.requests).toHaveLength(0);
  });

  it('DNS failure names the host problem', () => {
    const ctl = new AbortController();
    const err = classifyError(Object.assign(new Error('Connection error.'), { cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }) }), {
      baseURL: 'http://nosuchhost.invalid/v1',
      model: 'm',
      user: ctl.signal,
      timeout: ctl.signal,
      timeoutMs: 1000,
    });
    expect(err.kind).toBe('dns');
    expect(err.message).toMatch(/cannot resolve the host of http:\/\/nosuchhost.invalid\/v1/);
  });

  it('sends the key as a bearer token, and a placeholder to a local server without one', async () => {
    server.script(allMet, allMet);
    await gradeWithLlm(runtime(server.baseURL, { apiKey: 'sk-test-123' }), target(STRONG_DESIGN));
    await gradeWithLlm(runtime(server.baseURL), target(STRONG_DESIGN));
    expect(server.chats[0]!.headers.authorization).toBe('Bearer sk-test-123');
    expect(server.chats[1]!.headers.authorization).toBe('Bearer no-key');
  });
});

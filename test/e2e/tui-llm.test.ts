// The built binary in a real terminal with an LLM configured: a loopback chat-completions server on
// 127.0.0.1 stands in for it (nothing reaches the network). The interviewer that never answers is skipped
// with Esc, the one that answers is shown, and the results carry the LLM score beside the rubric score.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMet, ChatServer, completion, idsOf } from '../llm/helpers/chat-server.js';
import { tempHome } from '../helpers/cli.js';
import { KEYS, runTty, type } from '../helpers/tty.js';

let server: ChatServer;
beforeAll(async () => {
  server = await ChatServer.start();
});
afterAll(async () => {
  await server.close();
});

const readSession = (home: string) => {
  const dir = join(home, 'sessions');
  return JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8'));
};

const configure = (home: string, llm: Record<string, unknown>): void =>
  writeFileSync(join(home, 'config.json'), JSON.stringify({ grader: 'both', llm: { baseURL: server.baseURL, model: 'test-model', retries: 0, ...llm } }));

/** Types a short answer in each phase and submits it; after the last, waits for `end`. */
const answerFourPhases = async (t: ReturnType<typeof runTty>, end: string): Promise<void> => {
  for (const [text, next] of [
    ['Shorten a URL and redirect.', 'Estimation (2/4)'],
    ['About 1,160 writes per second.', 'Design (3/4)'],
    ['LB, app servers, cache, key-value store.', 'Deep dive (4/4)'],
    ['Cache the hot codes.', end],
  ] as const) {
    await type(t, text);
    await t.waitFor(text.slice(0, 20));
    t.write(KEYS.ctrlD);
    await t.waitFor(next, 30_000);
  }
};

describe('sdcoach in a terminal with an LLM', () => {
  it('Esc skips an interviewer that never answers; an answering one is shown; results show both scores', { timeout: 120_000 }, async () => {
    const home = tempHome();
    configure(home, {});
    let interviewer: 'hang' | 'answer' = 'hang';
    server.fallback = (req) => {
      if (idsOf(req).length > 0) return allMet(req);
      if (interviewer === 'hang') return { hang: true };
      return completion(JSON.stringify({ answer: 'Any colour is fine; state your choice.', fact_ids: [] }));
    };
    const t = runTty(['practice', 'url-shortener'], { env: { SDCOACH_HOME: home, OPENAI_API_KEY: '' } });
    await t.waitFor('Press Enter to start');
    t.write(KEYS.enter);
    await t.waitFor('Requirements (1/4)');

    t.write(KEYS.tab);
    await type(t, 'What colour should the logo be?');
    t.write(KEYS.enter);
    await t.waitFor('Interviewer is thinking… (Esc to skip)');
    // Esc once the request is out (the SDK loads on first use).
    for (let i = 0; i < 200 && server.chats.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(server.chats.length).toBe(1);
    t.write(KEYS.esc);
    await t.waitFor(/Interviewer: That's your call/, 5000);

    interviewer = 'answer';
    await type(t, 'Which font should the page use?');
    t.write(KEYS.enter);
    await t.waitFor('Interviewer: Any colour is fine; state your choice.');
    // A question a fact answers never reaches the LLM.
    await type(t, 'How many new URLs per day?');
    t.write(KEYS.enter);
    await t.waitFor(/Interviewer: .*100 million/);
    expect(server.chats.length).toBe(2);

    t.write(KEYS.tab);
    const answers = [
      ['Shorten a URL and redirect. Low latency, high availability.', 'Estimation (2/4)'],
      ['100M writes a day is about 1,160 writes per second.', 'Design (3/4)'],
      ['An LB, stateless app servers, a Redis cache and a key-value store.', 'Deep dive (4/4)'],
      ['Counter ranges from ZooKeeper, base62-encoded.', '(2/2) Interviewer:'],
      ['Fall back to the replicas of the store.', 'Overall:'],
    ] as const;
    for (const [text, next] of answers) {
      await type(t, text);
      await t.waitFor(text.slice(0, 30));
      t.write(KEYS.ctrlD);
      await t.waitFor(next, 30_000);
    }
    const screen = await t.waitFor(/Requirements\s+[█░]+\s+\d+\s+LLM\s+\d+/, 30_000);
    expect(screen).toMatch(/Design\s+[█░]+\s+\d+\s+LLM\s+\d+/);
    const done = readSession(home);
    expect(done.phases.design.llm).toMatchObject({ ok: true, model: 'test-model' });
    expect(done.followUps.every((f: { llm?: { ok: boolean } }) => f.llm?.ok === true)).toBe(true);
    expect(done.phases.design.grade.score).toBeTypeOf('number');
    t.write('q');
    expect((await t.exited).exitCode).toBe(0);
  });

  it('a failing LLM costs one line per part and the rubric results still show', { timeout: 120_000 }, async () => {
    const home = tempHome();
    configure(home, {});
    server.fallback = () => ({ status: 500, headers: { 'x-should-retry': 'false' }, json: { error: { message: 'model crashed', type: 'server_error' } } });
    const t = runTty(['practice', 'url-shortener', '--follow-ups', '0'], { env: { SDCOACH_HOME: home, OPENAI_API_KEY: '' } });
    await t.waitFor('Press Enter to start');
    t.write(KEYS.enter);
    await t.waitFor('Requirements (1/4)');
    await answerFourPhases(t, 'Overall:');
    const screen = await t.waitFor(/Requirements\s+[█░]+\s+\d+\s+LLM\s+—/, 30_000);
    expect(screen).toMatch(/Overall: \d+\/100/);
    let seen = '';
    for (let i = 0; i < 30 && !/LLM grade unavailable/.test(seen); i++) {
      t.write(KEYS.pageDown);
      await new Promise((r) => setTimeout(r, 100));
      seen = t.screen();
    }
    expect(seen).toMatch(/LLM grade unavailable: .*model crashed/);
    expect(readSession(home).phases.requirements.llm).toMatchObject({ ok: false });
    t.write('q');
    expect((await t.exited).exitCode).toBe(0);
  });

  it('results wait for gradings that never come back until Esc, and the program still exits at once', { timeout: 120_000 }, async () => {
    const home = tempHome();
    configure(home, {});
    server.fallback = () => ({ hang: true });
    const t = runTty(['practice', 'url-shortener', '--follow-ups', '0'], { env: { SDCOACH_HOME: home, OPENAI_API_KEY: '' } });
    await t.waitFor('Press Enter to start');
    t.write(KEYS.enter);
    await t.waitFor('Requirements (1/4)');
    await answerFourPhases(t, "Waiting for the LLM's second opinion");
    expect(t.screen()).toContain('(Esc to skip)');
    t.write(KEYS.esc);
    const screen = await t.waitFor(/Overall: \d+\/100/, 5000);
    expect(screen).not.toMatch(/LLM\s+\d/);
    const started = Date.now();
    t.write('q');
    expect((await t.exited).exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    const done = readSession(home);
    expect(done.status).toBe('completed');
    expect(done.phases.design.llm).toBeUndefined();
  });
});

// The built binary against the loopback server: `grade` with the LLM, `llm check`, `config`. The server
// runs in this process, so the binary is spawned asynchronously (spawnSync would block the server).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempHome } from '../helpers/cli.js';
import { allMet, apiError, autoGrader, ChatServer, idsOf } from './helpers/chat-server.js';
import { STRONG_DESIGN } from './helpers/setup.js';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

const sdcoach = (args: string[], o: { home: string; input?: string; env?: Record<string, string> }): Promise<Result> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', SDCOACH_BANK: '', SDCOACH_HOME: o.home, OPENAI_API_KEY: '', ...o.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(o.input ?? '');
  });

const WHOLE = [
  '## Requirements',
  'Users shorten long URLs and get redirected; links expire after five years; we need high availability for redirects.',
  '## Estimation',
  '100M new URLs a day is about 1,160 writes per second, and with 100:1 reads that is 116k redirects per second.',
  '## Design',
  STRONG_DESIGN,
  '## Deep dive',
  'The bottleneck is the read path, so we cache hot codes in Redis with an LRU policy because a few links get most traffic.',
].join('\n');

let server: ChatServer;
let dead: string;
beforeAll(async () => {
  server = await ChatServer.start();
  const d = await ChatServer.start();
  dead = d.baseURL;
  await d.close();
});
afterAll(async () => {
  await server.close();
});

const answerFile = (home: string, text: string): string => {
  const f = join(home, 'answer.md');
  writeFileSync(f, text);
  return f;
};

describe('sdcoach grade with the LLM', { timeout: 120_000 }, () => {
  it('--json adds llm {score, items, flags, model, usage} beside the rubric score', async () => {
    const home = tempHome();
    server.fallback = allMet;
    const r = await sdcoach(['grade', 'url-shortener', answerFile(home, STRONG_DESIGN), '--phase', 'design', '--json', '--base-url', server.baseURL, '--model', 'test-model'], { home });
    expect(r.stderr.replace(/^sdcoach: warning: the question bank.*\n/m, '')).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.score).toBeGreaterThan(0);
    expect(out.grader).toBe('rubric');
    expect(out.llm).toMatchObject({ score: 100, model: 'test-model', rubricScore: out.score, cached: false });
    expect(Object.keys(out.llm.items)).toEqual(out.items.map((i: { id: string }) => i.id));
    expect(out.llm.items.api).toMatchObject({ verdict: 'met', rationale: 'Covered.' });
    expect(out.llm.usage).toMatchObject({ calls: 1, inputTokens: 812 });
    expect(Array.isArray(out.llm.flags)).toBe(true);
    // Reviewing again costs nothing.
    const before = server.chats.length;
    const again = JSON.parse((await sdcoach(['grade', 'url-shortener', join(home, 'answer.md'), '--phase', 'design', '--json', '--base-url', server.baseURL, '--model', 'test-model'], { home })).stdout);
    expect(server.chats.length).toBe(before);
    expect(again.llm).toMatchObject({ cached: true, score: 100, usage: { calls: 0, cacheHit: true } });
  });

  it('grades the four phases concurrently and prints both grades on plain output', async () => {
    const home = tempHome();
    server.fallback = autoGrader((_, answer) => ({ evidence: [answer.split('\n')[0]!.slice(0, 60)], rationale: 'Fine.', verdict: 'partial' }));
    const before = server.chats.length;
    const r = await sdcoach(['grade', 'url-shortener', answerFile(home, WHOLE), '--llm', '--base-url', server.baseURL, '--model', 'test-model'], { home });
    expect(r.code).toBe(0);
    expect(server.chats.length - before).toBe(4);
    expect(r.stdout).toMatch(/^# Design a URL shortener: \d+\/100/m);
    expect(r.stdout).toMatch(/Second opinion \(LLM test-model\): 50\/100/);
    expect(r.stdout).toMatch(/### Second opinion \(LLM test-model\): 50\/100 beside the rubric's \d+\/100/);
    expect(r.stdout).toMatch(/\| Item \| Rubric \| LLM \|/);
    const json = JSON.parse((await sdcoach(['grade', 'url-shortener', join(home, 'answer.md'), '--json', '--llm', '--base-url', server.baseURL, '--model', 'test-model'], { home })).stdout);
    expect(json.llm).toMatchObject({ score: 50, model: 'test-model' });
    expect(json.phases.design.llm.score).toBe(50);
  });

  it('on failure shows the rubric grade, says what went wrong in one line, and exits 0', async () => {
    const home = tempHome();
    const f = answerFile(home, STRONG_DESIGN);
    const r = await sdcoach(['grade', 'url-shortener', f, '--phase', 'design', '--json', '--base-url', dead, '--model', 'm'], { home });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.score).toBeGreaterThan(0);
    expect(out.llm.error).toMatch(/^nothing listening at http:\/\/127\.0\.0\.1:\d+\/v1; is Ollama/);
    const text = await sdcoach(['grade', 'url-shortener', f, '--phase', 'design', '--base-url', dead, '--model', 'm'], { home });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Design: \d+\/100/);
    expect(text.stdout).toMatch(/LLM grade unavailable: nothing listening at/);
  });

  it('--require-llm exits 1 when the LLM is unavailable', async () => {
    const home = tempHome();
    const r = await sdcoach(['grade', 'url-shortener', answerFile(home, STRONG_DESIGN), '--phase', 'design', '--require-llm', '--base-url', dead, '--model', 'm'], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Design: \d+\/100/);
    // (Other lines on stderr may be bank warnings from content being edited.)
    expect(r.stderr).toMatch(/^sdcoach: --require-llm: LLM grade unavailable: nothing listening at/m);
  });

  it('the grader setting turns the LLM on, and --no-llm off; with no model it says so', async () => {
    const home = tempHome();
    const f = answerFile(home, STRONG_DESIGN);
    expect((await sdcoach(['config', 'set', 'grader', 'both'], { home })).code).toBe(0);
    const r = JSON.parse((await sdcoach(['grade', 'url-shortener', f, '--phase', 'design', '--json'], { home })).stdout);
    expect(r.llm.error).toMatch(/no model set/);
    const off = JSON.parse((await sdcoach(['grade', 'url-shortener', f, '--phase', 'design', '--json', '--no-llm'], { home })).stdout);
    expect(off.llm).toBeUndefined();
  });

  it('--samples shows the spread', async () => {
    const home = tempHome();
    let n = 0;
    server.fallback = (req) => {
      const v = n++ % 2 === 0 ? 'met' : 'missed';
      return autoGrader((_, a) => ({ evidence: v === 'met' ? [a.split('\n')[1]!] : [], rationale: v, verdict: v }))(req);
    };
    const before = server.chats.length;
    const r = await sdcoach(['grade', 'url-shortener', answerFile(home, STRONG_DESIGN), '--phase', 'design', '--json', '--samples', '2', '--base-url', server.baseURL, '--model', 'test-model'], { home });
    const out = JSON.parse(r.stdout);
    expect(server.chats.length - before).toBe(2);
    expect(out.llm.samples).toMatchObject({ count: 2, min: 0, max: 100 });
    expect(idsOf(server.chats.at(-1)!).join()).not.toBe(idsOf(server.chats.at(-2)!).join());
    const bad = await sdcoach(['grade', 'url-shortener', join(home, 'answer.md'), '--samples', 'lots'], { home });
    expect(bad.code).toBe(2);
  });
});

describe('sdcoach llm check', { timeout: 120_000 }, () => {
  it('reports reachability, model, structured-output mode and latency', async () => {
    const home = tempHome();
    server.script((req) => ({ json: { choices: [{ finish_reason: 'stop', message: { content: '{"ok": true}' } }], model: 'served-name', usage: null }, ...(req ? {} : {}) }));
    const r = await sdcoach(['llm', 'check', '--base-url', server.baseURL, '--model', 'test-model'], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ http:\/\/127\.0\.0\.1:\d+\/v1 answered in \d+\.\d\d s/);
    expect(r.stdout).toMatch(/model: +test-model \(served as served-name\)/);
    expect(r.stdout).toMatch(/structured output: json_schema/);
  });

  it('finds the mode a server accepts by stepping down', async () => {
    const home = tempHome();
    server.script(apiError(400, 'response_format json_schema is not supported', 'response_format'), { status: 400, json: { error: "'response_format.type' must be 'json_schema' or 'text'" } }, {
      json: { choices: [{ finish_reason: 'stop', message: { content: 'Sure! {"ok": true}' } }] },
    });
    const r = await sdcoach(['llm', 'check', '--json', '--base-url', server.baseURL, '--model', 'lmstudio-model'], { home });
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, mode: 'none', reachable: true });
    // Remembered for grading.
    expect(readFileSync(join(home, 'llm', 'servers.json'), 'utf8')).toMatch(/lmstudio-model[\s\S]*"mode": "none"/);
  });

  it.each([
    ['nothing listening', () => dead, null, /^sdcoach: LLM check failed: nothing listening at .*; is Ollama/],
    ['401', () => server.baseURL, apiError(401, 'bad key'), /^sdcoach: LLM check failed: 401 unauthorized: check the key/],
    ['404 model', () => server.baseURL, apiError(404, "model 'nope' not found"), /^sdcoach: LLM check failed: model not found: "test-model"/],
  ])('fails with a one-line cause: %s', async (_n, url, reply, expected) => {
    const home = tempHome();
    if (reply) server.script(reply);
    const r = await sdcoach(['llm', 'check', '--base-url', url(), '--model', 'test-model'], { home });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n').filter((l) => !/warning: the question bank/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  it('says when no key is set for api.openai.com, without a request', async () => {
    const home = tempHome();
    const r = await sdcoach(['llm', 'check', '--model', 'gpt-4o-mini'], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no API key for https:\/\/api\.openai\.com\/v1/);
  });
});

describe('the API key', { timeout: 120_000 }, () => {
  it('is never printed or written anywhere but the 0600 settings file', async () => {
    const home = tempHome();
    const key = 'sk-e2e-SECRET-4242';
    expect((await sdcoach(['config', 'set', 'llm.apiKey', '-'], { home, input: `${key}\n` })).code).toBe(0);
    await sdcoach(['config', 'set', 'llm.baseURL', server.baseURL], { home });
    await sdcoach(['config', 'set', 'llm.model', 'test-model'], { home });
    await sdcoach(['config', 'set', 'grader', 'llm'], { home });
    const settingsFile = join(home, 'config.json');
    expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
    server.fallback = allMet;
    const outputs = [
      await sdcoach(['config', 'list'], { home }),
      await sdcoach(['config', 'list', '--json'], { home }),
      await sdcoach(['config', 'get', 'llm.apiKey'], { home }),
      await sdcoach(['grade', 'url-shortener', answerFile(home, WHOLE), '--json'], { home }),
      await sdcoach(['grade', 'url-shortener', join(home, 'answer.md')], { home }),
      await sdcoach(['llm', 'check', '--json'], { home }),
      await sdcoach(['llm', 'check'], { home }),
    ];
    for (const o of outputs) expect(`${o.stdout}${o.stderr}`).not.toContain(key);
    expect(outputs[2]!.stdout.trim()).toBe('(set, hidden)');
    expect(server.chats.at(-1)!.headers.authorization).toBe(`Bearer ${key}`);
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else files.push(join(dir, e.name));
      }
    };
    walk(home);
    expect(files.some((f) => f.includes(join('llm', 'cache')))).toBe(true);
    for (const f of files.filter((x) => x !== settingsFile)) expect(readFileSync(f, 'utf8'), f).not.toContain(key);
  });
});

describe('commands stay light', { timeout: 120_000 }, () => {
  it('config, llm and grade never import Ink or React', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/(?:import|from)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (/^(ink|react)(\/|$)|^ink-/.test(spec) || spec.includes('/ui/')) bad.push(`${file} → ${spec}`);
        if (spec.startsWith('.')) visit(join(file, '..', spec));
      }
    };
    for (const c of ['config', 'llm', 'grade']) visit(join(ROOT, 'dist', 'commands', `${c}.js`));
    expect(bad).toEqual([]);
  });
});

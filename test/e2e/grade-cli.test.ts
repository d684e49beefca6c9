import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempHome, ROOT } from '../helpers/cli.js';

const STRONG_DESIGN = [
  'Clients call POST /api/v1/urls with the long URL and get back a 7-character code; GET /{code} answers with a redirect.',
  'Every write gets a unique 64-bit id from a counter range handed out by ZooKeeper, and we base62-encode that id, so codes never collide.',
  'The redirect path is read-heavy, so an LB spreads traffic over stateless app servers that check a Redis cache first and fall back to the sharded key-value store on a miss.',
  'The table is keyed by short code: short_code (PK), long_url, user_id, created_at, expires_at.',
].join('\n');

describe('sdcoach --version and help', () => {
  it('prints the version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('rejects an unknown command with exit 2', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });
});

describe('sdcoach questions', () => {
  it('lists questions as JSON with rubric counts', () => {
    const r = run(['questions', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; rubricItems: Record<string, number>; followUps: number; sources: unknown[] }[];
    const url = list.find((q) => q.id === 'url-shortener');
    expect(url).toBeDefined();
    expect(Object.keys(url!.rubricItems)).toEqual(['requirements', 'estimation', 'design', 'deep-dive']);
    expect(url!.rubricItems.design).toBeGreaterThan(3);
    expect(url!.followUps).toBeGreaterThanOrEqual(3);
    expect(url!.sources.length).toBeGreaterThan(0);
  });
  it('filters by difficulty and tag, and prints a table without JSON', () => {
    const easy = JSON.parse(run(['questions', '--json', '--difficulty', 'easy']).stdout) as { difficulty: string }[];
    expect(easy.every((q) => q.difficulty === 'easy')).toBe(true);
    const table = run(['questions']);
    expect(table.stdout).toMatch(/url-shortener/);
    expect(table.stdout).not.toContain('\u001b[');
  });
  it('rejects a bad --difficulty with a one-line error', () => {
    const r = run(['questions', '--difficulty', 'extreme']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--difficulty/);
  });
});

describe('sdcoach question', () => {
  it('hides reference outlines unless --reveal', () => {
    const hidden = JSON.parse(run(['question', 'url-shortener', '--json']).stdout) as Record<string, unknown>;
    expect(hidden.reference).toBeUndefined();
    const shown = JSON.parse(run(['question', 'url-shortener', '--json', '--reveal']).stdout) as { reference: Record<string, string> };
    expect(shown.reference.design?.length).toBeGreaterThan(50);
  });
  it('accepts an alias', () => {
    const r = run(['question', 'bit.ly', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { id: string }).id).toBe('url-shortener');
  });
});

describe('sdcoach grade', () => {
  it('grades one phase from a file as JSON', () => {
    const dir = tempHome();
    const file = join(dir, 'design.md');
    writeFileSync(file, STRONG_DESIGN);
    const r = run(['grade', 'url-shortener', file, '--phase', 'design', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { question: string; phase: string; score: number; grader: string; rubricVersion: string; items: { credit: number; evidence: string | null; why: string | null }[] };
    expect(j).toMatchObject({ question: 'url-shortener', phase: 'design', grader: 'rubric' });
    expect(j.score).toBeGreaterThan(40);
    expect(j.rubricVersion).toMatch(/^\d+\.\d+$/);
    for (const i of j.items) {
      if (i.credit > 0) expect(STRONG_DESIGN).toContain(i.evidence!);
      else expect(i.why).toBeTruthy();
    }
  });
  it('reads the answer from stdin and gives the same result every time', () => {
    const a = run(['grade', 'url-shortener', '--phase', 'design', '--json'], { input: STRONG_DESIGN });
    const b = run(['grade', 'url-shortener', '--phase', 'design', '--json'], { input: STRONG_DESIGN });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
  it('grades a whole document with phase headings', () => {
    const doc = `## Requirements\nShorten URLs and redirect; 100M new links a day. Out of scope: user accounts.\n\n## Estimation\n100M / 86,400 ≈ 1,160 writes/s.\n\n## High-level design\n${STRONG_DESIGN}\n\n## Deep dive\nThe hot path is the cache; if Redis fails we fall back to replicas.\n`;
    const r = run(['grade', 'url-shortener', '--json'], { input: doc });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { score: number; phases: Record<string, { score: number }> };
    expect(Object.keys(j.phases)).toEqual(['requirements', 'estimation', 'design', 'deep-dive']);
    expect(j.score).toBeGreaterThan(0);
  });
  it('renders covered and missed items for people', () => {
    const r = run(['grade', 'url-shortener', '--phase', 'design'], { input: STRONG_DESIGN });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Covered/);
    expect(r.stdout).toMatch(/Missed/);
    expect(r.stdout).toContain('base62-encode');
  });
  it('scores an empty answer 0 with a note', () => {
    const r = run(['grade', 'url-shortener', '--phase', 'design', '--json'], { input: '' });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { score: number; notes: string[] };
    expect(j.score).toBe(0);
    expect(j.notes[0]).toMatch(/Empty answer/);
    const whole = run(['grade', 'url-shortener', '--json'], { input: '\n' });
    expect(whole.code).toBe(0);
    expect((JSON.parse(whole.stdout) as { score: number }).score).toBe(0);
  });
  it('suggests the closest ids for an unknown id and exits 2', () => {
    const r = run(['grade', 'url-shortner', '--phase', 'design'], { input: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown question "url-shortner"; did you mean "url-shortener"/);
    expect(r.stdout).toBe('');
  });
  it('names a missing file', () => {
    const r = run(['grade', 'url-shortener', 'nope.md', '--phase', 'design']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.md/);
  });
  it('rejects an invalid --phase', () => {
    const r = run(['grade', 'url-shortener', '--phase', 'coding'], { input: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--phase/);
  });
  it('asks for phase headings when a whole answer has none', () => {
    const r = run(['grade', 'url-shortener'], { input: 'some text without headings' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no phase headings/);
  });
});

describe('sdcoach validate', () => {
  it('passes on the built-in bank', () => {
    const r = run(['validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ questions/);
  });
  it('reports every problem of a broken pack, one line each, and exits 1', () => {
    const pack = tempHome();
    mkdirSync(join(pack, 'question-bank'));
    mkdirSync(join(pack, 'rubrics'));
    writeFileSync(join(pack, 'question-bank', 'my-q.yaml'), 'id: my-q\ntitle: ""\ndifficulty: extreme\ntags: [ok]\n');
    writeFileSync(join(pack, 'rubrics', 'other.yaml'), 'question: other\nversion: 1\nphases: {design: [{id: x, label: L, why: W, match: []}]}\n');
    writeFileSync(join(pack, 'question-bank', 'bad-yaml.yaml'), 'id: [unclosed\n');
    const r = run(['validate', pack]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.some((l) => /my-q\.yaml: title: must not be empty/.test(l))).toBe(true);
    expect(lines.some((l) => /my-q\.yaml: difficulty: /.test(l))).toBe(true);
    expect(lines.some((l) => /my-q\.yaml: prompt: /.test(l))).toBe(true);
    expect(lines.some((l) => /other\.yaml: phases\.design\[0\]\.match: needs at least one alternative/.test(l))).toBe(true);
    expect(lines.some((l) => /bad-yaml\.yaml: line \d+:\d+: /.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/\d+ problem\(s\)/);
  });
  it('loads a valid pack whose questions join the bank', () => {
    const pack = tempHome();
    mkdirSync(join(pack, 'question-bank'), { recursive: true });
    mkdirSync(join(pack, 'rubrics'), { recursive: true });
    cpSync(join(ROOT, 'question-bank', 'url-shortener.yaml'), join(pack, 'question-bank', 'my-shortener.yaml'));
    cpSync(join(ROOT, 'rubrics', 'url-shortener.yaml'), join(pack, 'rubrics', 'my-shortener.yaml'));
    const fix = (f: string, from: string, to: string) => writeFileSync(f, readFileSync(f, 'utf8').replace(from, to));
    fix(join(pack, 'question-bank', 'my-shortener.yaml'), 'id: url-shortener', 'id: my-shortener');
    fix(join(pack, 'rubrics', 'my-shortener.yaml'), 'question: url-shortener', 'question: my-shortener');
    expect(run(['validate', pack]).code).toBe(0);
    const list = JSON.parse(run(['--bank', pack, 'questions', '--json']).stdout) as { id: string }[];
    expect(list.some((q) => q.id === 'my-shortener')).toBe(true);
  });
});

describe('pipes', () => {
  it('exits quietly when the reader closes the pipe early', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const child = spawn(process.execPath, [BIN, 'questions', '--concepts', '--json'], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});

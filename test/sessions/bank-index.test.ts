import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { checkMeta, headerSnippet, questionIndex, quickHeader } from '../../src/core/stats/bank-index.js';

const BANK = resolve(import.meta.dirname, '../../question-bank');

describe('question header index', () => {
  it('reads the same header fields as the YAML parser for every built-in question', () => {
    const files = readdirSync(BANK).filter((f) => f.endsWith('.yaml'));
    for (const f of files) {
      const text = readFileSync(join(BANK, f), 'utf8');
      const full = load(text) as Record<string, unknown>;
      const fast = quickHeader(text) ?? (load(headerSnippet(text)) as Record<string, unknown>);
      for (const key of ['id', 'title', 'difficulty', 'tags']) expect(fast[key], `${f}: ${key}`).toEqual(full[key]);
    }
    const index = questionIndex();
    expect(index.size).toBeGreaterThan(0);
    expect(index.get('url-shortener')).toMatchObject({ title: 'Design a URL shortener', difficulty: 'easy' });
  });

  it.each([
    ['a quoted title', 'id: a\ntitle: "Design: a thing"\ndifficulty: easy\ntags: [x, y-z]\n', { id: 'a', title: 'Design: a thing', difficulty: 'easy', tags: ['x', 'y-z'] }],
    ['a title with a colon and space', 'id: a\ntitle: Design: a thing\ndifficulty: easy\ntags: [x]\n', null],
    ['a block list of tags', 'id: a\ntitle: T\ndifficulty: easy\ntags:\n  - x\n', null],
    ['a comment after a value', 'id: a # the id\ntitle: T\ndifficulty: easy\ntags: [x]\n', null],
    ['a missing field', 'id: a\ntitle: T\ntags: [x]\n', null],
  ])('takes the quick path only when it is exact: %s', (_what, text, expected) => {
    expect(quickHeader(text)).toEqual(expected);
  });

  // The header used to be validated with this schema; the hand-written check must agree with it.
  const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  const MetaSchema = z.object({ id: kebab, title: z.string().trim().min(1), difficulty: z.enum(['easy', 'medium', 'hard']), tags: z.array(kebab).min(1) });
  it.each([
    null,
    [],
    'x',
    { id: 'a', title: ' T ', difficulty: 'easy', tags: ['x'], extra: 1 },
    { id: 'a', title: '  ', difficulty: 'easy', tags: ['x'] },
    { id: 'A', title: 'T', difficulty: 'easy', tags: ['x'] },
    { id: 'a-', title: 'T', difficulty: 'easy', tags: ['x'] },
    { id: 'a', title: 'T', difficulty: 'Easy', tags: ['x'] },
    { id: 'a', title: 'T', difficulty: 'easy', tags: [] },
    { id: 'a', title: 'T', difficulty: 'easy', tags: ['x', 1] },
    { id: 'a', title: 'T', difficulty: 'easy', tags: 'x' },
    { id: 'a', title: 1, difficulty: 'easy', tags: ['x'] },
    { title: 'T', difficulty: 'easy', tags: ['x'] },
    { id: 'a-b-1', title: '\u00a0T\u3000', difficulty: 'hard', tags: ['x-y', 'z'] },
  ])('checks a header as the schema did: %j', (value) => {
    const before = MetaSchema.safeParse(value);
    expect(checkMeta(value)).toEqual(before.success ? before.data : null);
  });
});

describe('question header index, reading only the head of each file', () => {
  const pack = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-pack-'));
    mkdirSync(join(dir, 'question-bank'));
    mkdirSync(join(dir, 'rubrics'));
    for (const [id, text] of Object.entries(files)) {
      writeFileSync(join(dir, 'question-bank', `${id}.yaml`), text);
      writeFileSync(join(dir, 'rubrics', `${id}.yaml`), 'unused: true\n');
    }
    return dir;
  };
  const filler = `notes: |\n${'  a long line of notes that pushes the header past the first few kilobytes of the file\n'.repeat(200)}`;

  it('finds header fields that come after a long block, and the same ones the whole file gives', () => {
    const dir = pack({
      late: `${filler}id: late\ntitle: Late header\ndifficulty: hard\ntags: [x]\n`,
      early: `id: early\ntitle: "Early: quoted"\ndifficulty: easy\ntags: [a, b]\n${filler}`,
      split: `id: split\ntitle: Split\n${filler}difficulty: medium\ntags:\n  - y\n`,
      multibyte: `id: multibyte\ntitle: Ünïcödé ✓ title\ndifficulty: easy\ntags: [z]\n${'# é✓ comment line\n'.repeat(400)}`,
    });
    const index = questionIndex([dir]);
    expect(index.get('late')).toEqual({ id: 'late', title: 'Late header', difficulty: 'hard', tags: ['x'] });
    expect(index.get('early')).toEqual({ id: 'early', title: 'Early: quoted', difficulty: 'easy', tags: ['a', 'b'] });
    expect(index.get('split')).toEqual({ id: 'split', title: 'Split', difficulty: 'medium', tags: ['y'] });
    expect(index.get('multibyte')).toEqual({ id: 'multibyte', title: 'Ünïcödé ✓ title', difficulty: 'easy', tags: ['z'] });
  });
});

// The warm start-up path: the bank rebuilt from the parse cache, and only when nothing has changed.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileContent } from '../../src/core/content/compiled.js';
import { cacheFileFor, loadBank, loadBankCached } from '../../src/core/content/load.js';
import { ROOT } from '../helpers/cli.js';

const makeRoot = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'sdcoach-bank-'));
  mkdirSync(join(root, 'question-bank'));
  mkdirSync(join(root, 'rubrics'));
  for (const f of ['_generic.yaml', '_thesaurus.yaml', 'url-shortener.yaml', 'rate-limiter.yaml']) cpSync(join(ROOT, 'rubrics', f), join(root, 'rubrics', f));
  for (const f of ['url-shortener.yaml', 'rate-limiter.yaml']) cpSync(join(ROOT, 'question-bank', f), join(root, 'question-bank', f));
  return root;
};

describe('loadBankCached', () => {
  it('is null until a full load has filled the cache, then gives the same bank', () => {
    const root = makeRoot();
    expect(loadBankCached({ root })).toBeNull();
    const full = loadBank({ root });
    expect(full.problems).toEqual([]);
    const cached = loadBankCached({ root });
    expect(cached).not.toBeNull();
    expect([...cached!.questions.keys()]).toEqual([...full.questions.keys()]);
    expect(cached!.questions.get('url-shortener')!.items).toEqual(full.questions.get('url-shortener')!.items);
    expect(cached!.thesaurus).toEqual(full.thesaurus);
  });

  it('falls back (null) when a file changed or a new one appeared', () => {
    const root = makeRoot();
    loadBank({ root });
    const file = join(root, 'question-bank', 'rate-limiter.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# edited\n`);
    expect(loadBankCached({ root })).toBeNull();
    loadBank({ root });
    expect(loadBankCached({ root })).not.toBeNull();
    cpSync(join(ROOT, 'question-bank', 'news-feed.yaml'), join(root, 'question-bank', 'news-feed.yaml'));
    expect(loadBankCached({ root })).toBeNull();
  });

  it('never serves a bank with problems from the cache', () => {
    const root = makeRoot();
    writeFileSync(join(root, 'question-bank', 'broken.yaml'), 'id: broken\n');
    loadBank({ root });
    expect(loadBankCached({ root })).toBeNull();
    expect(loadBank({ root }).problems.length).toBeGreaterThan(0);
  });
});

describe('the precompiled built-in content (dist/.content.json)', () => {
  const question = (root: string): string => join(root, 'question-bank', 'rate-limiter.yaml');
  type Compiled = { files: Record<string, { data: { title: string; difficulty?: string } }> };
  /** Compiles `root`, then edits the compiled copy of rate-limiter only (the YAML stays as it was). */
  const editCompiled = (root: string, change: (data: { title: string; difficulty?: string }) => void): void => {
    const compiledFile = join(root, 'dist', '.content.json');
    if (!existsSync(compiledFile)) compileContent(root);
    const compiled = JSON.parse(readFileSync(compiledFile, 'utf8')) as Compiled;
    change(compiled.files['question-bank/rate-limiter.yaml']!.data);
    writeFileSync(compiledFile, JSON.stringify(compiled));
  };

  it('is read instead of the YAML while the file is unchanged, and still validated', () => {
    const root = makeRoot();
    // Change the compiled copy only: the loader shows it is reading the JSON, not the YAML.
    editCompiled(root, (d) => (d.title = 'Title from the compiled copy'));
    expect(loadBank({ root, cache: false }).questions.get('rate-limiter')!.question.title).toBe('Title from the compiled copy');
    expect(loadBank({ root, cache: false, compiled: false }).questions.get('rate-limiter')!.question.title).not.toBe('Title from the compiled copy');

    // Compiled data gets the same validation as parsed YAML.
    editCompiled(root, (d) => (d.difficulty = 'impossible'));
    const bank = loadBank({ root, cache: false });
    expect(bank.questions.has('rate-limiter')).toBe(false);
    expect(bank.problems.map((p) => `${p.path}`)).toContain('difficulty');
  });

  it('is still used for a file with the same text but a new mtime (a fresh checkout)', () => {
    const root = makeRoot();
    editCompiled(root, (d) => (d.title = 'Title from the compiled copy'));
    utimesSync(question(root), new Date('2001-02-03'), new Date('2001-02-03'));
    expect(loadBank({ root, cache: false }).questions.get('rate-limiter')!.question.title).toBe('Title from the compiled copy');
  });

  it('is ignored for a file edited after the build', () => {
    const root = makeRoot();
    compileContent(root);
    writeFileSync(question(root), readFileSync(question(root), 'utf8').replace(/^title: .*$/m, 'title: Edited after the build'));
    expect(loadBank({ root, cache: false }).questions.get('rate-limiter')!.question.title).toBe('Edited after the build');
  });

  it('leaves out a file that does not parse, so its YAML error is reported with line and column', () => {
    const root = makeRoot();
    writeFileSync(question(root), `${readFileSync(question(root), 'utf8')}\ntitle: a second title\n`);
    expect(compileContent(root)).toMatchObject({ skipped: 1 });
    const problems = loadBank({ root, cache: false }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toMatch(/^line \d+:\d+$/);
    expect(problems[0]!.message).toBe('duplicated mapping key');
  });

  it('reports a YAML syntax error as one problem naming the line', () => {
    const root = makeRoot();
    writeFileSync(question(root), 'id: rate-limiter\ntitle: [unclosed\nprompt: x\n');
    const [problem, ...rest] = loadBank({ root, cache: false }).problems.filter((p) => p.file.endsWith('rate-limiter.yaml'));
    expect(rest).toEqual([]);
    expect(problem!.path).toMatch(/^line [34]:\d+$/);
  });
});

describe('where the parse cache lives', () => {
  it('beside the build when it can be written, in the data folder with packs', () => {
    const root = makeRoot();
    expect(cacheFileFor(root, [])).toBe(join(root, 'dist', '.bank-cache.json'));
    expect(cacheFileFor(root, ['/some/pack'])).toMatch(/[\\/]cache[\\/]bank-[0-9a-f]{16}\.json$/);
  });

  it.skipIf(process.getuid?.() === 0)('in the data folder when the install cannot be written (a global install)', () => {
    const root = makeRoot();
    mkdirSync(join(root, 'dist'));
    chmodSync(join(root, 'dist'), 0o555);
    try {
      expect(cacheFileFor(root, [])).toMatch(/[\\/]cache[\\/]bank-[0-9a-f]{16}\.json$/);
    } finally {
      chmodSync(join(root, 'dist'), 0o755);
    }
  });
});

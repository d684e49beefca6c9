// The warm start-up path: the bank rebuilt from the parse cache, and only when nothing has changed.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank, loadBankCached } from '../../src/core/content/load.js';
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

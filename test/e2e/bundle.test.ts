// The shipped bundle (dist/app/, `npm run build`) keeps start-up light: what each path loads before it
// does anything is the static import graph of its chunks, and these tests pin down what must stay out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const APP = join(ROOT, 'dist', 'app');
const chunk = (prefix: string): string => {
  const name = readdirSync(APP).find((f) => f.startsWith(`${prefix}-`) || f === `${prefix}.js`);
  if (!name) throw new Error(`no ${prefix} chunk in dist/app (run npm run build)`);
  return name;
};

/** Every source module (by the path comment esbuild writes) in the static import closure of `entries`. */
const staticModules = (...entries: string[]): string[] => {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(APP, file), 'utf8');
    for (const m of text.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm)) visit((m[1] ?? m[2])!);
  };
  entries.forEach(visit);
  return [...seen].flatMap((f) => [...readFileSync(join(APP, f), 'utf8').matchAll(/^\/\/ ((?:node_modules|dist)\/\S+)$/gm)].map((m) => m[1]!));
};

describe('the app bundle', () => {
  it('lets grade, questions and validate start without Ink or React', () => {
    for (const command of ['grade', 'questions', 'validate']) {
      const modules = staticModules('cli.js', chunk(command));
      expect(modules.filter((m) => /node_modules\/(ink|react|react-reconciler|yoga-layout)\//.test(m)), command).toEqual([]);
    }
  });

  it('draws the home screen without zod, conf, the session store or the LLM client', () => {
    const modules = staticModules('cli.js', chunk('practice'), chunk('run-tui'));
    expect(modules.some((m) => m.startsWith('node_modules/ink/'))).toBe(true);
    const heavy = modules.filter((m) => /node_modules\/(zod|conf|ajv|openai|proper-lockfile)\/|dist\/core\/(storage\/session-store|llm\/api)\.js/.test(m));
    expect(heavy).toEqual([]);
  });

  it('takes Yoga off fetch() and routes string-width through the narrow fast path', () => {
    const tui = staticModules('cli.js', chunk('practice'), chunk('run-tui'));
    expect(tui).toContain('dist/core/render/narrow-width.js');
    const yoga = readdirSync(APP)
      .map((f) => readFileSync(join(APP, f), 'utf8'))
      .find((t) => t.includes('node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js'));
    expect(yoga).toBeDefined();
    expect(yoga).not.toMatch(/return w \|\| "function" != typeof fetch/);
  });
});

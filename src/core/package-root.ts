// The package's own folder (where package.json, question-bank/, rubrics/ and prompts/ live), found by
// walking up from this module: the same answer from src/ (tests), from dist/ (tsc's output) and from the
// bundled app in dist/app/, whose chunks sit at a different depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const findRoot = (from: string): string => {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'sdcoach') return dir;
      } catch {
        // Not ours (or unreadable): keep looking.
      }
    }
    if (dirname(dir) === dir) throw new Error(`sdcoach: cannot find its package.json above ${from}`);
  }
};

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The version in package.json. */
export const packageVersion = (): string => (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

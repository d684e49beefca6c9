// Reads one setting straight from the settings file, without conf (and its JSON-schema validator): for
// start-up paths that only need to know whether an optional feature is switched on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPaths } from './paths.js';

export const peekSetting = (path: string, env: NodeJS.ProcessEnv = process.env): unknown => {
  try {
    const doc = JSON.parse(readFileSync(join(dataPaths(env).config, 'config.json'), 'utf8')) as unknown;
    return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc);
  } catch {
    return undefined;
  }
};

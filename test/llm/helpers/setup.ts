// Shared test setup: a temp data dir, a runtime pointed at the loopback server, and a graded target.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Grader } from '../../../src/core/grade/grader.js';
import type { Phase } from '../../../src/core/content/schema.js';
import { phaseTarget } from '../../../src/core/llm/api.js';
import type { GradeTarget } from '../../../src/core/llm/grade.js';
import { createLlmRuntime, type LlmRuntime } from '../../../src/core/llm/runtime.js';
import { LlmSettingsSchema } from '../../../src/core/llm/settings-schema.js';
import type { ChatTransport } from '../../../src/core/llm/transport.js';
import type { DataPaths } from '../../../src/core/storage/paths.js';
import { builtInBank } from '../../helpers/bank.js';

export const tempPaths = (): DataPaths => {
  const root = mkdtempSync(join(tmpdir(), 'sdcoach-llm-'));
  return { data: root, sessions: join(root, 'sessions'), locks: join(root, 'locks'), config: root };
};

export const runtime = (
  baseURL: string,
  settings: Record<string, unknown> = {},
  o: { paths?: DataPaths; transport?: ChatTransport; env?: NodeJS.ProcessEnv } = {},
): LlmRuntime => {
  const rt = createLlmRuntime({
    settings: LlmSettingsSchema.parse({ baseURL, model: 'test-model', timeoutSeconds: 5, totalTimeoutSeconds: 20, retries: 0, ...settings }),
    paths: o.paths ?? tempPaths(),
    env: o.env ?? {},
    transport: o.transport,
  });
  if (rt instanceof Error) throw rt;
  return rt;
};

export const entry = (id = 'url-shortener') => builtInBank().questions.get(id)!;

export const target = (answer: string, phase: Phase = 'design', id = 'url-shortener'): GradeTarget => {
  const e = entry(id);
  const g = new Grader(builtInBank()).gradePhase(e, phase, answer);
  return phaseTarget(e, phase, answer, g);
};

export const STRONG_DESIGN = [
  'Clients call POST /api/v1/urls with the long URL and get back a 7-character code; GET /{code} answers with a redirect.',
  'Every write gets a unique 64-bit id from a counter range handed out by ZooKeeper, and we base62-encode that id, so codes never collide.',
  'The redirect path is read-heavy, so an LB spreads traffic over stateless app servers that check a Redis cache first and fall back to the sharded key-value store on a miss.',
  'The table is keyed by short code: short_code (PK), long_url, user_id, created_at, expires_at.',
].join('\n');

export const WEAK_DESIGN = 'We would use a server and a database to store the links.';

// Turning settings + flags + environment into a ready LLM runtime: flags override settings, settings
// override defaults. The API key goes straight into the transport and nowhere else: LlmConfig only says
// whether there is one.
import { join } from 'node:path';
import { dataPaths, type DataPaths } from '../storage/paths.js';
import { LlmError } from './errors.js';
import { loadScript, ScriptedTransport } from './fake-transport.js';
import { createOpenAiTransport } from './openai-transport.js';
import { Limiter } from './pool.js';
import { isOpenAiHost, ProfileStore, redactUrl } from './server-profiles.js';
import type { GraderMode, LlmSettings, StructuredMode } from './settings-schema.js';
import type { ChatTransport } from './transport.js';
import type { LlmPrices } from './usage.js';
import { GradeCache } from './cache.js';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** A JSON-lines script of replies that replaces the network (tests and demos; see fake-transport.ts). */
export const FAKE_ENV = 'SDCOACH_LLM_FAKE_RESPONSES';

export interface LlmOverrides {
  model?: string | undefined;
  baseURL?: string | undefined;
  samples?: number | undefined;
}

export interface LlmConfig {
  baseURL: string;
  model: string;
  hasKey: boolean;
  timeoutMs: number;
  totalTimeoutMs: number;
  retries: number;
  concurrency: number;
  samples: number;
  maxTokens: number;
  structuredOutput: 'auto' | StructuredMode;
  prices: LlmPrices | undefined;
}

export interface LlmRuntime {
  config: LlmConfig;
  transport: ChatTransport;
  profiles: ProfileStore;
  /** Null in memory-only runs. `--no-cache` skips reading it; a fresh result still replaces the entry. */
  cache: GradeCache | null;
  limiter: Limiter;
}

/** Whether the LLM should run by default, from the `grader` setting. */
export const llmWanted = (grader: GraderMode): boolean => grader !== 'rubric';

const validUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

export const resolveLlmConfig = (
  s: LlmSettings,
  o: LlmOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): { config: LlmConfig; apiKey: string } | { error: LlmError } => {
  const baseURL = (o.baseURL ?? s.baseURL ?? DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
  if (!validUrl(baseURL)) return { error: new LlmError('not-configured', `the base URL "${redactUrl(baseURL)}" is not an http(s) URL`) };
  const model = (o.model ?? s.model ?? '').trim();
  if (!model) {
    return { error: new LlmError('not-configured', 'no model set: run `sdcoach config set llm.model <name>` or pass --model') };
  }
  const key = s.apiKey ?? (env.OPENAI_API_KEY?.trim() || undefined);
  if (!key && isOpenAiHost(baseURL)) {
    return {
      error: new LlmError('no-key', `no API key for ${baseURL}: set OPENAI_API_KEY or run \`sdcoach config set llm.apiKey -\` (reads it from stdin)`),
    };
  }
  return {
    // Local servers ignore the key, but the SDK refuses to start without one.
    apiKey: key ?? 'no-key',
    config: {
      baseURL,
      model,
      hasKey: key !== undefined,
      timeoutMs: s.timeoutSeconds * 1000,
      totalTimeoutMs: s.totalTimeoutSeconds * 1000,
      retries: s.retries,
      concurrency: s.concurrency,
      samples: o.samples ?? s.samples,
      maxTokens: s.maxTokens,
      structuredOutput: s.structuredOutput,
      prices: s.prices,
    },
  };
};

export interface RuntimeOptions {
  settings: LlmSettings;
  overrides?: LlmOverrides;
  env?: NodeJS.ProcessEnv;
  paths?: DataPaths;
  /** Use this transport instead of the network (tests). */
  transport?: ChatTransport;
  /** Keep the server profiles in memory only. */
  memoryOnly?: boolean;
}

export const llmDir = (paths: DataPaths = dataPaths()): string => join(paths.data, 'llm');

export const createLlmRuntime = (o: RuntimeOptions): LlmRuntime | LlmError => {
  const env = o.env ?? process.env;
  const resolved = resolveLlmConfig(o.settings, o.overrides, env);
  if ('error' in resolved) return resolved.error;
  const { config, apiKey } = resolved;
  const dir = llmDir(o.paths ?? dataPaths(env));
  let transport = o.transport;
  if (!transport && env[FAKE_ENV]) {
    try {
      transport = new ScriptedTransport(loadScript(env[FAKE_ENV]));
    } catch (e) {
      return new LlmError('not-configured', `${FAKE_ENV}: ${(e as Error).message}`);
    }
  }
  transport ??= createOpenAiTransport({ baseURL: config.baseURL, apiKey, timeoutMs: config.timeoutMs, retries: config.retries });
  return {
    config,
    transport,
    profiles: new ProfileStore(o.memoryOnly ? null : join(dir, 'servers.json')),
    cache: o.memoryOnly ? null : new GradeCache(join(dir, 'cache')),
    limiter: new Limiter(config.concurrency),
  };
};

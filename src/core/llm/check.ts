// `sdcoach llm check`: one small request that shows whether the server answers, which model replied,
// which structured-output mode it accepts (learned afresh and remembered), and how long it took.
import * as z from 'zod';
import { toLlmError, type LlmErrorKind } from './errors.js';
import { loadPrompt, renderSection } from './prompts.js';
import type { LlmRuntime } from './runtime.js';
import { ProfileStore, redactUrl } from './server-profiles.js';
import type { StructuredMode } from './settings-schema.js';
import { requestJson } from './structured.js';
import type { ChatTransport } from './transport.js';
import { emptyUsage, type LlmUsage } from './usage.js';

export interface CheckReport {
  ok: boolean;
  baseURL: string;
  model: string;
  /** The model name the server reported in its reply. */
  servedModel: string | null;
  /** The server answered at all (even with an error status). */
  reachable: boolean;
  mode: StructuredMode | null;
  sendsTemperature: boolean | null;
  latencyMs: number;
  repaired: boolean;
  error: string | null;
  kind: LlmErrorKind | null;
  usage: LlmUsage;
}

const UNREACHABLE: LlmErrorKind[] = ['connection', 'dns', 'timeout', 'cancelled', 'not-configured', 'no-key'];

export const checkLlm = async (rt: LlmRuntime, signal?: AbortSignal): Promise<CheckReport> => {
  const usage = emptyUsage();
  let servedModel: string | null = null;
  let lastLatency = 0;
  const recording: ChatTransport = {
    async send(req, s) {
      const r = await rt.transport.send(req, s);
      servedModel = r.model;
      lastLatency = r.latencyMs;
      return r;
    },
  };
  // Learn afresh rather than trusting what an earlier run remembered; keep what we learn.
  const probe = new ProfileStore(null);
  const t = loadPrompt('check');
  const started = performance.now();
  const base = { baseURL: redactUrl(rt.config.baseURL), model: rt.config.model };
  const budget = AbortSignal.timeout(rt.config.timeoutMs);
  try {
    const res = await requestJson(
      {
        transport: recording,
        profiles: probe,
        baseURL: rt.config.baseURL,
        model: rt.config.model,
        structuredOutput: rt.config.structuredOutput,
        maxTokens: Math.min(rt.config.maxTokens, 1024),
        signal: signal ? AbortSignal.any([signal, budget]) : budget,
        usage,
      },
      {
        messages: [
          { role: 'system', content: renderSection(t, 'system', {}) },
          { role: 'user', content: renderSection(t, 'user', {}) },
        ],
        schema: z.object({ ok: z.boolean() }),
        schemaName: 'check',
        repairMessage: () => 'Reply with exactly {"ok": true} and nothing else.',
      },
    );
    const learned = probe.get(rt.config.baseURL, rt.config.model);
    rt.profiles.set(rt.config.baseURL, rt.config.model, learned);
    usage.latencyMs = Math.round(performance.now() - started);
    return {
      ok: true,
      ...base,
      servedModel,
      reachable: true,
      mode: res.mode,
      sendsTemperature: learned.sendTemperature,
      latencyMs: lastLatency || usage.latencyMs,
      repaired: res.repaired,
      error: null,
      kind: null,
      usage,
    };
  } catch (e) {
    const err = toLlmError(e);
    usage.latencyMs = Math.round(performance.now() - started);
    return {
      ok: false,
      ...base,
      servedModel,
      reachable: !UNREACHABLE.includes(err.kind),
      mode: null,
      sendsTemperature: null,
      latencyMs: usage.latencyMs,
      repaired: false,
      error: err.message,
      kind: err.kind,
      usage,
    };
  }
};

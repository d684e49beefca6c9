// Tokens, calls, latency and (with prices configured) cost, summed over every request of a grading,
// retries after a refusal and repair requests included.
import type { ChatReply } from './transport.js';

export interface LlmPrices {
  input?: number | undefined;
  cachedInput?: number | undefined;
  output?: number | undefined;
}

export interface LlmUsage {
  calls: number;
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Replies that reported no usage: the token counts are then a lower bound. */
  callsWithoutUsage: number;
  /** Wall-clock time of the grading. */
  latencyMs: number;
  /** USD; null without configured prices. */
  costUsd: number | null;
  /** True when the result came from the cache (no request was made). */
  cacheHit: boolean;
}

export const emptyUsage = (): LlmUsage => ({
  calls: 0,
  inputTokens: 0,
  cachedTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  callsWithoutUsage: 0,
  latencyMs: 0,
  costUsd: null,
  cacheHit: false,
});

export const addReply = (u: LlmUsage, r: ChatReply): void => {
  u.calls++;
  if (!r.usage) {
    u.callsWithoutUsage++;
    return;
  }
  u.inputTokens += r.usage.input;
  u.cachedTokens += r.usage.cached;
  u.outputTokens += r.usage.output;
  u.reasoningTokens += r.usage.reasoning;
};

export const sumUsage = (list: LlmUsage[]): LlmUsage => {
  const out = emptyUsage();
  for (const u of list) {
    out.calls += u.calls;
    out.inputTokens += u.inputTokens;
    out.cachedTokens += u.cachedTokens;
    out.outputTokens += u.outputTokens;
    out.reasoningTokens += u.reasoningTokens;
    out.callsWithoutUsage += u.callsWithoutUsage;
    out.latencyMs = Math.max(out.latencyMs, u.latencyMs);
    if (u.costUsd !== null) out.costUsd = (out.costUsd ?? 0) + u.costUsd;
  }
  out.cacheHit = list.length > 0 && list.every((u) => u.cacheHit);
  return out;
};

/** Cost in USD from prices per million tokens; cached input falls back to the input price. */
export const costOf = (u: LlmUsage, prices: LlmPrices | undefined): number | null => {
  if (!prices || prices.input === undefined || prices.output === undefined) return null;
  const cachedPrice = prices.cachedInput ?? prices.input;
  const fresh = Math.max(0, u.inputTokens - u.cachedTokens);
  return (fresh * prices.input + u.cachedTokens * cachedPrice + u.outputTokens * prices.output) / 1_000_000;
};

const n = (x: number): string => x.toLocaleString('en-US');

/** "2 calls · 3,120 in (1,024 cached) · 850 out · 4.2 s · $0.0012" */
export const formatUsage = (u: LlmUsage): string => {
  if (u.cacheHit) return 'from the cache: no request made';
  const parts = [`${u.calls} call${u.calls === 1 ? '' : 's'}`];
  if (u.callsWithoutUsage === u.calls && u.calls > 0) parts.push('tokens n/a (the server reported none)');
  else {
    parts.push(`${n(u.inputTokens)} in${u.cachedTokens ? ` (${n(u.cachedTokens)} cached)` : ''}`);
    parts.push(`${n(u.outputTokens)} out${u.reasoningTokens ? ` (${n(u.reasoningTokens)} reasoning)` : ''}`);
  }
  parts.push(`${(u.latencyMs / 1000).toFixed(1)} s`);
  if (u.costUsd !== null) parts.push(`$${u.costUsd < 0.01 ? u.costUsd.toFixed(4) : u.costUsd.toFixed(2)}`);
  return parts.join(' · ');
};

// The real transport: the openai SDK, imported on first use so commands that never talk to an LLM do not
// pay for loading it. The SDK's own retries are off: it sleeps for whatever Retry-After says, without
// listening to the abort signal, which could freeze the TUI. We retry here, with a cap and a signal.
import * as z from 'zod';
import { LlmError, oneLine } from './errors.js';
import type { ChatReply, ChatRequest, ChatTransport, TokenUsage } from './transport.js';

export const MAX_REPLY_BYTES = 1024 * 1024;
/** A Retry-After longer than this fails at once rather than keeping the user waiting. */
export const MAX_RETRY_AFTER_SECONDS = 30;

export interface OpenAiTransportOptions {
  baseURL: string;
  /** Only ever passed to the SDK; never stored elsewhere. */
  apiKey: string;
  timeoutMs: number;
  retries: number;
  maxReplyBytes?: number;
  /** Backoff before retry n (1-based) when the server gives no Retry-After. */
  backoffMs?: (attempt: number) => number;
}

const CompletionSchema = z.object({
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().nullish(),
      completion_tokens: z.number().nullish(),
      prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
      completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
    })
    .nullish(),
});

const usageOf = (u: z.infer<typeof CompletionSchema>['usage']): TokenUsage | null =>
  u && (u.prompt_tokens != null || u.completion_tokens != null)
    ? {
        input: u.prompt_tokens ?? 0,
        cached: u.prompt_tokens_details?.cached_tokens ?? 0,
        output: u.completion_tokens ?? 0,
        reasoning: u.completion_tokens_details?.reasoning_tokens ?? 0,
      }
    : null;

/** Sleeps, or rejects with a cancellation as soon as the signal aborts. */
export const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new LlmError('cancelled', 'cancelled before the LLM replied'));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new LlmError('cancelled', 'cancelled before the LLM replied'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Reads a body up to `max` bytes; a longer reply is cancelled and refused. */
const readCapped = async (res: Response, max: number): Promise<string> => {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(max);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const tooLarge = (max: number): LlmError =>
  new LlmError('too-large', `the server's reply is over ${Math.round(max / 1024 / 1024) || 1} MB; ignored`);

const causeCode = (e: unknown): string | undefined => {
  for (let c: unknown = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
  }
  return undefined;
};

const retryAfterSeconds = (headers: unknown): number | undefined => {
  const get = (k: string): string | null => (headers && typeof (headers as Headers).get === 'function' ? (headers as Headers).get(k) : null);
  const ms = Number.parseFloat(get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return Math.max(0, ms / 1000);
  const raw = get('retry-after');
  if (!raw) return undefined;
  const s = Number.parseFloat(raw);
  if (Number.isFinite(s)) return Math.max(0, s);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, (at - Date.now()) / 1000) : undefined;
};

/** The server's own words about an error: its message and the parameter it names. */
const serverDetail = (e: { error?: unknown; param?: unknown; message?: string }): string => {
  const body = e.error;
  const msg =
    typeof body === 'string'
      ? body
      : body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string'
        ? (body as { message: string }).message
        : (e.message ?? '');
  const param = typeof e.param === 'string' ? e.param : '';
  return oneLine(`${param ? `${param}: ` : ''}${msg}`, 200);
};

/** Maps whatever the SDK or fetch threw to one LlmError with a cause the user can act on. */
export const classifyError = (e: unknown, ctx: { baseURL: string; model: string; user: AbortSignal; timeout: AbortSignal; timeoutMs: number }): LlmError => {
  if (e instanceof LlmError) return e;
  if (ctx.user.aborted) return new LlmError('cancelled', 'cancelled before the LLM replied');
  const secs = Math.round(ctx.timeoutMs / 1000);
  if (ctx.timeout.aborted) return new LlmError('timeout', `no complete reply from ${ctx.baseURL} within ${secs} s (llm.timeoutSeconds)`);
  const err = e as { status?: unknown; headers?: unknown; name?: string; message?: string; error?: unknown; param?: unknown };
  const status = typeof err.status === 'number' ? err.status : undefined;
  if (status !== undefined) {
    const detail = serverDetail(err);
    const opts = { status, detail };
    if (status === 401) return new LlmError('auth', '401 unauthorized: check the key (llm.apiKey or OPENAI_API_KEY)', opts);
    if (status === 403) return new LlmError('forbidden', `403 forbidden: the key may not use model "${ctx.model}"`, opts);
    if (status === 404) {
      return /model/i.test(detail)
        ? new LlmError('model-not-found', `model not found: "${ctx.model}" is not on ${ctx.baseURL} (check llm.model; for Ollama, \`ollama pull ${ctx.model}\`)`, opts)
        : new LlmError('model-not-found', `404 from ${ctx.baseURL}/chat/completions: model "${ctx.model}" not found, or the base URL is wrong (it usually ends in /v1)`, opts);
    }
    if (status === 429) {
      const after = retryAfterSeconds(err.headers);
      return new LlmError(
        'rate-limited',
        `429 rate limited${after !== undefined ? `: the server asks to retry after ${Math.ceil(after)} s` : ''}${detail ? ` (${detail})` : ''}`,
        { ...opts, retryAfterSeconds: after },
      );
    }
    if (status >= 500) return new LlmError('server', `the server failed with ${status}${detail ? `: ${detail}` : ''}`, opts);
    return new LlmError('bad-request', `the server rejected the request with ${status}${detail ? `: ${detail}` : ''}`, opts);
  }
  const code = causeCode(e);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new LlmError('dns', `cannot resolve the host of ${ctx.baseURL} (DNS ${code}); check llm.baseURL`);
  }
  if (code === 'ECONNREFUSED') {
    return new LlmError('connection', `nothing listening at ${ctx.baseURL}; is Ollama (or LM Studio, vLLM, llama.cpp) running?`);
  }
  if (err.name === 'APIConnectionTimeoutError' || /timed? ?out/i.test(err.message ?? '')) {
    return new LlmError('timeout', `no complete reply from ${ctx.baseURL} within ${secs} s (llm.timeoutSeconds)`);
  }
  return new LlmError('connection', `cannot reach ${ctx.baseURL}${code ? ` (${code})` : ''}: ${oneLine(err.message ?? String(e), 120)}`);
};

const retryable = (e: LlmError): boolean =>
  e.kind === 'rate-limited' || e.kind === 'server' || (e.kind === 'connection' && !/nothing listening/.test(e.message));

type OpenAiClient = {
  chat: { completions: { create: (body: unknown, options: unknown) => { asResponse: () => Promise<Response> } } };
};

export const createOpenAiTransport = (options: OpenAiTransportOptions): ChatTransport => {
  let client: OpenAiClient | undefined;
  const max = options.maxReplyBytes ?? MAX_REPLY_BYTES;
  const backoff = options.backoffMs ?? ((n: number) => Math.min(500 * 2 ** (n - 1), 8000) * (1 - Math.random() * 0.25));

  const getClient = async (): Promise<OpenAiClient> => {
    if (!client) {
      const { default: OpenAI } = await import('openai');
      client = new OpenAI({
        baseURL: options.baseURL,
        apiKey: options.apiKey,
        maxRetries: 0,
        timeout: options.timeoutMs,
        // The SDK's debug logs are never wanted here; they could show request details.
        logLevel: 'off',
      }) as unknown as OpenAiClient;
    }
    return client;
  };

  const once = async (req: ChatRequest, user: AbortSignal): Promise<ChatReply> => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = AbortSignal.any([user, timeout]);
    const ctx = { baseURL: options.baseURL, model: req.model, user, timeout, timeoutMs: options.timeoutMs };
    const started = performance.now();
    try {
      const c = await getClient();
      const body: Record<string, unknown> = { model: req.model, messages: req.messages, [req.maxTokensParam]: req.maxTokens };
      if (req.temperature !== undefined) body.temperature = req.temperature;
      if (req.responseFormat) body.response_format = req.responseFormat;
      const res = await c.chat.completions.create(body, { signal, maxRetries: 0, timeout: options.timeoutMs }).asResponse();
      const text = await readCapped(res, max);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new LlmError('invalid-output', `the server's reply is not JSON (${text.length} bytes${text.length ? `, starting "${oneLine(text, 40)}"` : ''})`);
      }
      const errorBody = (json as { error?: unknown } | null)?.error;
      if (errorBody) throw new LlmError('server', `the server returned an error: ${serverDetail({ error: errorBody })}`);
      const parsed = CompletionSchema.safeParse(json);
      if (!parsed.success) throw new LlmError('invalid-output', "the server's reply is not a chat completion (no choices)");
      const choice = parsed.data.choices[0]!;
      return {
        content: choice.message?.content ?? null,
        refusal: choice.message?.refusal ?? null,
        finishReason: choice.finish_reason ?? null,
        usage: usageOf(parsed.data.usage),
        latencyMs: Math.round(performance.now() - started),
        model: parsed.data.model ?? null,
      };
    } catch (e) {
      throw classifyError(e, ctx);
    }
  };

  return {
    async send(req, user) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(req, user);
        } catch (e) {
          const err = e as LlmError;
          if (!retryable(err) || attempt >= options.retries) throw err;
          const after = err.retryAfterSeconds;
          if (after !== undefined && after > MAX_RETRY_AFTER_SECONDS) throw err;
          await abortableSleep(after !== undefined ? after * 1000 : backoff(attempt + 1), user);
        }
      }
    },
  };
};

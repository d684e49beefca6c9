// A scripted transport for tests and demos: replies are taken in order (or by a pattern on the last user
// message, so concurrent phases get the right one), and every request is recorded. A file of JSON lines
// (SDCOACH_LLM_FAKE_RESPONSES) drives it from outside, e.g. for terminal tests of the TUI.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { LLM_ERROR_KINDS, LlmError } from './errors.js';
import type { ChatReply, ChatRequest, ChatTransport, TokenUsage } from './transport.js';

export interface ScriptedReply {
  content?: string | null;
  refusal?: string | null;
  finishReason?: string;
  usage?: TokenUsage | null;
  /** Regex source tested against the last user message; the first unused matching step answers. */
  match?: string;
  /** Milliseconds to wait before replying (cancellable). */
  delayMs?: number;
}
export type ScriptStep = ScriptedReply | LlmError | ((request: ChatRequest) => ScriptedReply | LlmError);

export class ScriptedTransport implements ChatTransport {
  readonly requests: ChatRequest[] = [];
  private readonly steps: ScriptStep[];

  constructor(steps: ScriptStep[]) {
    this.steps = [...steps];
  }

  get remaining(): number {
    return this.steps.length;
  }

  async send(request: ChatRequest, signal: AbortSignal): Promise<ChatReply> {
    if (signal.aborted) throw new LlmError('cancelled', 'cancelled before the LLM replied');
    this.requests.push(structuredClone(request));
    const last = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    let index = this.steps.findIndex((s) => !(s instanceof LlmError) && typeof s !== 'function' && s.match !== undefined && new RegExp(s.match).test(last));
    if (index < 0) index = this.steps.findIndex((s) => s instanceof LlmError || typeof s === 'function' || s.match === undefined);
    if (index < 0) throw new LlmError('server', 'the scripted transport has no reply left');
    const [step] = this.steps.splice(index, 1);
    const reply = typeof step === 'function' ? step(request) : step!;
    if (reply instanceof LlmError) throw reply;
    if (reply.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, reply.delayMs);
        signal.addEventListener('abort', () => (clearTimeout(t), reject(new LlmError('cancelled', 'cancelled before the LLM replied'))), { once: true });
      });
    }
    return {
      content: reply.content === undefined ? null : reply.content,
      refusal: reply.refusal ?? null,
      finishReason: reply.finishReason ?? 'stop',
      usage: reply.usage === undefined ? { input: 100, cached: 0, output: 50, reasoning: 0 } : reply.usage,
      latencyMs: reply.delayMs ?? 1,
      model: request.model,
    };
  }
}

const FileStepSchema = z.union([
  z.strictObject({
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    finishReason: z.string().optional(),
    usage: z.object({ input: z.number(), cached: z.number(), output: z.number(), reasoning: z.number() }).nullish(),
    match: z.string().optional(),
    delayMs: z.number().nonnegative().optional(),
  }),
  z.strictObject({ error: z.object({ kind: z.enum(LLM_ERROR_KINDS), message: z.string(), status: z.number().optional(), detail: z.string().optional() }) }),
]);

/** Reads a JSON-lines script: one reply (or `{"error": {...}}`) per line; blank lines and `//` lines skipped. */
export const loadScript = (file: string): ScriptStep[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('//'))
    .map((l, i) => {
      const parsed = FileStepSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: not a scripted reply: ${z.prettifyError(parsed.error)}`);
      const d = parsed.data;
      if ('error' in d) return new LlmError(d.error.kind, d.error.message, { status: d.error.status, detail: d.error.detail });
      return d as ScriptedReply;
    });

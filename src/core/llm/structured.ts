// One JSON request, made to work on any OpenAI-compatible server: ask with json_schema, step down to
// json_object and then to prompt-only when the server refuses (remembered per base URL + model), adapt
// to refused parameters, always extract and validate the reply ourselves, retry once with a larger budget
// when the reply was cut off, and send one repair request when the JSON does not fit the schema.
import * as z from 'zod';
import { LlmError, oneLine, toLlmError } from './errors.js';
import { extractJson } from './extract.js';
import { jsonSchemaFor } from './grade-schema.js';
import type { ProfileStore, ServerProfile } from './server-profiles.js';
import type { StructuredMode } from './settings-schema.js';
import { modeFormat, type ChatMessage, type ChatReply, type ChatTransport } from './transport.js';
import { addReply, type LlmUsage } from './usage.js';

export interface JsonCallContext {
  transport: ChatTransport;
  profiles: ProfileStore;
  baseURL: string;
  model: string;
  /** `auto` walks the ladder; a fixed mode never steps down. */
  structuredOutput: 'auto' | StructuredMode;
  maxTokens: number;
  signal: AbortSignal;
  usage: LlmUsage;
}

export interface JsonCall<T> {
  messages: ChatMessage[];
  schema: z.ZodType<T>;
  schemaName: string;
  /** The repair request's text, given the validation errors (≤ 500 characters). */
  repairMessage: (errors: string) => string;
}

export interface JsonResult<T> {
  value: T;
  mode: StructuredMode;
  repaired: boolean;
}

const NEXT_MODE: Record<StructuredMode, StructuredMode | null> = { json_schema: 'json_object', json_object: 'none', none: null };
const MAX_TOKENS_CEILING = 65_536;
const REPAIR_ECHO_CHARS = 8000;

type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

export const validateReply = <T>(content: string | null, schema: z.ZodType<T>): Validation<T> => {
  const ex = extractJson(content);
  if (!ex.ok) return ex;
  const parsed = schema.safeParse(ex.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: oneLine(z.prettifyError(parsed.error), 500) };
};

/** Decides how to adapt to a 400/422; null when the refusal is not about something we can change. */
const adapt = (err: LlmError, p: ServerProfile, mode: StructuredMode, auto: boolean): ServerProfile | null => {
  if (err.kind !== 'bad-request' || (err.status !== 400 && err.status !== 422)) return null;
  const d = `${err.detail} ${err.message}`.toLowerCase();
  if (/temperature/.test(d) && p.sendTemperature) return { ...p, sendTemperature: false };
  if (/max_completion_tokens/.test(d) && p.maxTokensParam === 'max_completion_tokens') return { ...p, maxTokensParam: 'max_tokens' };
  if (/max_tokens/.test(d) && p.maxTokensParam === 'max_tokens') return { ...p, maxTokensParam: 'max_completion_tokens' };
  const next = NEXT_MODE[mode];
  if (!auto || !next) return null;
  const aboutFormat = /response_format|json_schema|json_object|schema|structured|format|grammar|guided/.test(d);
  // A bare 400 that names nothing else is most often the format too (some servers say only "Bad Request").
  const aboutSomethingElse = /context|too long|length|token|model|messages|prompt|role/.test(d);
  return aboutFormat || !aboutSomethingElse ? { ...p, mode: next } : null;
};

export const requestJson = async <T>(ctx: JsonCallContext, call: JsonCall<T>): Promise<JsonResult<T>> => {
  const auto = ctx.structuredOutput === 'auto';
  const profile = ctx.profiles.get(ctx.baseURL, ctx.model);
  if (!auto) profile.mode = ctx.structuredOutput as StructuredMode;
  const jsonSchema = jsonSchemaFor(call.schema);

  const send = async (messages: ChatMessage[], maxTokens: number): Promise<ChatReply> => {
    for (let round = 0; ; round++) {
      const req = {
        model: ctx.model,
        messages,
        responseFormat: modeFormat(profile.mode, call.schemaName, jsonSchema),
        temperature: profile.sendTemperature ? 0 : undefined,
        maxTokens,
        maxTokensParam: profile.maxTokensParam,
      };
      try {
        const reply = await ctx.transport.send(req, ctx.signal);
        addReply(ctx.usage, reply);
        return reply;
      } catch (e) {
        const err = toLlmError(e);
        const next = round < 6 ? adapt(err, profile, profile.mode, auto) : null;
        if (!next) throw err;
        Object.assign(profile, next);
        ctx.profiles.set(ctx.baseURL, ctx.model, profile);
      }
    }
  };

  const refusedOrNull = (r: ChatReply): void => {
    if ((r.content === null || r.content.trim() === '') && r.refusal) throw new LlmError('refused', `the model refused: ${r.refusal}`);
  };

  const attempt = async (messages: ChatMessage[]): Promise<{ reply: ChatReply; v: Validation<T> }> => {
    let reply = await send(messages, ctx.maxTokens);
    let v = validateReply(reply.content, call.schema);
    if (reply.finishReason === 'length' && !v.ok) {
      const bigger = Math.min(ctx.maxTokens * 2, MAX_TOKENS_CEILING);
      reply = await send(messages, bigger);
      v = validateReply(reply.content, call.schema);
      if (reply.finishReason === 'length' && !v.ok) {
        throw new LlmError('truncated', `the reply was cut off (finish_reason: length) even at ${bigger} tokens; raise llm.maxTokens`);
      }
    }
    if (!v.ok) refusedOrNull(reply);
    return { reply, v };
  };

  const first = await attempt(call.messages);
  if (first.v.ok) return { value: first.v.value, mode: profile.mode, repaired: false };

  const repairMessages: ChatMessage[] = [
    ...call.messages,
    { role: 'assistant', content: (first.reply.content ?? '').slice(0, REPAIR_ECHO_CHARS) },
    { role: 'user', content: call.repairMessage(first.v.error) },
  ];
  const second = await attempt(repairMessages);
  if (second.v.ok) return { value: second.v.value, mode: profile.mode, repaired: true };
  throw new LlmError('invalid-output', `the model's reply did not fit the expected JSON, even after a repair request: ${oneLine(second.v.error, 160)}`);
};

// The seam between sdcoach and a chat-completions server. Grading talks to a ChatTransport; the real one
// (openai-transport.ts) wraps the openai SDK, the scripted one (fake-transport.ts) replays replies in tests.
import type { StructuredMode } from './settings-schema.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type ResponseFormat =
  | { type: 'json_schema'; json_schema: { name: string; strict: true; schema: Record<string, unknown> } }
  | { type: 'json_object' };

export type MaxTokensParam = 'max_tokens' | 'max_completion_tokens';

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Absent in prompt-only mode. */
  responseFormat?: ResponseFormat;
  /** Always 0, unless the model has refused the parameter (reasoning models). */
  temperature?: number;
  maxTokens: number;
  maxTokensParam: MaxTokensParam;
}

export interface TokenUsage {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

export interface ChatReply {
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
  /** Null when the server did not report usage. */
  usage: TokenUsage | null;
  latencyMs: number;
  model: string | null;
}

export interface ChatTransport {
  /** Sends one request; throws LlmError (never anything else) on failure, including cancellation. */
  send(request: ChatRequest, signal: AbortSignal): Promise<ChatReply>;
}

export const modeFormat = (mode: StructuredMode, name: string, schema: Record<string, unknown>): ResponseFormat | undefined => {
  if (mode === 'json_schema') return { type: 'json_schema', json_schema: { name, strict: true, schema } };
  if (mode === 'json_object') return { type: 'json_object' };
  return undefined;
};

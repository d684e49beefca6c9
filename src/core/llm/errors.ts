// Everything that can go wrong with the LLM becomes one LlmError with a kind and a one-line message the
// user can act on. None of these ever stops the rubric grade from showing.

export const LLM_ERROR_KINDS = [
  'not-configured',
  'no-key',
  'connection',
  'dns',
  'timeout',
  'cancelled',
  'auth',
  'forbidden',
  'model-not-found',
  'rate-limited',
  'server',
  'bad-request',
  'too-large',
  'truncated',
  'refused',
  'invalid-output',
] as const;
export type LlmErrorKind = (typeof LLM_ERROR_KINDS)[number];

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly status: number | undefined;
  /** The server's error text (param and message), used to decide on a fallback; never shown raw. */
  readonly detail: string;
  /** Seconds the server asked us to wait (429). */
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: LlmErrorKind, message: string, options: { status?: number; detail?: string; retryAfterSeconds?: number } = {}) {
    super(oneLine(message));
    this.name = 'LlmError';
    this.kind = kind;
    this.status = options.status;
    this.detail = options.detail ?? '';
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isLlmError = (e: unknown): e is LlmError => e instanceof LlmError;

/** Collapses whitespace and strips control characters, so a server's text can never draw on the terminal. */
export const oneLine = (s: string, max = 300): string => {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Any thrown value as an LlmError; unknown errors keep their message. */
export const toLlmError = (e: unknown): LlmError => {
  if (e instanceof LlmError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new LlmError('server', `unexpected error: ${msg}`);
};

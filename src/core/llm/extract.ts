// Getting the JSON out of a model's reply, whatever the server did with response_format: reasoning models
// put a <think> block first, prompt-only servers wrap JSON in code fences or add a sentence around it.

export type Extracted = { ok: true; value: unknown } | { ok: false; error: string };

/** Removes <think>…</think> blocks; an unclosed one (truncated reasoning) drops everything after it. */
export const stripThinking = (s: string): string => {
  let out = s.replace(/<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi, '');
  // Some servers drop the opening tag and leave only the close.
  const close = /<\/(think|thinking|reasoning)>/i.exec(out);
  if (close) out = out.slice(close.index + close[0].length);
  const open = /<(think|thinking|reasoning)>/i.exec(out);
  if (open) out = out.slice(0, open.index);
  return out;
};

export const extractJson = (content: string | null): Extracted => {
  if (content === null || content.trim() === '') return { ok: false, error: 'the reply was empty' };
  let s = stripThinking(content).trim();
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(s);
  if (fence && fence[1]!.includes('{')) s = fence[1]!.trim();
  const first = s.indexOf('{');
  const last = s.lastIndexOf('}');
  if (first < 0 || last < first) return { ok: false, error: 'the reply has no JSON object' };
  const candidate = s.slice(first, last + 1);
  try {
    return { ok: true, value: JSON.parse(candidate) };
  } catch (e) {
    return { ok: false, error: `the reply is not valid JSON (${(e as Error).message.slice(0, 120)})` };
  }
};

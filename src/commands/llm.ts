// `sdcoach llm check`: one small request to the configured (or given) endpoint; reports reachability,
// the model that answered, the structured-output mode the server accepts, and latency, or the one-line
// cause of the failure. Exit 1 when the check fails.
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { checkLlm } from '../core/llm/check.js';
import { LlmError } from '../core/llm/errors.js';
import { createLlmRuntime } from '../core/llm/runtime.js';
import { redactUrl } from '../core/llm/server-profiles.js';
import { loadSettingsAsync } from '../core/storage/settings.js';

export interface LlmCheckOptions {
  json?: boolean;
  model?: string;
  baseUrl?: string;
}

const MODE_TEXT = {
  json_schema: 'json_schema (the reply is held to the schema)',
  json_object: 'json_object (JSON promised, schema checked by sdcoach)',
  none: 'prompt-only (no structured output; the JSON is extracted and checked by sdcoach)',
} as const;

export const llmCheckCommand = async (opts: LlmCheckOptions, _cmd: Command): Promise<void> => {
  if (opts.baseUrl !== undefined && !/^https?:\/\/\S+$/i.test(opts.baseUrl)) {
    throw new UserError(`--base-url must be an http(s) URL, e.g. http://localhost:11434/v1 (got "${opts.baseUrl}")`, { exitCode: 2 });
  }
  const settings = (await loadSettingsAsync()).settings;
  const rt = createLlmRuntime({ settings: settings.llm, overrides: { model: opts.model, baseURL: opts.baseUrl } });
  if (rt instanceof LlmError) {
    if (opts.json) process.stdout.write(`${JSON.stringify({ ok: false, error: rt.message, kind: rt.kind }, null, 2)}\n`);
    else process.stderr.write(`sdcoach: LLM check failed: ${rt.message}\n`);
    process.exitCode = 1;
    return;
  }
  const ctrl = new AbortController();
  const onSigint = (): void => ctrl.abort();
  process.on('SIGINT', onSigint);
  if (!opts.json && process.stderr.isTTY) process.stderr.write(`Checking ${redactUrl(rt.config.baseURL)} with model ${rt.config.model}…\n`);
  const r = await checkLlm(rt, ctrl.signal).finally(() => process.off('SIGINT', onSigint));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  } else if (r.ok) {
    const lines = [
      `✓ ${r.baseURL} answered in ${(r.latencyMs / 1000).toFixed(2)} s`,
      `  model:             ${r.model}${r.servedModel && r.servedModel !== r.model ? ` (served as ${r.servedModel})` : ''}`,
      `  structured output: ${MODE_TEXT[r.mode!]}`,
      `  temperature 0:     ${r.sendsTemperature ? 'accepted' : 'refused by this model (sent without it)'}`,
      `  key:               ${rt.config.hasKey ? 'set (hidden)' : 'none (fine for a local server)'}`,
    ];
    if (r.repaired) lines.push('  note: the first reply was not the JSON asked for; a repair request fixed it');
    process.stdout.write(`${lines.join('\n')}\n`);
  } else {
    process.stderr.write(`sdcoach: LLM check failed: ${r.error}\n`);
  }
  if (!r.ok) process.exitCode = r.kind === 'cancelled' ? 130 : 1;
};

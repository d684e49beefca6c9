// What we learned about a server + model: the structured-output mode it accepts and the parameters it
// refuses. Remembered under the data dir so the next run starts at the right rung instead of paying for
// the same 400s again. A lost or corrupt file only costs those requests.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';
import { safeWriteFile } from '../storage/safe-write.js';
import { STRUCTURED_MODES, type StructuredMode } from './settings-schema.js';
import type { MaxTokensParam } from './transport.js';

export interface ServerProfile {
  mode: StructuredMode;
  sendTemperature: boolean;
  maxTokensParam: MaxTokensParam;
}

const ProfileSchema = z.object({
  mode: z.enum(STRUCTURED_MODES),
  sendTemperature: z.boolean(),
  maxTokensParam: z.enum(['max_tokens', 'max_completion_tokens']),
  updatedAt: z.string().optional(),
});
const FileSchema = z.object({ version: z.literal(1), servers: z.record(z.string(), ProfileSchema) });

/** A base URL without credentials or query: safe to store and print. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
};

export const isOpenAiHost = (baseURL: string): boolean => {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
};

export const defaultProfile = (baseURL: string): ServerProfile => ({
  mode: 'json_schema',
  sendTemperature: true,
  // OpenAI deprecated max_tokens (reasoning models refuse it); Ollama and others only read max_tokens.
  maxTokensParam: isOpenAiHost(baseURL) ? 'max_completion_tokens' : 'max_tokens',
});

export class ProfileStore {
  private readonly mem = new Map<string, ServerProfile>();
  private loaded = false;

  /** `file` null keeps everything in memory (tests, or a data dir we cannot write). */
  constructor(private readonly file: string | null) {}

  private key(baseURL: string, model: string): string {
    return `${redactUrl(baseURL)} ${model}`;
  }

  private load(): Record<string, z.infer<typeof ProfileSchema>> {
    if (!this.file) return {};
    try {
      const parsed = FileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data.servers : {};
    } catch {
      return {};
    }
  }

  get(baseURL: string, model: string): ServerProfile {
    if (!this.loaded) {
      for (const [k, v] of Object.entries(this.load())) this.mem.set(k, { mode: v.mode, sendTemperature: v.sendTemperature, maxTokensParam: v.maxTokensParam });
      this.loaded = true;
    }
    return { ...(this.mem.get(this.key(baseURL, model)) ?? defaultProfile(baseURL)) };
  }

  /** Remembers a profile; a failed write is ignored (it only costs a step-down next time). */
  set(baseURL: string, model: string, profile: ServerProfile): void {
    const k = this.key(baseURL, model);
    this.mem.set(k, { ...profile });
    if (!this.file) return;
    try {
      const servers = this.load();
      servers[k] = { ...profile, updatedAt: new Date().toISOString() };
      mkdirSync(dirname(this.file), { recursive: true });
      safeWriteFile(this.file, `${JSON.stringify({ version: 1, servers }, null, 2)}\n`);
    } catch {
      // remembered in memory for this run
    }
  }
}

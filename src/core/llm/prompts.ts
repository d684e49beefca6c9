// Prompt templates live in prompts/*.md so they can be read and reviewed as text. Each file has front
// matter (id, version) and sections headed `# system`, `# user`, ...; `{{name}}` placeholders are filled in
// one pass, so text inside a value (the candidate's answer) is never expanded again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { PACKAGE_ROOT } from '../content/load.js';

export const PROMPTS_DIR = join(PACKAGE_ROOT, 'prompts');

const FrontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.coerce.number().int().positive(),
});

export interface PromptTemplate {
  id: string;
  version: number;
  /** SHA-256 of the file: any edit changes cache keys even if the version was not bumped. */
  hash: string;
  sections: Record<string, string>;
  /** Placeholders used, per section. */
  placeholders: Record<string, string[]>;
}

const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g;

export const parsePrompt = (text: string, file = '(prompt)'): PromptTemplate => {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text.replace(/\r\n/g, '\n'));
  if (!m) throw new Error(`${file}: missing front matter (--- id/version ---)`);
  const fm = Object.fromEntries(
    m[1]!
      .split('\n')
      .map((l) => /^(\w+):\s*(.*?)\s*$/.exec(l))
      .filter((x): x is RegExpExecArray => x !== null)
      .map((x) => [x[1], x[2]]),
  );
  const meta = FrontMatterSchema.safeParse(fm);
  if (!meta.success) throw new Error(`${file}: front matter: ${z.prettifyError(meta.error)}`);
  const body = text.replace(/\r\n/g, '\n').slice(m[0].length);
  const sections: Record<string, string> = {};
  let current: string | null = null;
  const lines: Record<string, string[]> = {};
  for (const line of body.split('\n')) {
    const h = /^# ([a-z][a-z-]*)\s*$/.exec(line);
    if (h) {
      current = h[1]!;
      lines[current] = [];
    } else if (current) lines[current]!.push(line);
  }
  const placeholders: Record<string, string[]> = {};
  for (const [name, ls] of Object.entries(lines)) {
    sections[name] = ls.join('\n').trim();
    placeholders[name] = [...new Set([...sections[name].matchAll(PLACEHOLDER)].map((x) => x[1]!))];
  }
  return { id: meta.data.id, version: meta.data.version, hash: createHash('sha256').update(text).digest('hex'), sections, placeholders };
};

const loaded = new Map<string, PromptTemplate>();

export const loadPrompt = (id: string, dir = PROMPTS_DIR): PromptTemplate => {
  const file = join(dir, `${id}.md`);
  let t = loaded.get(file);
  if (!t) {
    t = parsePrompt(readFileSync(file, 'utf8'), file);
    if (t.id !== id) throw new Error(`${file}: front matter id "${t.id}" does not match the file name`);
    loaded.set(file, t);
  }
  return t;
};

/** Fills a section; a placeholder without a value is a bug in the caller, so it throws. */
export const renderSection = (t: PromptTemplate, section: string, vars: Record<string, string>): string => {
  const text = t.sections[section];
  if (text === undefined) throw new Error(`prompt ${t.id} has no "# ${section}" section`);
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`prompt ${t.id}/${section}: no value for {{${name}}}`);
    return v;
  });
};

// Cheap access to the question bank for session commands. Parsing every question file (loadBank) takes
// seconds on a busy machine, far over the budget of `stats`; these read only what they need: the header
// fields of each question (id, title, difficulty, tags) or one whole question for `review`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PACKAGE_ROOT, readYaml, type Problem } from '../content/load.js';
import { QuestionSchema, type Question } from '../content/schema.js';

export interface QuestionMeta {
  id: string;
  title: string;
  difficulty: 'easy' | 'medium' | 'hard';
  tags: string[];
}

const MetaSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  tags: z.array(z.string()).min(1),
});

const HEADER_KEYS = new Set(['id', 'title', 'difficulty', 'tags']);

/** The top-level blocks of the header keys: each key line plus its indented or `- ` continuation lines. */
export const headerSnippet = (text: string): string => {
  const out: string[] = [];
  let keep = false;
  for (const line of text.split(/\r?\n/)) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (key) keep = HEADER_KEYS.has(key[1]!);
    else if (line.startsWith('---') || line.startsWith('...')) keep = false;
    else if (line.trim() !== '' && !/^[\s#-]/.test(line)) keep = false;
    if (keep) out.push(line);
  }
  return out.join('\n');
};

const roots = (packs: readonly string[]): string[] => [PACKAGE_ROOT, ...packs.map((p) => resolve(p))];

const yamlIn = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch {
    return [];
  }
};

/**
 * Header fields of every question that has a rubric, built-in first; a file that does not parse is
 * skipped (`sdcoach validate` reports it). The first definition of an id wins, as in loadBank.
 */
export const questionIndex = (packs: readonly string[] = []): Map<string, QuestionMeta> => {
  const out = new Map<string, QuestionMeta>();
  for (const root of roots(packs)) {
    const dir = join(root, 'question-bank');
    for (const name of yamlIn(dir)) {
      const id = name.replace(/\.ya?ml$/i, '');
      if (out.has(id) || !(existsSync(join(root, 'rubrics', `${id}.yaml`)) || existsSync(join(root, 'rubrics', `${id}.yml`)))) continue;
      try {
        const meta = MetaSchema.safeParse(parse(headerSnippet(readFileSync(join(dir, name), 'utf8'))));
        if (meta.success && meta.data.id === id) out.set(id, meta.data);
      } catch {
        // unreadable or not YAML: validate reports it
      }
    }
  }
  return out;
};

/** One whole, validated question, or null when it is not in the bank (or does not validate). */
export const readQuestion = (id: string, packs: readonly string[] = []): Question | null => {
  for (const root of roots(packs)) {
    for (const ext of ['yaml', 'yml']) {
      const file = join(root, 'question-bank', `${id}.${ext}`);
      if (!existsSync(file)) continue;
      const problems: Problem[] = [];
      const read = readYaml(file, QuestionSchema, problems);
      return read.ok && read.value.id === id ? read.value : null;
    }
  }
  return null;
};

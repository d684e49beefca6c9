// The content schemas' messages for the rules a rubric author most often trips over.
import { describe, expect, it } from 'vitest';
import { RubricItemSchema } from '../../src/core/content/schema.js';

const messages = (value: unknown): string[] => {
  const r = RubricItemSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const item = (groups: string[]) => ({ id: 'uses-cache', label: 'Caches reads', why: 'Reads dominate.', match: [{ all: groups }] });

describe('concept groups', () => {
  it('accept single words, phrases and alternatives', () => {
    expect(messages(item(['cache', 'read through|read-through|cache aside', 'ttl | expiry']))).toEqual([]);
  });

  it.each(['cache|', '|cache', 'cache||redis', 'cache|  |redis', '|'])('reject an empty alternative in %j', (group) => {
    expect(messages(item([group]))).toEqual(['match.0.all.0: has an empty alternative between "|"']);
  });

  it('reject an empty group', () => {
    expect(messages(item(['   ']))).toEqual(['match.0.all.0: must not be empty']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/content/schema.js';
import { sessionMarkdown } from '../../src/core/render/session-markdown.js';
import { compareAttempts } from '../../src/core/stats/compare.js';
import { makeSession } from './fixtures.js';

const REFERENCE = { requirements: 'REF-REQ', estimation: 'REF-EST', design: 'REF-DESIGN', 'deep-dive': 'REF-DEEP' };
const question = { reference: REFERENCE, followUps: [{ id: 'hot-keys', reference: 'REF-HOT-KEYS' }] } as unknown as Question;

describe('sessionMarkdown', () => {
  it('renders scores, time against budget, answers, transcript, evidence, missed items and references', () => {
    const s = makeSession({ seed: 5 });
    s.phases.estimation.grade!.items[0] = { ...s.phases.estimation.grade!.items[0]!, credit: 0, evidence: null, why: 'Sizing servers needs a rate.' };
    const md = sessionMarkdown(s, { question });
    expect(md).toMatch(/^# Design a URL shortener — \d+\/100/);
    expect(md).toContain('| Phase | Score | Weight | Time | Budget | Hints |');
    expect(md).toMatch(/\| Requirements \| \d+ \| 20% \| \d+m/);
    expect(md).toMatch(/Time: \d+m( \d+s)? of 5m \((.* over|.* under|on budget)\)/);
    expect(md).toContain('- You: How many daily active users?');
    expect(md).toContain('- Interviewer: About 100 million.');
    expect(md).toContain('> requirements answer.');
    expect(md).toContain('**Missed**');
    expect(md).toContain('Sizing servers needs a rate.');
    for (const ref of Object.values(REFERENCE)) expect(md).toContain(ref);
    expect(md).toContain('### Follow-up: What happens with a celebrity key? — 50/100');
    expect(md).toContain('REF-HOT-KEYS');
  });

  it('keeps the reference outlines of unanswered phases hidden and shows the live draft', () => {
    const s = makeSession({ seed: 6, status: 'in-progress' });
    s.phases.design.answer = '';
    const md = sessionMarkdown(s, { question });
    expect(md).toContain('Unfinished: stopped in Design');
    expect(md).toContain('> half-written design');
    expect(md).not.toContain('REF-DESIGN');
    expect(md).not.toContain('REF-HOT-KEYS');
  });

  it('quotes answers so their own Markdown cannot break the document', () => {
    const s = makeSession({ seed: 7 });
    s.phases.design.answer = '# My heading\n\n- a list\n| a | table |';
    const md = sessionMarkdown(s);
    expect(md).toContain('> # My heading\n>\n> - a list\n> | a | table |');
    expect(md).not.toMatch(/^# My heading/m);
  });

  it('adds the comparison with another attempt and notes a missing question or newer schema', () => {
    const before = makeSession({ seed: 1, allCovered: false });
    const now = makeSession({ seed: 2, allCovered: true });
    const md = sessionMarkdown(now, { comparison: compareAttempts(now, before), question: null, readOnlySchemaVersion: 2 });
    expect(md).toMatch(/## Compared with the attempt of \d{4}-\d\d-\d\d/);
    expect(md).toMatch(/\| Design \| 0 \| 100 \| \+100 \|/);
    expect(md).toContain('Newly covered:');
    expect(md).toContain('- Design: Adds a cache for hot reads');
    expect(md).toContain('question `url-shortener` is not in the bank');
    expect(md).toContain('newer sdcoach (schemaVersion 2)');
  });
});

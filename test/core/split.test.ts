import { describe, expect, it } from 'vitest';
import { phaseOfHeading, splitPhases } from '../../src/core/grade/split.js';
import { splitUnits } from '../../src/core/grade/units.js';

describe('phase headings', () => {
  it.each([
    ['Requirements', 'requirements'],
    ['1. Clarifying questions', 'requirements'],
    ['Functional & non-functional requirements', 'requirements'],
    ['Back-of-the-envelope estimation', 'estimation'],
    ['Capacity', 'estimation'],
    ['High-level design', 'design'],
    ['Architecture', 'design'],
    ['Step 4: Deep dive', 'deep-dive'],
    ['Trade-offs and bottlenecks', 'deep-dive'],
    ['Data model', null],
  ])('%s → %s', (title, phase) => expect(phaseOfHeading(title)).toBe(phase));
});

describe('splitPhases', () => {
  it('splits a whole answer and keeps sub-headings inside their phase', () => {
    const doc = [
      'Intro line that belongs to no phase.',
      '## Requirements',
      '- shorten and redirect',
      '## Estimation',
      '1,160 writes/s',
      '## High-level design',
      '### API',
      'POST /urls',
      '### Cache design',
      'Redis in front of the store',
      '## Deep dive',
      '### Design of the ID generator',
      'ranges from ZooKeeper',
    ].join('\n');
    const { sections, found } = splitPhases(doc);
    expect(found).toBe(true);
    expect(sections.requirements).toBe('- shorten and redirect');
    expect(sections.design).toContain('POST /urls');
    expect(sections.design).toContain('Redis in front');
    expect(sections['deep-dive']).toContain('ranges from ZooKeeper');
  });
  it('accepts bold and plain-colon headings', () => {
    const { sections } = splitPhases('**Requirements**\nA\n\nEstimation:\nB\n');
    expect(sections.requirements).toBe('A');
    expect(sections.estimation).toBe('B');
  });
  it('ignores headings inside code fences', () => {
    const { sections } = splitPhases('## Design\n```\n## Deep dive\n```\n');
    expect(sections['deep-dive']).toBeUndefined();
  });
  it('reports when no phase heading is present', () => {
    expect(splitPhases('just some text').found).toBe(false);
  });
});

describe('splitUnits', () => {
  it('splits sentences but not abbreviations or decimals', () => {
    const units = splitUnits('We use Redis, e.g. for hot keys. It holds 1.5 GB. Done!');
    expect(units.map((u) => u.text)).toEqual(['We use Redis, e.g. for hot keys.', 'It holds 1.5 GB.', 'Done!']);
  });
  it('treats bullets, numbered items and table rows as units', () => {
    const units = splitUnits('- one thing\n2. another\n\n| a | b |\n|---|---|\n| c | d |\n');
    expect(units.map((u) => [u.kind, u.text])).toEqual([
      ['bullet', 'one thing'],
      ['bullet', 'another'],
      ['row', '| c | d |'],
    ]);
    expect(units[2]!.context).toBe('a, b');
  });
  it('breaks typed lines that start with a capital even without a full stop', () => {
    const units = splitUnits('Client hits the LB\nLB forwards to API servers\nand then to the cache');
    expect(units.map((u) => u.text)).toEqual(['Client hits the LB', 'LB forwards to API servers and then to the cache']);
  });
  it('reads Mermaid edges with labels', () => {
    const units = splitUnits('```mermaid\ngraph LR\nA[Client] -->|HTTPS| B[API]\n```');
    expect(units[0]!.matchText).toBe('Client → HTTPS → API');
    expect(units[1]!.kind).toBe('diagram');
  });
});

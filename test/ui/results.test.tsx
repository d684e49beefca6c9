// The results view: per-phase score bars and the overall score of a finished session, scrolled by page.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PHASES } from '../../src/core/content/schema.js';
import { phaseScore } from '../../src/core/interview/interview.js';
import { PHASE_TITLES } from '../../src/core/render/grade-markdown.js';
import type { Session } from '../../src/core/storage/session-schema.js';
import { MarkdownViewer, ResultsView } from '../../src/ui/screens/results.js';
import { KEY, plain, until, waitFor } from './ink-harness.js';
import { finishedSession as finishedUrlSession, question } from './session-fixture.js';

afterEach(() => cleanup());

const ANSWERS = [
  'Functional: shorten a URL and redirect. Non-functional: low latency redirects, high availability. Out of scope: user accounts.',
  'Writes: 100M per day / 86,400 s is about 1,160 writes per second; reads 100x that, about 116k per second. Storage: 500 bytes x 100M x 365 x 5 is about 90 TB.',
  'Clients hit an LB in front of stateless API servers, which read the short code from a Redis cache and fall back to the key-value store.',
  'Counter ranges handed out by ZooKeeper, base62-encoded, so codes never collide.',
];

/** A finished url-shortener session, played through the core reducer with the real grader. */
const finishedSession = (): Session => {
  const session = finishedUrlSession('url-shortener', ANSWERS, { sessionId: 'TESTSESSION0000000000000000' });
  expect(session.status).toBe('completed');
  return session;
};

describe('results view', () => {
  it('shows a bar and a score per phase and the overall score', async () => {
    const session = finishedSession();
    const entry = question('url-shortener');
    const r = render(<ResultsView session={session} entry={entry} savedTo="/tmp/x.json" columns={100} rows={24} onDone={() => {}} />);
    const f = await waitFor(r.lastFrame, `Overall: ${session.overall}/100`);
    expect(session.overall).toBeGreaterThan(0);
    for (const p of PHASES) {
      const line = f.split('\n').find((l) => l.includes(PHASE_TITLES[p]) && /[█░]{20}/.test(l));
      expect(line, p).toBeDefined();
      expect(line).toMatch(new RegExp(`${PHASE_TITLES[p]}\\s+[█░]{20}\\s+${phaseScore(session, p)}\\s+2:00 / \\d+:00`));
    }
  });

  it('scrolls by a page with PageDown and back with PageUp; q is done', async () => {
    const session = finishedSession();
    const onDone = vi.fn();
    const r = render(<ResultsView session={session} entry={question('url-shortener')} savedTo="/tmp/x.json" columns={100} rows={24} onDone={onDone} />);
    // rows 24 → a 22-row view: 21 lines of text and the position line; a page is 20 lines.
    const first = await waitFor(r.lastFrame, /lines 1–21 of (\d+)/);
    const total = Number(/lines 1–21 of (\d+)/.exec(first)![1]);
    expect(total).toBeGreaterThan(42);
    r.stdin.write(KEY.pageDown);
    const second = await waitFor(r.lastFrame, `lines 21–41 of ${total}`);
    expect(second).not.toContain('Overall:');
    r.stdin.write(KEY.pageUp);
    await waitFor(r.lastFrame, `lines 1–21 of ${total}`);
    expect(plain(r.lastFrame())).toContain('Overall:');
    r.stdin.write('q');
    await until(() => onDone.mock.calls.length === 1, 'onDone');
  });
});

describe('MarkdownViewer', () => {
  const markdown = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n');

  it('pages down, stops at the end, and goes home', async () => {
    const onBack = vi.fn();
    const r = render(<MarkdownViewer markdown={markdown} columns={80} rows={12} onBack={onBack} title="Notes" />);
    // rows 12 with a title → a 9-row view: 8 lines of text, a page is 7 lines.
    let f = await waitFor(r.lastFrame, /lines 1–8 of (\d+)/);
    const total = Number(/lines 1–8 of (\d+)/.exec(f)![1]);
    expect(f.split('\n')[0]).toBe('Notes');
    expect(f).toContain('Paragraph 1.');
    r.stdin.write(KEY.pageDown);
    f = await waitFor(r.lastFrame, `lines 8–15 of ${total}`);
    expect(f).not.toContain('Paragraph 1.');
    for (let i = 0; i < 30; i++) r.stdin.write(KEY.pageDown);
    f = await waitFor(r.lastFrame, `lines ${total - 7}–${total} of ${total}`);
    expect(f).toContain('Paragraph 60.');
    r.stdin.write(KEY.down);
    await waitFor(r.lastFrame, `lines ${total - 7}–${total} of ${total}`);
    r.stdin.write('\x1b[H'); // Home
    await waitFor(r.lastFrame, `lines 1–8 of ${total}`);
    r.stdin.write(KEY.escape);
    await until(() => onBack.mock.calls.length === 1, 'onBack');
  });
});

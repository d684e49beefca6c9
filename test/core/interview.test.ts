import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/interview/clock.js';
import {
  createInterviewReducer,
  initialState,
  phaseElapsedMs,
  phaseRemainingMs,
  pickFollowUps,
  snapshot,
  timerLevel,
  totalElapsedMs,
  type InterviewAction,
  type InterviewGraders,
  type InterviewState,
} from '../../src/core/interview/interview.js';
import { newSession } from '../../src/core/storage/new-session.js';
import type { Phase } from '../../src/core/content/schema.js';

const MIN = 60_000;
const graders: InterviewGraders = {
  gradePhase: (phase: Phase, text: string) => ({ phase, score: Math.min(100, text.length), items: [], notes: [] }),
  gradeFollowUp: (followUpId: string, text: string) => ({ followUpId, score: Math.min(100, text.length * 2), items: [], notes: [] }),
};

const fresh = (followUps = 2) =>
  initialState(
    newSession(
      {
        questionId: 'url-shortener',
        questionTitle: 'Design a URL shortener',
        rubricVersion: '1.1',
        settings: { minutesPerPhase: { requirements: 5, estimation: 5, design: 15, 'deep-dive': 20 }, strict: false },
        followUps: Array.from({ length: followUps }, (_, i) => ({ id: `f${i}`, question: `Follow-up ${i}?` })),
        hintPenalty: 3,
      },
      '01JDVZ3Q9Y8X7W6V5T4S3R2Q1P',
      new Date(0),
    ),
  );

const play = (reducer: ReturnType<typeof createInterviewReducer>, s: InterviewState, actions: InterviewAction[]) => actions.reduce(reducer, s);

describe('interview reducer', () => {
  const reduce = createInterviewReducer(graders);

  it('walks intro → four phases → results, grading each phase', () => {
    const clock = new FakeClock();
    let s = reduce(fresh(), { type: 'start', now: clock.now() });
    expect(s.stage).toBe('phase');
    expect(s.session.current.phase).toBe('requirements');
    for (const phase of ['requirements', 'estimation', 'design'] as const) {
      s = reduce(s, { type: 'edit', text: `${phase} answer` });
      clock.advance(2 * MIN);
      s = reduce(s, { type: 'submit', now: clock.now() });
      expect(s.session.phases[phase].answer).toBe(`${phase} answer`);
      expect(s.session.phases[phase].grade?.score).toBe(`${phase} answer`.length);
      expect(s.session.phases[phase].timeSpentMs).toBe(2 * MIN);
    }
    expect(s.session.current.phase).toBe('deep-dive');
    s = play(reduce, s, [
      { type: 'edit', text: 'first follow-up answer' },
      { type: 'submit', now: clock.now() },
    ]);
    expect(s.stage).toBe('phase');
    expect(s.session.current.followUpIndex).toBe(1);
    expect(s.session.current.draft).toBe('');
    s = play(reduce, s, [
      { type: 'edit', text: 'second' },
      { type: 'submit', now: clock.now() },
    ]);
    expect(s.stage).toBe('results');
    expect(s.session.status).toBe('completed');
    expect(s.session.followUps.map((f) => f.answer)).toEqual(['first follow-up answer', 'second']);
    expect(s.session.phases['deep-dive'].answer).toBe('first follow-up answer\n\nsecond');
    expect(s.session.overall).toBeGreaterThan(0);
  });

  it('counts time per phase from injected timestamps and warns at 80%', () => {
    const clock = new FakeClock();
    let s = reduce(fresh(), { type: 'start', now: clock.now() });
    clock.advance(3 * MIN);
    expect(phaseElapsedMs(s, clock.now())).toBe(3 * MIN);
    expect(phaseRemainingMs(s, clock.now())).toBe(2 * MIN);
    expect(timerLevel(s, clock.now())).toBe('ok');
    clock.advance(1 * MIN);
    expect(timerLevel(s, clock.now())).toBe('warn');
    clock.advance(2 * MIN);
    expect(timerLevel(s, clock.now())).toBe('over');
    expect(phaseRemainingMs(s, clock.now())).toBe(-1 * MIN);
    s = reduce(s, { type: 'submit', now: clock.now() });
    expect(s.session.phases.requirements.timeSpentMs).toBe(6 * MIN);
    expect(totalElapsedMs(s, clock.now())).toBe(6 * MIN);
  });

  it('allows over-time unless strict, where it advances at zero', () => {
    const clock = new FakeClock();
    const lax = reduce(fresh(), { type: 'start', now: clock.now() });
    clock.advance(6 * MIN);
    expect(reduce(lax, { type: 'tick', now: clock.now() })).toBe(lax);

    const strict = createInterviewReducer(graders, { strict: true });
    const clock2 = new FakeClock();
    let s = strict(fresh(), { type: 'start', now: clock2.now() });
    s = strict(s, { type: 'edit', text: 'partial' });
    clock2.advance(5 * MIN - 1);
    expect(strict(s, { type: 'tick', now: clock2.now() }).session.current.phase).toBe('requirements');
    clock2.advance(1);
    s = strict(s, { type: 'tick', now: clock2.now() });
    expect(s.session.current.phase).toBe('estimation');
    expect(s.session.phases.requirements.answer).toBe('partial');
  });

  it('records clarifying questions with the facts they revealed', () => {
    const clock = new FakeClock();
    let s = reduce(fresh(), { type: 'start', now: clock.now() });
    s = reduce(s, { type: 'ask', question: 'How many new URLs a day?', answer: 'About 100M.', factIds: ['write-volume'], now: clock.now() });
    expect(s.session.phases.requirements.transcript.map((t) => [t.role, t.text])).toEqual([
      ['candidate', 'How many new URLs a day?'],
      ['interviewer', 'About 100M.'],
    ]);
    s = reduce(s, { type: 'edit', text: 'FRs' });
    s = reduce(s, { type: 'submit', now: clock.now() });
    // The question counts toward the requirements grade: graded text = answer + asked questions.
    expect(s.session.phases.requirements.grade?.score).toBe('FRs\n\n- How many new URLs a day?'.length);
  });

  it('counts hints and takes the penalty off the overall score', () => {
    const clock = new FakeClock();
    const run = (hints: number) => {
      let s = reduce(fresh(0), { type: 'start', now: clock.now() });
      for (let i = 0; i < hints; i++) s = reduce(s, { type: 'hint', itemId: `i${i}`, now: clock.now() });
      for (let i = 0; i < 4; i++) s = play(reduce, s, [{ type: 'edit', text: 'x'.repeat(80) }, { type: 'submit', now: clock.now() }]);
      return s;
    };
    const none = run(0);
    const two = run(2);
    expect(two.session.phases.requirements.hints).toHaveLength(2);
    expect(none.session.overall! - two.session.overall!).toBe(6);
  });

  it('resumes with the timer where it stopped', () => {
    const clock = new FakeClock();
    let s = reduce(fresh(), { type: 'start', now: clock.now() });
    s = reduce(s, { type: 'submit', now: clock.now() });
    clock.advance(90_000);
    s = reduce(s, { type: 'edit', text: 'draft in progress' });
    const saved = snapshot(s, clock.now()).session; // what is on disk
    const json = JSON.parse(JSON.stringify(saved));

    clock.advance(10 * MIN); // the process was dead for ten minutes
    let resumed = initialState(json);
    expect(resumed.stage).toBe('phase');
    expect(resumed.session.current.phase).toBe('estimation');
    expect(resumed.session.current.draft).toBe('draft in progress');
    expect(phaseElapsedMs(resumed, clock.now())).toBe(90_000);
    resumed = reduce(resumed, { type: 'resume', now: clock.now() });
    clock.advance(30_000);
    expect(phaseElapsedMs(resumed, clock.now())).toBe(120_000);
  });

  it('pauses the clock', () => {
    const clock = new FakeClock();
    let s = reduce(fresh(), { type: 'start', now: clock.now() });
    clock.advance(MIN);
    s = reduce(s, { type: 'pause', now: clock.now() });
    clock.advance(5 * MIN);
    expect(phaseElapsedMs(s, clock.now())).toBe(MIN);
  });

  it('ignores actions that do not apply to the stage', () => {
    const s = fresh();
    expect(reduce(s, { type: 'submit', now: 0 })).toBe(s);
    expect(reduce(s, { type: 'edit', text: 'x' })).toBe(s);
  });
});

describe('FakeClock', () => {
  it('runs intervals as time advances', () => {
    const clock = new FakeClock(0);
    const ticks: number[] = [];
    const h = clock.setInterval(() => ticks.push(clock.now()), 1000);
    clock.advance(3500);
    expect(ticks).toEqual([1000, 2000, 3000]);
    clock.clearInterval(h);
    clock.advance(5000);
    expect(ticks).toHaveLength(3);
  });
});

describe('pickFollowUps', () => {
  const all = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
  it('is reproducible for a seed and prefers follow-ups not asked before', () => {
    expect(pickFollowUps(all, 2, 'seed')).toEqual(pickFollowUps(all, 2, 'seed'));
    const picked = pickFollowUps(all, 3, 'seed', new Set(['a', 'b']));
    expect(picked.map((f) => f.id).sort()).toEqual(['c', 'd', 'e']);
    expect(pickFollowUps(all, 9, 'x')).toHaveLength(5);
  });
});

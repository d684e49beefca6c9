// The mock interview as a reducer over the session document: intro → requirements → estimation → design →
// deep-dive (one follow-up at a time) → results. Time comes in with every action; the phase clock is
// folded into `current.elapsedMs` whenever the state is saved, so a resumed session keeps its timer.
import { PHASES, type Phase } from '../content/phases.js';
import { overallScore } from '../grade/grader.js';
import { phaseScore as gradedPhaseScore } from '../stats/session-summary.js';
import type { FollowUpGrade, PhaseGrade } from '../grade/types.js';
import type { Session, TranscriptEntry } from '../storage/session-schema.js';

export type Stage = 'intro' | 'phase' | 'results';

export interface InterviewState {
  session: Session;
  stage: Stage;
  /** When the current phase clock last started (epoch ms); null while stopped. */
  runningSince: number | null;
}

export type InterviewAction =
  | { type: 'start'; now: number }
  | { type: 'edit'; text: string }
  | { type: 'ask'; question: string; answer: string; factIds: string[]; now: number }
  | { type: 'hint'; itemId: string; now: number }
  | { type: 'submit'; now: number }
  | { type: 'tick'; now: number }
  | { type: 'pause'; now: number }
  | { type: 'resume'; now: number };

/** Grading is injected (the rubric grader is pure and deterministic, so the reducer stays pure). */
export interface InterviewGraders {
  gradePhase(phase: Phase, text: string): PhaseGrade;
  gradeFollowUp(followUpId: string, text: string): FollowUpGrade;
}

export const HINT_PENALTY = 3;

const iso = (ms: number): string => new Date(ms).toISOString();
const nextPhase = (p: Phase): Phase | null => PHASES[PHASES.indexOf(p) + 1] ?? null;

// ── selectors ───────────────────────────────────────────────────────────────

export const currentPhase = (s: InterviewState): Phase => s.session.current.phase;

export const phaseElapsedMs = (s: InterviewState, now: number, phase: Phase = currentPhase(s)): number => {
  const base = s.session.current.elapsedMs[phase];
  return phase === currentPhase(s) && s.runningSince !== null ? base + Math.max(0, now - s.runningSince) : base;
};

export const phaseBudgetMs = (s: InterviewState, phase: Phase = currentPhase(s)): number => s.session.budgets[phase] * 1000;

export const phaseRemainingMs = (s: InterviewState, now: number): number => phaseBudgetMs(s) - phaseElapsedMs(s, now);

export const totalElapsedMs = (s: InterviewState, now: number): number => PHASES.reduce((a, p) => a + phaseElapsedMs(s, now, p), 0);

export const totalBudgetMs = (s: InterviewState): number => PHASES.reduce((a, p) => a + phaseBudgetMs(s, p), 0);

export type TimerLevel = 'ok' | 'warn' | 'over';
/** Warn from 80% of the phase budget; over once it is used up. */
export const timerLevel = (s: InterviewState, now: number): TimerLevel => {
  const used = phaseElapsedMs(s, now) / phaseBudgetMs(s);
  return used >= 1 ? 'over' : used >= 0.8 ? 'warn' : 'ok';
};

export const phaseNumber = (s: InterviewState): number => PHASES.indexOf(currentPhase(s)) + 1;

export const currentFollowUp = (s: InterviewState): Session['followUps'][number] | null =>
  currentPhase(s) === 'deep-dive' ? (s.session.followUps[s.session.current.followUpIndex] ?? null) : null;

/** What the requirements phase is graded on: the answer plus the candidate's clarifying questions. */
export const requirementsText = (session: Session, answer: string): string => {
  const asked = session.phases.requirements.transcript.filter((t) => t.role === 'candidate').map((t) => `- ${t.text}`);
  return asked.length ? `${answer}\n\n${asked.join('\n')}` : answer;
};

/** The deep-dive phase text: every follow-up answer (or the free answer when none were asked). */
export const deepDiveText = (session: Session, draft: string): string =>
  session.followUps.length ? session.followUps.map((f) => f.answer.trim()).filter(Boolean).join('\n\n') : draft;

/** Facts the interviewer has revealed so far, in order, without repeats. */
export const revealedFacts = (session: Session): { factIds: string[]; text: string }[] =>
  session.phases.requirements.transcript.filter((t) => t.role === 'interviewer' && t.factIds?.length).map((t) => ({ factIds: t.factIds!, text: t.text }));

export const hintsUsed = (session: Session): number => PHASES.reduce((a, p) => a + session.phases[p].hints.length, 0);

/** Overall score: phase-weighted, minus the hint penalty. */
export const sessionOverall = (session: Session): number | null => {
  if (PHASES.some((p) => !session.phases[p].grade)) return null;
  const phases = Object.fromEntries(PHASES.map((p) => [p, { score: phaseScore(session, p) }]));
  return Math.max(0, overallScore(phases, session.phaseWeights) - hintsUsed(session) * session.hintPenalty);
};

/** A phase's score (0 before grading); the deep dive blends the phase rubric with the follow-ups' grades. */
export const phaseScore = (session: Session, p: Phase): number => gradedPhaseScore(session, p) ?? 0;

// ── reducer ─────────────────────────────────────────────────────────────────

/** Folds the running clock into the document (before every save). */
export const snapshot = (s: InterviewState, now: number): InterviewState => {
  if (s.runningSince === null || s.stage !== 'phase') return s;
  const p = currentPhase(s);
  const elapsed = { ...s.session.current.elapsedMs, [p]: phaseElapsedMs(s, now) };
  return { ...s, runningSince: now, session: { ...s.session, current: { ...s.session.current, elapsedMs: elapsed } } };
};

export const initialState = (session: Session): InterviewState => ({
  session,
  // A session that has started a phase resumes in it; the clock starts when the UI dispatches `resume`.
  stage: session.status === 'completed' ? 'results' : session.phases.requirements.startedAt ? 'phase' : 'intro',
  runningSince: null,
});

const withPhase = (session: Session, p: Phase, change: Partial<Session['phases'][Phase]>): Session => ({
  ...session,
  phases: { ...session.phases, [p]: { ...session.phases[p], ...change } },
});

export const createInterviewReducer =
  (graders: InterviewGraders, options: { strict?: boolean } = {}) =>
  (state: InterviewState, action: InterviewAction): InterviewState => {
    const s = state.session;
    switch (action.type) {
      case 'start': {
        if (state.stage !== 'intro') return state;
        const session = withPhase(s, 'requirements', { startedAt: iso(action.now) });
        return { session, stage: 'phase', runningSince: action.now };
      }
      case 'resume':
        return state.stage === 'phase' && state.runningSince === null ? { ...state, runningSince: action.now } : state;
      case 'pause': {
        const snap = snapshot(state, action.now);
        return snap.runningSince === null ? snap : { ...snap, runningSince: null };
      }
      case 'edit':
        if (state.stage !== 'phase' || action.text === s.current.draft) return state;
        return { ...state, session: { ...s, current: { ...s.current, draft: action.text } } };
      case 'ask': {
        if (state.stage !== 'phase' || currentPhase(state) !== 'requirements') return state;
        const at = iso(action.now);
        const entries: TranscriptEntry[] = [
          { role: 'candidate', text: action.question, at },
          { role: 'interviewer', text: action.answer, ...(action.factIds.length ? { factIds: action.factIds } : {}), at },
        ];
        const transcript = [...s.phases.requirements.transcript, ...entries];
        return { ...state, session: withPhase(s, 'requirements', { transcript }) };
      }
      case 'hint': {
        if (state.stage !== 'phase') return state;
        const p = currentPhase(state);
        const hints = [...s.phases[p].hints, { itemId: action.itemId, at: iso(action.now) }];
        return { ...state, session: withPhase(s, p, { hints }) };
      }
      case 'tick': {
        if (!options.strict || state.stage !== 'phase' || state.runningSince === null) return state;
        return phaseRemainingMs(state, action.now) <= 0 ? submit(state, graders, action.now) : state;
      }
      case 'submit':
        return state.stage === 'phase' ? submit(state, graders, action.now) : state;
    }
  };

const submit = (state: InterviewState, graders: InterviewGraders, now: number): InterviewState => {
  const snap = snapshot(state, now);
  let s = snap.session;
  const p = currentPhase(snap);
  const draft = s.current.draft;
  const at = iso(now);

  if (p === 'deep-dive' && s.followUps.length > 0) {
    const i = s.current.followUpIndex;
    const f = s.followUps[i]!;
    const followUps = s.followUps.map((x, k) => (k === i ? { ...x, answer: draft, grade: graders.gradeFollowUp(f.id, draft) } : x));
    s = { ...s, followUps };
    if (i + 1 < followUps.length) {
      s = { ...s, current: { ...s.current, followUpIndex: i + 1, draft: '' } };
      return { ...snap, session: s };
    }
  }

  const answer = p === 'deep-dive' ? deepDiveText(s, draft) : draft;
  const gradeText = p === 'requirements' ? requirementsText(s, answer) : answer;
  s = withPhase(s, p, {
    answer,
    grade: graders.gradePhase(p, gradeText),
    timeSpentMs: s.current.elapsedMs[p],
    endedAt: at,
  });
  const next = nextPhase(p);
  if (next) {
    s = withPhase(s, next, { startedAt: s.phases[next].startedAt ?? at });
    s = { ...s, current: { ...s.current, phase: next, draft: s.phases[next].answer } };
    return { session: s, stage: 'phase', runningSince: now };
  }
  s = { ...s, status: 'completed', endedAt: at, current: { ...s.current, draft: '' } };
  return { session: { ...s, overall: sessionOverall(s) }, stage: 'results', runningSince: null };
};

// ── follow-up selection ─────────────────────────────────────────────────────

/** A small seeded PRNG (mulberry32) so the same session id always gets the same follow-ups. */
const seeded = (seed: string): (() => number) => {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** `n` follow-ups, preferring ones not asked before, in a random but reproducible order. */
export const pickFollowUps = <F extends { id: string }>(all: F[], n: number, seed: string, askedBefore: ReadonlySet<string> = new Set()): F[] => {
  const rand = seeded(seed);
  const shuffled = all.map((f) => ({ f, r: rand() })).sort((a, b) => a.r - b.r).map((x) => x.f);
  const fresh = shuffled.filter((f) => !askedBefore.has(f.id));
  const seen = shuffled.filter((f) => askedBefore.has(f.id));
  return [...fresh, ...seen].slice(0, Math.max(0, n));
};

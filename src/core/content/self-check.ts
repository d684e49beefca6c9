// Self-consistency of the bank: each question's reference outline should earn its own rubric (≥ 80 per
// phase) and score low against every other question's rubric. Pack authors run it via
// `sdcoach validate --self-check`; the project's tests hold the built-in bank to it.
import { PHASES, type Phase } from './phases.js';
import type { Bank } from './load.js';
import { Grader } from '../grade/grader.js';

export interface PhaseCheck {
  own: number;
  /** Item ids of the question's own rubric that its outline did not fully earn. */
  missed: string[];
  /** Highest score the outline gets against another question's rubric, and which one. */
  maxCross: number;
  maxCrossQuestion: string | null;
  cross: number[];
}

export interface QuestionCheck {
  id: string;
  phases: Record<Phase, PhaseCheck>;
  followUps: { id: string; score: number; missed: string[] }[];
}

export const selfCheck = (bank: Bank, ids?: string[]): QuestionCheck[] => {
  const grader = new Grader(bank);
  const all = [...bank.questions.values()];
  const targets = ids && ids.length ? all.filter((e) => ids.includes(e.question.id)) : all;
  return targets.map((entry) => {
    const phases = {} as Record<Phase, PhaseCheck>;
    for (const p of PHASES) {
      const analysis = grader.analyze(entry.question.reference[p]);
      const own = grader.gradeItems(entry.items[p], analysis, [entry.question.prompt]);
      let maxCross = 0;
      let maxCrossQuestion: string | null = null;
      const cross: number[] = [];
      for (const other of all) {
        if (other === entry) continue;
        const s = grader.gradeItems(other.items[p], analysis, [other.question.prompt]).score;
        cross.push(s);
        if (s > maxCross) {
          maxCross = s;
          maxCrossQuestion = other.question.id;
        }
      }
      phases[p] = { own: own.score, missed: own.items.filter((i) => i.credit < 1).map((i) => i.id), maxCross, maxCrossQuestion, cross };
    }
    const followUps = entry.question.followUps.map((f) => {
      const g = grader.gradeFollowUp(entry, f.id, f.reference);
      return { id: f.id, score: g.score, missed: g.items.filter((i) => i.credit < 1).map((i) => i.id) };
    });
    return { id: entry.question.id, phases, followUps };
  });
};

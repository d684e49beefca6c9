// The shape of a grade: what `grade --json` prints and what sessions store.
import type { Phase } from '../content/schema.js';

export interface ItemGrade {
  id: string;
  label: string;
  weight: number;
  /** 0…1 */
  credit: number;
  /** The exact sentence or bullet of the answer that earned the credit, or null. */
  evidence: string | null;
  /** Shown when missed (credit < 1): why the item matters, plus the expected value for quantities. */
  why: string | null;
  /** For quantity items: the expected value in words, e.g. "≈1,160 requests/s". */
  expected?: string;
}

export interface PhaseGrade {
  phase: Phase;
  /** 0…100, weighted credit. */
  score: number;
  items: ItemGrade[];
  /** Notes for the user: empty answer, suspected rubric echo, keyword list... */
  notes: string[];
}

export interface FollowUpGrade {
  followUpId: string;
  score: number;
  items: ItemGrade[];
  notes: string[];
}

export const DEFAULT_PHASE_WEIGHTS: Record<Phase, number> = {
  requirements: 20,
  estimation: 15,
  design: 30,
  'deep-dive': 35,
};

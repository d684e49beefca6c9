// Ctrl-H: names one rubric item the current draft has not earned yet, heaviest first, skipping the ones
// already hinted. Each hint costs HINT_PENALTY points of the overall score.
import type { RubricItem } from '../content/schema.js';
import type { Grader } from '../grade/grader.js';

export interface Hint {
  itemId: string;
  text: string;
}

export const nextHint = (grader: Grader, items: RubricItem[], draft: string, alreadyHinted: ReadonlySet<string>): Hint | null => {
  const graded = grader.gradeItems(items, grader.analyze(draft));
  const candidates = graded.items
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => g.credit < 1 && !alreadyHinted.has(g.id))
    .sort((a, b) => b.g.weight - a.g.weight || a.i - b.i);
  const pick = candidates[0];
  if (!pick) return null;
  return { itemId: pick.g.id, text: `Consider: ${pick.g.label.charAt(0).toLowerCase()}${pick.g.label.slice(1)}.` };
};

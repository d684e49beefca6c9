// Splits a whole answer document into phases by its headings. Only headings that name a phase switch
// phases ("## API" inside a design section stays in design); text before the first phase heading is ignored.
import type { Phase } from '../content/schema.js';

const PHASE_PATTERNS: [Phase, RegExp][] = [
  ['deep-dive', /\b(deep[\s-]?dives?|drill[\s-]?downs?|trade[\s-]?offs?|bottlenecks?|scaling|follow[\s-]?ups?|detailed design|failure modes?|wrap[\s-]?up)\b/i],
  ['estimation', /\b(estimat\w*|capacity|back[\s-]of[\s-](the[\s-])?envelope|bote|sizing|napkin math|numbers)\b/i],
  ['design', /\b(high[\s-]?level|hld|architecture|design|components|system overview)\b/i],
  ['requirements', /\b(requirements?|clarif\w*|scope|functional|nfrs?|frs?)\b/i],
];

const HEADING_RE = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/;
const BOLD_RE = /^\s*(?:\*\*|__)([^*_]{1,60})(?:\*\*|__)\s*:?\s*$/;
const PLAIN_RE = /^\s*([A-Za-z][A-Za-z0-9 /&()-]{2,40}):\s*$/;

export const phaseOfHeading = (title: string): Phase | null => {
  const t = title.replace(/^\s*(step\s*)?\d+[.):]?\s*/i, '');
  for (const [phase, re] of PHASE_PATTERNS) if (re.test(t)) return phase;
  return null;
};

export interface SplitResult {
  sections: Partial<Record<Phase, string>>;
  /** True when at least one phase heading was found. */
  found: boolean;
}

export const splitPhases = (markdown: string): SplitResult => {
  const sections: Partial<Record<Phase, string[]>> = {};
  let current: Phase | null = null;
  // A sub-heading deeper than the one that opened the phase ("### Cache design" under "## Deep dive")
  // does not switch phases.
  let currentLevel = Infinity;
  let inFence = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence) {
      const md = HEADING_RE.exec(line);
      const m = md ?? BOLD_RE.exec(line) ?? PLAIN_RE.exec(line);
      const level = md ? /^\s*(#+)/.exec(line)![1]!.length : 7;
      const phase = m ? phaseOfHeading(m[1]!) : null;
      if (phase && (current === null || level <= currentLevel)) {
        current = phase;
        currentLevel = level;
        sections[phase] ??= [];
        continue;
      }
    }
    if (current) sections[current]!.push(line);
  }
  const out: Partial<Record<Phase, string>> = {};
  for (const [p, lines] of Object.entries(sections) as [Phase, string[]][]) out[p] = lines.join('\n').trim();
  return { sections: out, found: Object.keys(out).length > 0 };
};

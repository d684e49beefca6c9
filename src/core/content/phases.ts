// The four interview phases. Kept apart from the zod schemas so that start-up paths that only need the
// phase names (argument parsing, a warm bank cache) never load zod.
export const PHASES = ['requirements', 'estimation', 'design', 'deep-dive'] as const;
export type Phase = (typeof PHASES)[number];

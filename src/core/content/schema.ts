// Schemas for every content file: questions, rubrics, the thesaurus, concept cards and quiz items.
// The format is documented for authors in question-bank/FORMAT.md; keep the two in step.
import * as z from 'zod';

import { PHASES, type Phase } from './phases.js';

export { PHASES, type Phase };
export const PhaseSchema = z.enum(PHASES);

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9 and single dashes)');
const text = z.string().trim().min(1, 'must not be empty');

export const FACT_TOPICS = [
  'scale',
  'users',
  'traffic',
  'read-write-ratio',
  'data-size',
  'retention',
  'latency',
  'availability',
  'consistency',
  'durability',
  'features',
  'out-of-scope',
  'geography',
  'security',
  'clients',
] as const;
export type FactTopic = (typeof FACT_TOPICS)[number];

/**
 * A concept group: alternatives separated by `|`, each a word or phrase ("auto increment|sequence|counter").
 * Matching is on stems after thesaurus expansion, so "cache" also matches caching, cached and Redis.
 */
const conceptGroup = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  // Every alternative has a non-space character (a pattern is several times faster than split + every, and
  // the bank holds thousands of groups).
  // An empty string passes here: min(1) has already said so.
  .regex(/^(?:[^|]*[^|\s][^|]*(?:\|[^|]*[^|\s][^|]*)*)?$/, 'has an empty alternative between "|"');

/** One way to earn an item: every group in `all` must appear in the same sentence or bullet. */
export const MatchAlternativeSchema = z.strictObject({
  all: z.array(conceptGroup).min(1, 'needs at least one concept group'),
});
export type MatchAlternative = z.infer<typeof MatchAlternativeSchema>;

export const QUANTITY_UNITS = ['requests/s', 'bytes', 'bytes/s', 'count'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

export const ToleranceSchema = z
  .strictObject({
    full: z.number().gt(1, 'must be a ratio above 1').default(2),
    partial: z.number().gt(1, 'must be a ratio above 1').default(10),
  })
  .refine((t) => t.partial >= t.full, 'partial must be at least full');

export const QuantitySchema = z.strictObject({
  name: text,
  value: z.number().positive('must be positive'),
  unit: z.enum(QUANTITY_UNITS),
  tolerance: ToleranceSchema.default({ full: 2, partial: 10 }),
  /** Ids of the facts this figure follows from. */
  from: z.array(kebab).default([]),
});
export type Quantity = z.infer<typeof QuantitySchema>;

export const REQUIREMENTS = ['reasoning', 'number'] as const;

export const RubricItemSchema = z
  .strictObject({
    id: kebab,
    label: text,
    weight: z.number().positive('must be positive').max(10, 'must be at most 10').default(1),
    why: text,
    match: z.array(MatchAlternativeSchema).default([]),
    quantity: QuantitySchema.optional(),
    /** Extra conditions on the sentence that earns the item: a reasoning marker, a number. */
    requires: z.array(z.enum(REQUIREMENTS)).default([]),
  })
  .superRefine((item, ctx) => {
    if (item.match.length === 0 && !item.quantity) {
      ctx.addIssue({ code: 'custom', path: ['match'], message: 'needs at least one alternative (or a quantity)' });
    }
    if (item.quantity && item.match.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['match'],
        message: 'a quantity needs a match spec naming what the number measures (writes, storage, servers...): a bare number is not evidence',
      });
    }
  });
export type RubricItem = z.infer<typeof RubricItemSchema>;

const uniqueIds = <T extends { id: string }>(
  items: T[],
  ctx: z.RefinementCtx,
  what: string,
  prefix: (string | number)[] = [],
): void => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) {
      ctx.addIssue({ code: 'custom', path: [...prefix, i, 'id'], message: `duplicate ${what} id "${it.id}"` });
    }
    seen.add(it.id);
  });
};

const itemList = z.array(RubricItemSchema).superRefine((items, ctx) => uniqueIds(items, ctx, 'item'));

export const PhaseItemsSchema = z.strictObject({
  requirements: itemList.default([]),
  estimation: itemList.default([]),
  design: itemList.default([]),
  'deep-dive': itemList.default([]),
});
export type PhaseItems = z.infer<typeof PhaseItemsSchema>;

export const RubricFileSchema = z.strictObject({
  question: kebab,
  version: z.number().int().positive(),
  phases: PhaseItemsSchema,
});
export type RubricFile = z.infer<typeof RubricFileSchema>;

export const GenericRubricSchema = z.strictObject({
  version: z.number().int().positive(),
  phases: PhaseItemsSchema,
});
export type GenericRubric = z.infer<typeof GenericRubricSchema>;

export const ThesaurusSchema = z.strictObject({
  version: z.number().int().positive(),
  /** Groups of interchangeable terms: any one stands for all the others. */
  synonyms: z.array(z.array(text).min(2, 'a synonym group needs at least two terms')),
  /** Specific terms that count as evidence for a broader concept: cache: [redis, memcached]. */
  broader: z.record(z.string(), z.array(text).min(1)),
});
export type Thesaurus = z.infer<typeof ThesaurusSchema>;

export const SourceSchema = z.strictObject({
  file: z.string().regex(/^00[0-4]_[0-9a-f]{16}\.txt$/, 'must name a seed file, e.g. 001_189541b4003a0432.txt'),
  section: text,
  note: z.string().optional(),
});

export const FactSchema = z.strictObject({
  id: kebab,
  topics: z.array(z.enum(FACT_TOPICS)).min(1, 'needs at least one topic'),
  /** Words or phrases a clarifying question about this fact would contain (concept groups, like rubric matches). */
  ask: z.array(conceptGroup).min(1, 'needs at least one phrase'),
  answer: text,
});
export type Fact = z.infer<typeof FactSchema>;

export const FollowUpSchema = z.strictObject({
  id: kebab,
  question: text,
  items: z.array(RubricItemSchema).min(1, 'needs at least one rubric item').superRefine((i, c) => uniqueIds(i, c, 'item')),
  reference: text,
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const QuestionSchema = z
  .strictObject({
    id: kebab,
    title: text,
    aliases: z.array(text).default([]),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    tags: z.array(kebab).min(1, 'needs at least one tag'),
    sources: z.array(SourceSchema).min(1, 'needs at least one source'),
    prompt: text,
    facts: z.array(FactSchema).min(1, 'needs at least one fact'),
    followUps: z.array(FollowUpSchema).default([]),
    reference: z.strictObject({
      requirements: text,
      estimation: text,
      design: text,
      'deep-dive': text,
    }),
  })
  .superRefine((q, ctx) => {
    uniqueIds(q.facts, ctx, 'fact', ['facts']);
    uniqueIds(q.followUps, ctx, 'follow-up', ['followUps']);
  });
export type Question = z.infer<typeof QuestionSchema>;

export const CARD_LEVELS = ['basic', 'intermediate', 'advanced'] as const;

export const ConceptCardSchema = z.strictObject({
  id: kebab,
  question: text,
  level: z.enum(CARD_LEVELS),
  tags: z.array(kebab).min(1),
  items: z.array(RubricItemSchema).min(2, 'needs at least two key points').superRefine((i, c) => uniqueIds(i, c, 'item')),
  answer: text,
  source: SourceSchema,
});
export type ConceptCard = z.infer<typeof ConceptCardSchema>;

export const QUIZ_TYPES = ['true-false', 'multiple-choice', 'multi-select', 'concept'] as const;

export const QuizItemSchema = z
  .strictObject({
    id: kebab,
    type: z.enum(QUIZ_TYPES),
    stem: text,
    options: z.array(text).optional(),
    /** true/false for true-false; option indexes (0-based) for choices; the label text for concept. */
    answer: z.union([z.boolean(), z.number().int().nonnegative(), z.array(z.number().int().nonnegative()), text]),
    explanation: text,
    tags: z.array(kebab).default([]),
    system: kebab.optional(),
    source: SourceSchema,
    /** Set when the source's answer key was wrong and this item corrects it. */
    corrected: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    const opts = q.options?.length ?? 0;
    const bad = (message: string, path: (string | number)[] = ['answer']): void =>
      ctx.addIssue({ code: 'custom', path, message });
    switch (q.type) {
      case 'true-false':
        if (typeof q.answer !== 'boolean') bad('a true-false item needs answer: true or false');
        break;
      case 'multiple-choice':
        if (opts < 2) bad('a multiple-choice item needs at least two options', ['options']);
        if (typeof q.answer !== 'number' || q.answer >= opts) bad(`must be an option index from 0 to ${opts - 1}`);
        break;
      case 'multi-select':
        if (opts < 2) bad('a multi-select item needs at least two options', ['options']);
        if (!Array.isArray(q.answer) || q.answer.length === 0 || q.answer.some((a) => a >= opts))
          bad(`must be a non-empty list of option indexes from 0 to ${opts - 1}`);
        break;
      case 'concept':
        if (typeof q.answer !== 'string') bad('a concept item needs the label text as its answer');
        break;
    }
  });
export type QuizItem = z.infer<typeof QuizItemSchema>;

export const ConceptFileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cards'), cards: z.array(ConceptCardSchema).superRefine((i, c) => uniqueIds(i, c, 'card')) }),
  z.strictObject({ kind: z.literal('quiz'), quiz: z.array(QuizItemSchema).superRefine((i, c) => uniqueIds(i, c, 'quiz')) }),
]);
export type ConceptFile = z.infer<typeof ConceptFileSchema>;

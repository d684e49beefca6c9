// Builds a grader over a tiny, explicit thesaurus so matcher tests do not depend on the shipped content.
import { Grader } from '../../src/core/grade/grader.js';
import { RubricItemSchema, type RubricItem } from '../../src/core/content/schema.js';

export const testGrader = (): Grader =>
  new Grader({
    thesaurus: {
      version: 1,
      synonyms: [
        ['load balancer', 'lb'],
        ['key value', 'k/v', 'kv'],
        ['requests per second', 'rps', 'qps'],
      ],
      broader: { cache: ['redis', 'memcached'], queue: ['kafka', 'sqs', 'rabbitmq'] },
    },
  });

export const item = (id: string, match: string[][], extra: Partial<RubricItem> = {}): RubricItem =>
  RubricItemSchema.parse({ id, label: `label of ${id}`, why: `why ${id}`, weight: 1, match: match.map((all) => ({ all })), ...extra });

/** Credit for one item against one answer. */
export const credit = (g: Grader, it: RubricItem, answer: string): number => g.gradeItems([it], g.analyze(answer)).items[0]!.credit;

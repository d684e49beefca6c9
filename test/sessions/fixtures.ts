// Session documents for tests: realistic in shape and size (answers, transcripts, graded items), built
// deterministically from a seed so failures reproduce.
import { PHASES, type Phase } from '../../src/core/content/schema.js';
import type { ItemGrade } from '../../src/core/grade/types.js';
import type { Session, SessionStatus } from '../../src/core/storage/session-schema.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A valid ULID whose time part is `ms` and whose random part comes from `n`. */
export const ulidAt = (ms: number, n = 0): string => {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  let r = n;
  for (let i = 0; i < 16; i++) {
    rand = CROCKFORD[r % 32] + rand;
    r = Math.floor(r / 32);
  }
  return time + rand;
};

const rng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};

const ITEMS: Record<Phase, { id: string; label: string; why: string }[]> = {
  requirements: [
    { id: 'functional-scope', label: 'States the core functional requirements', why: 'Scope drives every later decision.' },
    { id: 'non-functional', label: 'Names latency and availability targets', why: 'Targets decide the architecture.' },
    { id: 'clarify-scale', label: 'Asks about scale (users, traffic)', why: 'Scale sets the estimates.' },
    { id: 'out-of-scope', label: 'Says what is out of scope', why: 'Keeps the interview focused.' },
  ],
  estimation: [
    { id: 'qps', label: 'Estimates requests per second', why: 'Sizing servers needs a rate.' },
    { id: 'storage', label: 'Estimates storage over the retention period', why: 'Storage picks the database.' },
    { id: 'bandwidth', label: 'Estimates bandwidth', why: 'Egress costs money.' },
  ],
  design: [
    { id: 'api', label: 'Defines the API', why: 'The contract comes first.' },
    { id: 'data-model', label: 'Describes the data model', why: 'Access patterns shape the schema.' },
    { id: 'cache', label: 'Adds a cache for hot reads', why: 'Reads dominate.' },
    { id: 'load-balancer', label: 'Puts a load balancer in front', why: 'Stateless tiers scale out.' },
    { id: 'queue', label: 'Uses a queue for async work', why: 'Decouples slow work.' },
  ],
  'deep-dive': [
    { id: 'sharding', label: 'Explains the sharding key', why: 'Hot partitions hurt.' },
    { id: 'replication', label: 'Discusses replication and failover', why: 'Availability target.' },
    { id: 'consistency', label: 'Chooses a consistency model', why: 'Trade-offs must be explicit.' },
    { id: 'monitoring', label: 'Mentions monitoring and alerts', why: 'You cannot fix what you cannot see.' },
  ],
};

const LOREM =
  'We shard by user id so that the hot keys spread evenly, and we keep a write-ahead log for durability. ' +
  'Reads go through a Redis cache with a TTL of five minutes; writes invalidate the entry. ';

export interface MakeSessionOptions {
  seed?: number;
  questionId?: string;
  questionTitle?: string;
  startedAt?: Date;
  status?: SessionStatus;
  /** Credit every item fully (true), miss everything (false) or random (undefined). */
  allCovered?: boolean;
}

export const makeSession = (options: MakeSessionOptions = {}): Session => {
  const seed = options.seed ?? 1;
  const rand = rng(seed);
  const started = options.startedAt ?? new Date(Date.UTC(2025, 0, 1) + seed * 3_600_000);
  const at = (offsetMs: number): string => new Date(started.getTime() + offsetMs).toISOString();
  const status = options.status ?? 'completed';
  const graded = status === 'completed';
  const minutes = { requirements: 5, estimation: 5, design: 15, 'deep-dive': 15 };
  let offset = 0;
  const phases = {} as Session['phases'];
  const scores: number[] = [];
  for (const phase of PHASES) {
    const spent = Math.round(minutes[phase] * 60_000 * (0.5 + rand()));
    const items: ItemGrade[] = ITEMS[phase].map((it) => {
      const credit = options.allCovered === true ? 1 : options.allCovered === false ? 0 : [0, 0.5, 1, 1][Math.floor(rand() * 4)]!;
      return {
        id: it.id,
        label: it.label,
        weight: 1 + Math.floor(rand() * 3),
        credit,
        evidence: credit > 0 ? `We ${it.label.toLowerCase()}.` : null,
        why: credit < 1 ? it.why : null,
        ...(phase === 'estimation' && it.id === 'qps' ? { expected: '≈1,160 requests/s' } : {}),
      };
    });
    const total = items.reduce((a, i) => a + i.weight, 0);
    const score = Math.round((100 * items.reduce((a, i) => a + i.weight * i.credit, 0)) / total);
    scores.push(score);
    phases[phase] = {
      answer: `${phase} answer.\n- ${LOREM.repeat(2 + Math.floor(rand() * 4))}`,
      transcript:
        phase === 'requirements'
          ? [
              { role: 'candidate', text: 'How many daily active users?', at: at(offset + 30_000) },
              { role: 'interviewer', text: 'About 100 million.', factIds: ['dau'], at: at(offset + 31_000) },
            ]
          : [],
      timeSpentMs: spent,
      startedAt: at(offset),
      endedAt: at(offset + spent),
      hints: rand() < 0.2 ? [{ itemId: ITEMS[phase][0]!.id, at: at(offset + 60_000) }] : [],
      grade: graded ? { phase, score, items, notes: [] } : null,
    };
    offset += spent;
  }
  const weights = { requirements: 20, estimation: 15, design: 30, 'deep-dive': 35 };
  const overall = graded
    ? Math.round(PHASES.reduce((a, p, i) => a + weights[p] * scores[i]!, 0) / 100)
    : null;
  return {
    schemaVersion: 1,
    id: ulidAt(started.getTime(), seed),
    questionId: options.questionId ?? 'url-shortener',
    questionTitle: options.questionTitle ?? 'Design a URL shortener',
    rubricVersion: '1.1',
    startedAt: started.toISOString(),
    updatedAt: at(offset),
    endedAt: status === 'in-progress' ? null : at(offset),
    status,
    budgets: { requirements: 300, estimation: 300, design: 900, 'deep-dive': 900 },
    phases,
    followUps: [
      {
        id: 'hot-keys',
        question: 'What happens with a celebrity key?',
        answer: graded ? 'Replicate the hot key and add a local cache.' : '',
        grade: graded
          ? {
              followUpId: 'hot-keys',
              score: 50,
              items: [{ id: 'replicate-hot', label: 'Replicates hot keys', weight: 1, credit: 0.5, evidence: 'Replicate the hot key.', why: 'Spreads load.' }],
              notes: [],
            }
          : null,
      },
    ],
    current: {
      phase: status === 'in-progress' ? 'design' : 'deep-dive',
      followUpIndex: 0,
      elapsedMs: Object.fromEntries(PHASES.map((p) => [p, phases[p].timeSpentMs])) as Record<Phase, number>,
      draft: status === 'in-progress' ? 'half-written design' : '',
    },
    overall,
    phaseWeights: weights,
    hintPenalty: 2,
    settings: { minutesPerPhase: minutes, strict: false },
  };
};

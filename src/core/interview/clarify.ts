// The interviewer's answers to clarifying questions: a question is matched to the question's facts by
// the facts' `ask` phrases (and, more weakly, by topic words); with no match it is the candidate's call.
import type { Fact, FactTopic, Question } from '../content/schema.js';
import { analyzeUnit } from '../grade/analyze.js';
import { compileGroup, matchGroup, type CompiledGroup } from '../grade/match.js';
import type { Vocabulary } from '../grade/vocabulary.js';

const TOPIC_WORDS: Record<FactTopic, string> = {
  scale: 'scale|how many|how much|how big|volume|size of',
  users: 'user|dau|mau|customer|people|account',
  traffic: 'traffic|qps|rps|request|peak|load|throughput',
  'read-write-ratio': 'read|write|ratio|read heavy|write heavy',
  'data-size': 'size|how big|how large|byte|payload|length|storage',
  retention: 'retention|keep|how long|expire|expiry|ttl|delete|history|archive',
  latency: 'latency|fast|slow|response time|p99|millisecond|real time|quickly',
  availability: 'availability|uptime|downtime|available|nines|outage',
  consistency: 'consistency|consistent|stale|eventual|accurate|exactly once|order',
  durability: 'durable|durability|lose|loss|lost|backup',
  features: 'feature|support|should|need to|must|functionality|allow',
  'out-of-scope': 'scope|out of scope|skip|ignore|not need|include|cover',
  geography: 'region|global|country|geo|worldwide|international|location',
  security: 'security|secure|auth|authentication|privacy|encrypt|abuse|spam|fraud',
  clients: 'mobile|web|client|app|device|browser|platform',
};

export interface ClarifyAnswer {
  text: string;
  factIds: string[];
}

export const FALLBACK_ANSWER =
  "That's your call: there's no fixed answer here. State the assumption you'd make, and why, then move on.";

const compiled = new WeakMap<Fact, CompiledGroup[]>();
const topicGroups = new WeakMap<Vocabulary, Map<FactTopic, CompiledGroup>>();

/** Answers a clarifying question from the question's facts (at most two, best first). */
export const answerClarifyingQuestion = (question: Question, asked: string, vocab: Vocabulary): ClarifyAnswer => {
  const unit = analyzeUnit({ text: asked, matchText: asked, kind: 'sentence', context: '' }, vocab);
  if (unit.words === 0) return { text: FALLBACK_ANSWER, factIds: [] };
  let topics = topicGroups.get(vocab);
  if (!topics) {
    topics = new Map(Object.entries(TOPIC_WORDS).map(([t, g]) => [t as FactTopic, compileGroup(vocab, g)]));
    topicGroups.set(vocab, topics);
  }
  const scored = question.facts
    .map((fact, order) => {
      let groups = compiled.get(fact);
      if (!groups) {
        groups = fact.ask.map((g) => compileGroup(vocab, g));
        compiled.set(fact, groups);
      }
      const askHits = groups.filter((g) => matchGroup(unit, g)).length;
      const topicHits = fact.topics.filter((t) => matchGroup(unit, topics.get(t)!)).length;
      // Ask phrases are specific to the fact; topic words only break ties and catch broad questions.
      return { fact, order, score: askHits * 3 + topicHits, askHits };
    })
    .filter((s) => s.askHits > 0 || s.score >= 2)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const best = scored[0];
  if (!best) return { text: FALLBACK_ANSWER, factIds: [] };
  const picked = scored.filter((s) => s.score === best.score).slice(0, 2);
  return { text: picked.map((s) => s.fact.answer.trim()).join(' '), factIds: picked.map((s) => s.fact.id) };
};

#!/usr/bin/env node
// Benchmark: `sdcoach history` and `sdcoach stats` over 1,000 generated sessions, end to end through the
// built binary (run `npm run build` first). Target: ≤ 500 ms each. Wall times depend on the machine and
// its load, so each figure is also given as a ratio to `node -e 0` measured in the same run.
//
//   node bench/sessions.js [--sessions 1000] [--runs 7] [--json] [--keep]
//
// --keep leaves the generated SDCOACH_HOME in place (its path is printed) for profiling.
// --write-home <dir> only writes the sessions into <dir>/sessions (for other benchmarks) and exits.
//
// Imports nothing from src/: the sessions are written as plain JSON files, the way the app stores them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'sdcoach.js');
const TARGET_MS = 500;

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SESSIONS = arg('sessions', 1000);
const RUNS = arg('runs', 7);
const JSON_OUT = process.argv.includes('--json');
const KEEP = process.argv.includes('--keep');

// ── session generator (mirrors the session document: schemaVersion 1) ────────

const PHASES = ['requirements', 'estimation', 'design', 'deep-dive'];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ulidAt = (ms, n) => {
  let time = '';
  for (let i = 0, t = ms; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  let rand = '';
  for (let i = 0, r = n; i < 16; i++, r = Math.floor(r / 32)) rand = CROCKFORD[r % 32] + rand;
  return time + rand;
};
let seed = 42;
const rand = () => ((seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const SENTENCE =
  'We shard the table by user id so hot keys spread evenly, put a Redis cache with a five-minute TTL in front of reads, ' +
  'and send writes through a queue so a slow consumer never blocks the request path. ';
const ITEMS_PER_PHASE = { requirements: 8, estimation: 6, design: 12, 'deep-dive': 10 };
const BUDGET_S = { requirements: 300, estimation: 300, design: 900, 'deep-dive': 1200 };
const WEIGHTS = { requirements: 20, estimation: 15, design: 30, 'deep-dive': 35 };

const makeSession = (i, questionIds, start) => {
  const startMs = start + i * 3_600_000;
  const at = (ms) => new Date(startMs + ms).toISOString();
  const status = i % 20 === 7 ? 'abandoned' : i % 50 === 3 ? 'in-progress' : 'completed';
  const graded = status === 'completed';
  const phases = {};
  const scores = [];
  let offset = 0;
  for (const p of PHASES) {
    const spent = Math.round(BUDGET_S[p] * 1000 * (0.5 + rand()));
    const items = Array.from({ length: ITEMS_PER_PHASE[p] }, (_, k) => {
      const credit = pick([0, 0.5, 1, 1]);
      return {
        id: `${p}-item-${k}`,
        label: `Rubric item ${k} of the ${p} phase, stated as a behaviour`,
        weight: 1 + (k % 3),
        credit,
        evidence: credit > 0 ? SENTENCE.trim() : null,
        why: credit < 1 ? 'Interviewers look for this because it drives the later trade-offs.' : null,
      };
    });
    const total = items.reduce((a, x) => a + x.weight, 0);
    const score = Math.round((100 * items.reduce((a, x) => a + x.weight * x.credit, 0)) / total);
    scores.push(score);
    phases[p] = {
      answer: `- ${SENTENCE.repeat(6 + Math.floor(rand() * 10))}`,
      transcript:
        p === 'requirements'
          ? Array.from({ length: 6 }, (_, k) => ({ role: k % 2 ? 'interviewer' : 'candidate', text: 'How many daily users and what read:write ratio?', at: at(k * 20_000) }))
          : [],
      timeSpentMs: spent,
      startedAt: at(offset),
      endedAt: at(offset + spent),
      hints: rand() < 0.15 ? [{ itemId: `${p}-item-0`, at: at(offset + 30_000) }] : [],
      grade: graded ? { phase: p, score, items, notes: [] } : null,
    };
    offset += spent;
  }
  const overall = graded ? Math.round(PHASES.reduce((a, p, k) => a + WEIGHTS[p] * scores[k], 0) / 100) : null;
  const questionId = questionIds[i % questionIds.length];
  return {
    schemaVersion: 1,
    id: ulidAt(startMs, i),
    questionId,
    questionTitle: `Design ${questionId.replace(/-/g, ' ')}`,
    rubricVersion: '1.1',
    startedAt: at(0),
    updatedAt: at(offset),
    endedAt: status === 'in-progress' ? null : at(offset),
    status,
    budgets: BUDGET_S,
    phases,
    followUps: [0, 1].map((k) => ({
      id: `follow-up-${k}`,
      question: 'What happens when one key gets a million reads per second?',
      answer: graded ? SENTENCE.repeat(3) : '',
      grade: graded ? { followUpId: `follow-up-${k}`, score: pick([0, 50, 100]), items: [], notes: [] } : null,
    })),
    current: { phase: 'deep-dive', followUpIndex: 0, elapsedMs: Object.fromEntries(PHASES.map((p) => [p, phases[p].timeSpentMs])), draft: '' },
    overall,
    phaseWeights: WEIGHTS,
    hintPenalty: 3,
    settings: { minutesPerPhase: { requirements: 5, estimation: 5, design: 15, 'deep-dive': 20 }, strict: false },
  };
};

// ── measuring ───────────────────────────────────────────────────────────────

const time = (args, env) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const writeHomeAt = process.argv.indexOf('--write-home');
const WRITE_ONLY = writeHomeAt >= 0 ? resolve(process.argv[writeHomeAt + 1]) : null;
const home = WRITE_ONLY ?? mkdtempSync(join(tmpdir(), 'sdcoach-bench-'));
try {
  const questionIds = readdirSync(join(ROOT, 'question-bank'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''));
  if (questionIds.length === 0) questionIds.push('url-shortener');
  mkdirSync(join(home, 'sessions'), { recursive: true });
  let bytes = 0;
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < SESSIONS; i++) {
    const s = makeSession(i, questionIds, start);
    const text = `${JSON.stringify(s, null, 2)}\n`;
    bytes += text.length;
    writeFileSync(join(home, 'sessions', `${s.id}.json`), text);
  }

  // sdcoach does not cache files changed in the last two seconds (their timestamps may not have settled);
  // waiting that out lets the first run cache every file, as it would for sessions written earlier.
  const written = Date.now();
  const settle = () => {
    const left = written + 2100 - Date.now();
    if (left > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, left);
  };
  if (WRITE_ONLY) {
    settle();
    process.exit(0);
  }

  const env = { ...process.env, SDCOACH_HOME: home, FORCE_COLOR: '0', NO_COLOR: '1', SDCOACH_BANK: '' };
  const baseline = median(Array.from({ length: RUNS }, () => time(['-e', '0'], env)));
  settle();
  // The first listing reads and validates every file and writes the digest cache; later ones use the cache.
  const cold = time([BIN, 'history'], env);
  const results = [
    { name: 'history (first run, no cache)', ms: cold },
    ...['history', 'history --json', 'stats', 'stats --json'].map((cmd) => ({
      name: cmd,
      ms: median(Array.from({ length: RUNS }, () => time([BIN, ...cmd.split(' ')], env))),
    })),
  ].map((r) => ({ ...r, ratio: r.ms / baseline, withinTarget: r.ms <= TARGET_MS }));

  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify({ sessions: SESSIONS, bytes, runs: RUNS, targetMs: TARGET_MS, baselineMs: baseline, results }, null, 2)}\n`);
  } else {
    console.log(`sessions: ${SESSIONS} (${(bytes / 1e6).toFixed(1)} MB), ${questionIds.length} question ids, median of ${RUNS} runs`);
    console.log(`node -e 0: ${baseline.toFixed(0)} ms`);
    for (const r of results) {
      console.log(
        `${r.name.padEnd(30)} ${r.ms.toFixed(0).padStart(6)} ms  ${r.ratio.toFixed(1).padStart(5)}× node -e 0  ${r.withinTarget ? 'ok' : `over the ${TARGET_MS} ms target`}`,
      );
    }
  }
} finally {
  if (KEEP) console.error(`kept SDCOACH_HOME=${home}`);
  else rmSync(home, { recursive: true, force: true });
}

// Small measuring helpers shared by the benchmark sections.
import { performance } from 'node:perf_hooks';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Nearest-rank percentile (0-100). */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export const msSince = (t0) => performance.now() - t0;

/**
 * Times a synchronous function once: wall time, and the process's CPU time (user + system), which a
 * busy machine inflates much less than wall time (time spent waiting for a core is not counted).
 */
export const timeSync = (fn) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const ms = msSince(t0);
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000 };
};

/**
 * Runs `warmup` unmeasured rounds, then up to `runs` measured ones. Each round runs every case once, in
 * order, so the baseline and the cases it normalises share the same moments of machine load (the machine
 * is noisy: interleaving keeps a burst of load from landing on one case only). After `minRuns` measured
 * rounds it stops once `budgetMs` has passed, so a loaded machine still finishes in reasonable time.
 * A case returns ms, or { ms, cpuMs }. Returns { samples, cpu } per case name.
 */
export const interleaved = async (cases, { runs, warmup, minRuns = runs, budgetMs = Infinity }) => {
  const samples = Object.fromEntries(cases.map((c) => [c.name, []]));
  const cpu = Object.fromEntries(cases.map((c) => [c.name, []]));
  const started = performance.now();
  for (let r = 0; r < warmup + runs; r++) {
    if (r >= warmup + minRuns && msSince(started) > budgetMs) break;
    for (const c of cases) {
      const t = await c.run();
      if (r < warmup) continue;
      samples[c.name].push(typeof t === 'number' ? t : t.ms);
      if (typeof t === 'object' && t.cpuMs !== undefined) cpu[c.name].push(t.cpuMs);
    }
  }
  return { samples, cpu };
};

/** One result row: the absolute median, the same-run baseline and the verdict against the target. */
export const row = ({ id, section, name, samples, cpu, baseline, target, note }) => {
  const ms = median(samples);
  const ratio = baseline ? ms / baseline.ms : null;
  let pass = null;
  if (target?.maxMs !== undefined) pass = ms <= target.maxMs;
  if (target?.maxRatio !== undefined) pass = ratio !== null && ratio <= target.maxRatio;
  return {
    id,
    section,
    name,
    medianMs: round(ms),
    minMs: round(Math.min(...samples)),
    p90Ms: round(percentile(samples, 90)),
    ...(cpu?.length ? { cpuMedianMs: round(median(cpu)) } : {}),
    runs: samples.length,
    baseline: baseline ? { name: baseline.name, medianMs: round(baseline.ms) } : null,
    ratio: ratio === null ? null : round(ratio, 2),
    target: target ?? null,
    pass,
    ...(note ? { note } : {}),
  };
};

export const round = (n, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

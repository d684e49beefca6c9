// bench/sessions.js (history and stats over 1,000 sessions) belongs to its own author: run it as it is,
// as a child process with --json, and turn its results into rows. It measures its own `node -e 0`
// baseline in the same run, so its ratios are same-run ratios like the others.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { round } from './stats.js';

export const SESSIONS_SCRIPT = 'bench/sessions.js';

export const benchSessions = async ({ root, env, runs = 7 }) => {
  const script = join(root, SESSIONS_SCRIPT);
  if (!existsSync(script)) return null;
  const { code, stdout, stderr } = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--json', '--runs', String(runs)], { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  if (code !== 0) throw new Error(`${SESSIONS_SCRIPT} exited ${code}: ${stderr.trim()}`);
  const report = JSON.parse(stdout);
  const baseline = { name: 'node -e 0', medianMs: round(report.baselineMs) };
  return [
    { id: 'sessions.baseline', section: 'sessions', name: 'node -e 0 (baseline, measured by bench/sessions.js)', medianMs: baseline.medianMs, runs: report.runs, baseline: null, ratio: null, target: null, pass: null },
    ...report.results.map((r) => {
      // The first run is a single run that builds the digest cache: it happens once per install or upgrade
      // (or after importing many sessions), reading and validating every file. It is shown for reference;
      // the target is judged on the listings people run from then on.
      const once = r.name.includes('first run');
      return {
        id: `sessions.${r.name.replace(/\(.*\)/, 'cold').trim().replace(/\W+/g, '-')}`,
        section: 'sessions',
        name: once ? `history, first run: builds the digest cache (once per install or upgrade), ${report.sessions} sessions` : `${r.name}, ${report.sessions} sessions`,
        medianMs: round(r.ms),
        runs: once ? 1 : report.runs,
        baseline,
        ratio: round(r.ratio, 2),
        target: once ? null : { maxMs: report.targetMs },
        pass: once ? null : r.ms <= report.targetMs,
      };
    }),
  ];
};

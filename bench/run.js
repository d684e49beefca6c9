#!/usr/bin/env node
// The benchmark suite: `npm run bench` builds, then runs this. Every figure is the median of several runs
// after a warm-up, shown with a baseline measured in the same run and the ratio to it, because the machine
// is noisy (2 cores shared with other work) and absolute times alone would mostly measure the load.
// Prints a table and writes bench/.out/latest.json. No network; imports only from dist/ and devDependencies.
//
//   node bench/run.js [--only bank,grading,start-up,sessions,tui] [--check] [--profile]
//
// --check exits 1 when a target fails (by default the run only reports).
// --profile runs every spawned sdcoach (start-up and TUI sections) under --cpu-prof and leaves the profiles
// in bench/.out/profiles/ (open them in Chrome DevTools); the times of such a run are not comparable.
// For the in-process sections, profile the runner itself: node --cpu-prof bench/run.js --only bank.
//
// Each section has a time budget: it always makes a minimum number of runs, and more while the budget
// lasts, so a quiet machine gets more samples and a loaded one still finishes in about three minutes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchBank, benchGrading } from './lib/in-process.js';
import { benchSessions } from './lib/sessions.js';
import { benchStartup } from './lib/startup.js';
import { formatTable } from './lib/table.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'sdcoach.js');
const OUT = join(ROOT, 'bench', '.out', 'latest.json');
const PROFILES = join(ROOT, 'bench', '.out', 'profiles');

const SECTIONS = ['bank', 'grading', 'start-up', 'sessions', 'tui'];
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? process.argv[onlyArg + 1].split(',') : SECTIONS;
const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length > 0) {
  console.error(`bench: unknown section ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`);
  process.exit(2);
}

const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};

const tmp = mkdtempSync(join(tmpdir(), 'sdcoach-bench-'));
const home = join(tmp, 'home');
mkdirSync(home);
// The settings and sessions of a throwaway home; colour off; Ink draws under CI=false only (Ink 6).
const env = { ...process.env, SDCOACH_HOME: home, SDCOACH_BANK: '', FORCE_COLOR: '0', NO_COLOR: '1', CI: 'false', TERM: 'xterm-256color' };
delete env.VITEST;

const profile = process.argv.includes('--profile');
if (profile) {
  rmSync(PROFILES, { recursive: true, force: true });
  mkdirSync(PROFILES, { recursive: true });
}

const started = performance.now();
const load = { start: loadavg().map((x) => Math.round(x * 10) / 10) };
const ctx = { root: ROOT, bin: BIN, env, tmp, nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : [] };
const rows = [];
const notes = [];
const sectionSeconds = {};
let current = null;
const failures = [];
const step = (label) => {
  const now = performance.now();
  if (current) sectionSeconds[current.label] = Math.round((now - current.at) / 100) / 10;
  current = label ? { label, at: now } : null;
  if (label) process.stderr.write(`bench: ${label}…\n`);
};

// A section that breaks (a timeout, a crash) is reported and the others still run.
const section = async (key, label, fn) => {
  if (!only.includes(key)) return;
  step(label);
  try {
    rows.push(...((await fn()) ?? []));
  } catch (e) {
    failures.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
  }
};

try {
  await section('bank', 'bank load', () => benchBank({ ...ctx, runs: 9, minRuns: 5, warmup: 1, budgetMs: 15_000 }));
  await section('grading', 'grading', () => benchGrading({ ...ctx, runs: 25, minRuns: 15, warmup: 5, budgetMs: 5_000 }));
  await section('start-up', 'start-up', () => benchStartup({ ...ctx, runs: 11, minRuns: 7, warmup: 1, budgetMs: 35_000 }));
  await section('sessions', 'sessions (bench/sessions.js)', async () => {
    const r = await benchSessions({ ...ctx, runs: 5 });
    if (!r) notes.push('bench/sessions.js is missing: history/stats over 1,000 sessions not measured.');
    else if (profile) notes.push('bench/sessions.js runs its commands itself: they are not profiled (use its --keep, then node --cpu-prof).');
    return r;
  });
  // Loaded only when needed: node-pty is a native module, and the other sections do not need it.
  const tui = only.includes('tui') ? await import('./lib/tui.js') : null;
  await section('tui', 'TUI first frame', () => tui.benchFirstFrame({ ...ctx, runs: 9, minRuns: 5, warmup: 1, budgetMs: 25_000 }));
  await section('tui', 'TUI first frame, 1,000 sessions', async () => {
    // The same screen with a long history (the sessions bench's generator): past sessions come from the digest cache.
    const longHome = join(tmp, 'home-1000');
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'sessions.js'), '--write-home', longHome], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('bench/sessions.js --write-home failed');
    return tui.benchFirstFrame({ ...ctx, runs: 7, minRuns: 5, warmup: 1, budgetMs: 20_000, variant: { id: '1000', label: 'with 1,000 past sessions', home: longHome } });
  });
  await section('tui', 'TUI keystrokes', () => tui.benchKeystrokes({ ...ctx, keys: 30, warmupKeys: 5 }));
  step(null);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

load.end = loadavg().map((x) => Math.round(x * 10) / 10);
const report = {
  date: new Date().toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
  dirty: (git('status', '--porcelain', '--untracked-files=no') ?? '') !== '',
  node: process.version,
  cpus: cpus().length,
  loadavg: load,
  durationS: Math.round((performance.now() - started) / 1000),
  sectionSeconds,
  profiled: profile,
  results: rows,
  failures,
  notes,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);

console.log(formatTable(report));
console.log(`\nwrote ${join('bench', '.out', 'latest.json')}`);
if (profile) console.log(`profiles of the spawned sdcoach runs: ${join('bench', '.out', 'profiles')}/`);
if (failures.length > 0) process.exitCode = 1;
else if (process.argv.includes('--check') && rows.some((r) => r.pass === false)) process.exitCode = 1;

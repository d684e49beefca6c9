// Start-up, end to end: the built binary spawned the way a shell would, against `node -e 0` spawned the
// same way in the same rounds (the ratio is what the target is about: sdcoach's own cost over Node's).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { designAnswer } from './answers.js';
import { interleaved, median, msSince, row } from './stats.js';

const spawnMs = (args, env, cwd) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = msSince(t0);
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
};

export const benchStartup = async ({ root, bin, env, tmp, nodeArgs = [], runs = 9, warmup = 2, minRuns = 5, budgetMs = Infinity }) => {
  const answer = join(tmp, 'design-5k.md');
  writeFileSync(answer, designAnswer(5_000));
  const commands = [
    { id: 'startup.version', name: 'sdcoach --version', args: ['--version'] },
    { id: 'startup.questions-json', name: 'sdcoach questions --json', args: ['questions', '--json'] },
    { id: 'startup.grade-json', name: 'sdcoach grade url-shortener <5 KB> --phase design --json', args: ['grade', 'url-shortener', answer, '--phase', 'design', '--json'] },
  ];
  // The warm-up also rebuilds the bank's parse cache if the bank changed since the build.
  const { samples } = await interleaved(
    [
      { name: 'node -e 0', run: () => spawnMs(['-e', '0'], env, root) },
      ...commands.map((c) => ({ name: c.name, run: () => spawnMs([...nodeArgs, bin, ...c.args], env, root) })),
    ],
    { runs, warmup, minRuns, budgetMs },
  );
  const baseline = { name: 'node -e 0', ms: median(samples['node -e 0']) };
  return [
    row({ id: 'startup.baseline', section: 'start-up', name: 'node -e 0 (baseline)', samples: samples['node -e 0'] }),
    ...commands.map((c) => row({ id: c.id, section: 'start-up', name: c.name, samples: samples[c.name], baseline, target: { maxRatio: 3 } })),
  ];
};

// In-process figures: loading the whole bank, and grading one phase, with the built modules from dist/.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { designAnswer } from './answers.js';
import { interleaved, median, row, timeSync } from './stats.js';

/**
 * The in-process baseline: JSON.parse of a fixed 1 MB JSON document (records shaped like rubric items).
 * Loading the bank is turning structured text into objects, and grading is string scanning and small
 * allocations; JSON.parse is V8's fastest way to do that kind of work, has no I/O and a fixed input, so its
 * time moves with the CPU's speed and contention the way both measured figures do. The ratio then reads
 * "costs as much as parsing N MB of JSON", which stays comparable across machines and across noisy runs.
 */
const baselineJson = () => {
  const items = [];
  let size = 2;
  for (let i = 0; size < 1_000_000; i++) {
    const item = {
      id: `item-${i}`,
      label: `Caches code-to-URL mappings in front of the database for redirects, variant ${i}`,
      weight: 1 + (i % 3),
      match: [`cache|redis|memcached`, `redirect|lookup|read ${i}`],
      tolerance: { full: 2, partial: 5 },
      why: 'Interviewers look for this because most traffic is reads of a small hot set of links.',
    };
    const s = JSON.stringify(item);
    size += s.length + 1;
    items.push(s);
  }
  return `[${items.join(',')}]`;
};

const importDist = (root, path) => import(pathToFileURL(join(root, 'dist', path)).href);

export const benchBank = async ({ root, runs = 9, warmup = 1, minRuns = 5, budgetMs = Infinity }) => {
  const { loadBank } = await importDist(root, 'core/content/load.js');
  const json = baselineJson();
  let questions = 0;
  let problems = 0;
  const { samples, cpu } = await interleaved(
    [
      { name: 'baseline', run: () => timeSync(() => JSON.parse(json)) },
      {
        name: 'cold',
        run: () =>
          timeSync(() => {
            const bank = loadBank({ cache: false });
            questions = bank.questions.size;
            problems = bank.problems.length;
          }),
      },
      { name: 'yaml', run: () => timeSync(() => loadBank({ cache: false, compiled: false })) },
      { name: 'cached', run: () => timeSync(() => loadBank()) },
    ],
    { runs, warmup, minRuns, budgetMs },
  );
  const baseline = { name: 'JSON.parse 1 MB', ms: median(samples.baseline) };
  // What a process that finds no cache pays: the first call, before V8 and zod have warmed up.
  const firstCall = [];
  const probe = `const { loadBank } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'core', 'content', 'load.js')).href)});
    const t = performance.now(); loadBank({ cache: false }); console.log(performance.now() - t);`;
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    if (r.status === 0) firstCall.push(Number(r.stdout.trim()));
  }
  return [
    row({ id: 'bank.baseline', section: 'bank', name: 'JSON.parse of 1 MB (baseline)', samples: samples.baseline, cpu: cpu.baseline }),
    row({
      id: 'bank.cold',
      section: 'bank',
      name: `loadBank, cold: read + validate every file ({cache:false}; YAML precompiled to JSON at build), ${questions} questions`,
      samples: samples.cold,
      cpu: cpu.cold,
      baseline,
      target: { maxMs: 50 },
      // Others edit the bank while this runs; a broken file makes the figure a little smaller, so say so.
      note: problems > 0 ? `the bank had ${problems} problem(s) (run sdcoach validate)` : undefined,
    }),
    row({
      id: 'bank.yaml',
      section: 'bank',
      name: 'loadBank from the YAML sources: parse + validate every file ({cache:false, compiled:false}; packs, edited files)',
      samples: samples.yaml,
      cpu: cpu.yaml,
      baseline,
    }),
    row({
      id: 'bank.cold-first-call',
      section: 'bank',
      name: 'loadBank, cold, first call in a fresh process (V8 and zod not warmed up; no target, for reference)',
      samples: firstCall,
      baseline,
    }),
    row({ id: 'bank.cached', section: 'bank', name: 'loadBank, cached (the normal start-up path)', samples: samples.cached, cpu: cpu.cached, baseline, target: { maxMs: 50 } }),
  ];
};

export const benchGrading = async ({ root, runs = 15, warmup = 5, minRuns = runs, budgetMs = Infinity }) => {
  const { loadBank } = await importDist(root, 'core/content/load.js');
  const { Grader } = await importDist(root, 'core/grade/grader.js');
  const bank = loadBank();
  const entry = bank.questions.get('url-shortener');
  if (!entry) throw new Error('url-shortener is not in the bank');
  const grader = new Grader(bank);
  const json = baselineJson();
  const sizes = [2, 5, 10];
  const answers = Object.fromEntries(sizes.map((kb) => [kb, designAnswer(kb * 1000)]));
  const scores = {};
  const { samples, cpu } = await interleaved(
    [
      { name: 'baseline', run: () => timeSync(() => JSON.parse(json)) },
      ...sizes.map((kb) => ({
        name: `${kb}`,
        run: () => timeSync(() => (scores[kb] = grader.gradePhase(entry, 'design', answers[kb]).score)),
      })),
    ],
    { runs, warmup, minRuns, budgetMs },
  );
  const baseline = { name: 'JSON.parse 1 MB', ms: median(samples.baseline) };
  return [
    row({ id: 'grading.baseline', section: 'grading', name: 'JSON.parse of 1 MB (baseline)', samples: samples.baseline, cpu: cpu.baseline }),
    ...sizes.map((kb) =>
      row({
        id: `grading.${kb}kb`,
        section: 'grading',
        name: `gradePhase url-shortener design, ${kb} KB (score ${scores[kb]})`,
        samples: samples[`${kb}`],
        cpu: cpu[`${kb}`],
        baseline,
        target: kb === 5 ? { maxMs: 5 } : undefined,
      }),
    ),
  ];
};

// The human-readable report: one line per figure, grouped by section, and a summary of the targets.

const TITLES = {
  bank: 'Bank load, in-process (baseline: JSON.parse of 1 MB)',
  grading: 'Grading, in-process (baseline: JSON.parse of 1 MB)',
  'start-up': 'Start-up, spawned end to end (baseline: node -e 0)',
  sessions: 'Sessions, bench/sessions.js (baseline: node -e 0)',
  tui: 'TUI in a pty + headless xterm (baselines through the same pty)',
};

const ms = (n) => (n === undefined || n === null ? '' : `${n >= 100 ? Math.round(n) : n.toFixed(1)} ms`);
const target = (t) => (!t ? '' : t.maxRatio !== undefined ? `≤ ${t.maxRatio}×` : `≤ ${t.maxMs} ms`);
const verdict = (p) => (p === null ? '' : p ? 'PASS' : 'FAIL');

export const formatTable = (report) => {
  const header = ['figure', 'median', 'min', 'cpu', 'ratio', 'target', 'result'];
  const lines = [];
  const body = [];
  for (const section of [...new Set(report.results.map((r) => r.section))]) {
    body.push({ title: TITLES[section] ?? section });
    for (const r of report.results.filter((x) => x.section === section)) {
      body.push({
        cells: [
          `  ${r.name}`,
          ms(r.medianMs),
          ms(r.minMs),
          ms(r.cpuMedianMs),
          r.ratio === null ? '' : `${r.ratio >= 10 ? r.ratio.toFixed(0) : r.ratio.toFixed(2)}×`,
          target(r.target),
          verdict(r.pass),
        ],
      });
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.filter((b) => b.cells).map((b) => b.cells[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const load = report.loadavg;
  lines.push(
    `sdcoach bench · ${report.date} · ${report.commit ?? 'no git'}${report.dirty ? ' (dirty tree)' : ''} · node ${report.node} · ${report.cpus} CPUs · ` +
      `load ${load.start[0]} → ${load.end[0]} · ${report.durationS} s`,
  );
  lines.push('median/min: wall time after warm-up; cpu: median CPU time of in-process figures (less sensitive to load);');
  lines.push('ratio: median / the same-run baseline median. Absolute targets are judged on the wall median.');
  if (report.profiled) lines.push('PROFILED RUN: spawned sdcoach processes ran under --cpu-prof; the times are not comparable.');
  lines.push('');
  lines.push(fmt(header));
  lines.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const b of body) lines.push(b.title ? b.title : fmt(b.cells));
  const judged = report.results.filter((r) => r.pass !== null);
  const passed = judged.filter((r) => r.pass).length;
  lines.push('');
  lines.push(`${passed} of ${judged.length} targets pass.`);
  for (const r of report.results.filter((x) => x.note)) lines.push(`note: ${r.name}: ${r.note}`);
  for (const f of report.failures ?? []) lines.push(`SECTION FAILED: ${f}`);
  for (const n of report.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
};

// Small formatters shared by the session renderings (CLI and TUI).

/** "4m 05s", "1h 02m", "45s". */
export const formatDuration = (ms: number): string => {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return s === 0 ? `${m}m` : `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Local date and time to the minute: "2025-01-02 14:05". */
export const formatDateTime = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};

/** "72", or "–" when there is no score. */
export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? '–' : String(Math.round(score)));

/** "+5", "−3", "±0", or "–" when either side is missing. */
export const formatChange = (change: number | null): string =>
  change === null ? '–' : change > 0 ? `+${change}` : change < 0 ? `−${Math.abs(change)}` : '±0';

/** Warning lines for files in sessions/ that could not be read (they are left untouched). */
export const unreadableWarnings = (errors: readonly { name: string; reason: string }[], dir: string): string[] =>
  errors.length === 0
    ? []
    : [
        `${errors.length} unreadable file${errors.length === 1 ? '' : 's'} in ${dir} (left untouched):`,
        ...errors.map((e) => `  ${e.name}: ${e.reason}`),
      ];

/** The shortest prefix length (at least `min`) that tells all `ids` apart, like git's short hashes. */
export const shortIdLength = (ids: readonly string[], min = 8): number => {
  const sorted = [...ids].sort();
  let len = min;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    let common = 0;
    while (common < a.length && a[common] === b[common]) common++;
    len = Math.max(len, common + 1);
  }
  return Math.min(len, Math.max(min, ...ids.map((id) => id.length)));
};

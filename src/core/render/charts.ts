// Terminal charts for progress: an asciichart line chart and one-line sparklines. Plain characters only,
// so they read the same piped, with NO_COLOR, or in the TUI.
import asciichart from 'asciichart';

const BARS = '▁▂▃▄▅▆▇█';

/** One character per value on a 0…100 scale. */
export const sparkline = (values: readonly number[], max = 100): string =>
  values.map((v) => BARS[Math.min(BARS.length - 1, Math.max(0, Math.floor((v / max) * BARS.length)))]).join('');

/** A line chart of scores (0…100) with a labelled y axis; the last `width` points. */
export const scoreChart = (values: readonly number[], options: { width?: number; height?: number } = {}): string => {
  const series = values.slice(-(options.width ?? 60));
  if (series.length < 2) return '';
  return asciichart.plot(series, {
    height: options.height ?? 8,
    min: 0,
    max: 100,
    format: (x: number) => String(Math.round(x)).padStart(4),
  });
};

/** The change between the mean of the last `n` values and the `n` before them; null without enough data. */
export const recentChange = (values: readonly number[], n = 5): number | null => {
  if (values.length < 2) return null;
  const k = Math.min(n, Math.floor(values.length / 2));
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.round(mean(values.slice(-k)) - mean(values.slice(-2 * k, -k)));
};

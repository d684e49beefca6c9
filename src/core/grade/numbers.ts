// Quantities with units: "1.2k", "1,200", "~1200/s", "120K QPS", "1.2 × 10^3", "3.5 trillion", "91 TB",
// "500 bytes", "5 years", "100M/day", "2.5M updates/sec", "1 Gbps". Everything is normalised to base units:
// events per second, bytes, bytes per second, seconds, or a plain count.
import { normalize } from './tokens.js';

export type QuantityKind = 'rate' | 'bytes' | 'bytes/s' | 'duration' | 'count' | 'percent';

export interface Mention {
  kind: QuantityKind;
  /** Value in base units (per second, bytes, bytes/s, seconds, count). */
  value: number;
  /** For rates: the time unit as written (second, minute, hour, day, month, year). */
  per?: TimeUnit;
  /** The text the mention was read from. */
  raw: string;
  index: number;
}

type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
const SECONDS: Record<TimeUnit, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  month: 30 * 86_400,
  year: 365 * 86_400,
};

const timeUnit = (w: string): TimeUnit | undefined => {
  if (/^(s|sec|secs|second|seconds)$/.test(w)) return 'second';
  if (/^(m|min|mins|minute|minutes)$/.test(w)) return 'minute';
  if (/^(h|hr|hrs|hour|hours|hourly)$/.test(w)) return 'hour';
  if (/^(d|day|days|daily)$/.test(w)) return 'day';
  if (/^(mo|month|months|monthly)$/.test(w)) return 'month';
  if (/^(y|yr|yrs|year|years|yearly|annually|annual)$/.test(w)) return 'year';
  return undefined;
};

const MAGNITUDE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  t: 1e12,
  tn: 1e12,
  trillion: 1e12,
  trillions: 1e12,
  quadrillion: 1e15,
  hundred: 1e2,
  lakh: 1e5,
};

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  kib: 1024,
  kilobyte: 1e3,
  kilobytes: 1e3,
  mb: 1e6,
  mib: 1024 ** 2,
  megabyte: 1e6,
  megabytes: 1e6,
  gb: 1e9,
  gib: 1024 ** 3,
  gigabyte: 1e9,
  gigabytes: 1e9,
  tb: 1e12,
  tib: 1024 ** 4,
  terabyte: 1e12,
  terabytes: 1e12,
  pb: 1e15,
  pib: 1024 ** 5,
  petabyte: 1e15,
  petabytes: 1e15,
  eb: 1e18,
  exabyte: 1e18,
  exabytes: 1e18,
  zb: 1e21,
};

const BIT_RATE: Record<string, number> = { bps: 1 / 8, kbps: 1e3 / 8, mbps: 1e6 / 8, gbps: 1e9 / 8, tbps: 1e12 / 8 };

// A number, optionally "× 10^n" / "e n" / "^n", optionally a magnitude word or suffix.
const NUMBER_RE =
  /(?<![\p{L}\p{N}_.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?:×|x|\*)\s*10\s*\^\s*(-?\d+)|e(\d+)\b|\s*\^\s*(\d+))?(?:\s*(thousand|millions?|billions?|trillions?|quadrillion|hundred|lakh|mm|mn|bn|tn|[kmbt])(?![\p{L}]))?/gu;

const RATE_AFTER =
  /^\s*(?:[a-z][\w-]*(?:\s+|(?=\/))){0,3}?(?:\/\s*|per\s+|a\s+|an\s+|each\s+|every\s+)(s|sec|secs|second|seconds|min|mins|minute|minutes|h|hr|hour|hours|d|day|days|mo|month|months|y|yr|year|years)\b/;
const RATE_WORD_AFTER = /^\s*(?:[a-z][\w-]*\s+){0,2}?(qps|rps|tps|ops|iops|wps|req\/s|msg\/s|daily|hourly|monthly|yearly|annually)\b/;
const RATE_BEFORE = /(qps|rps|tps|iops|throughput|per[- ]second rate|rate)\s*(?:of|is|=|:|≈|~|at|around|about|roughly|approx\.?|→|->)?\s*$/;
const BYTES_AFTER =
  /^\s*(bytes?|kib|mib|gib|tib|pib|kb|mb|gb|tb|pb|eb|zb|kilobytes?|megabytes?|gigabytes?|terabytes?|petabytes?|exabytes?|b)(?![\p{L}])(\s*(?:\/\s*|per\s+|a\s+|an\s+|each\s+|every\s+)(s|sec|second|day|d|month|mo|year|yr|y)\b|\s*ps\b|\s+(daily|monthly|yearly|annually)\b)?/u;
const BITS_AFTER = /^\s*(bps|kbps|mbps|gbps|tbps)\b|^\s*([kmgt]?)(?:bit|bits)\s*(?:\/\s*|per\s+)(?:s|sec|second)\b/;
const DURATION_AFTER = /^\s*(ms|milliseconds?|µs|us|microseconds?|ns|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?|weeks?|wk|months?|mo|years?|yrs?|y)\b/;
const PERCENT_AFTER = /^\s*(%|percent\b)/;

const DURATION_SECONDS = (w: string): number => {
  if (/^(ms|millisecond)/.test(w)) return 1e-3;
  if (/^(µs|us|microsecond)/.test(w)) return 1e-6;
  if (/^ns/.test(w)) return 1e-9;
  if (/^(s|sec)/.test(w)) return 1;
  if (/^min/.test(w)) return 60;
  if (/^(h|hr|hour)/.test(w)) return 3600;
  if (/^(d|day)/.test(w)) return 86_400;
  if (/^(week|wk)/.test(w)) return 7 * 86_400;
  if (/^(month|mo)/.test(w)) return 30 * 86_400;
  return 365 * 86_400;
};

/** Every quantity mentioned in `text`, left to right. */
export const parseQuantities = (input: string): Mention[] => parseQuantitiesNormalized(normalize(input));

/** The same for text already passed through `normalize` (the grader has it at hand). */
export const parseQuantitiesNormalized = (text: string): Mention[] => {
  const out: Mention[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const index = m.index ?? 0;
    let value = Number(m[1]!.replace(/,/g, ''));
    if (m[2] !== undefined) value *= 10 ** Number(m[2]);
    else if (m[3] !== undefined) value *= 10 ** Number(m[3]);
    else if (m[4] !== undefined) value = value ** Number(m[4]);
    const mag = m[5];
    if (mag) value *= MAGNITUDE[mag] ?? 1;
    if (!Number.isFinite(value)) continue;
    const after = text.slice(index + m[0].length, index + m[0].length + 60);
    const before = text.slice(Math.max(0, index - 30), index);
    const raw = m[0].trim();

    const pct = PERCENT_AFTER.exec(after);
    if (pct) {
      out.push({ kind: 'percent', value, raw: raw + pct[0].trim(), index });
      continue;
    }
    const bits = BITS_AFTER.exec(after);
    if (bits) {
      const per = bits[1] ? BIT_RATE[bits[1]] ?? 1 / 8 : ({ '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12 }[bits[2] ?? ''] ?? 1) / 8;
      out.push({ kind: 'bytes/s', value: value * per, raw: `${raw}${bits[0]}`, index });
      continue;
    }
    // "5 b" would be read as bytes; only take a bare "b" as bytes right after the digits ("500b").
    const bytes = BYTES_AFTER.exec(after);
    if (bytes && !(bytes[1] === 'b' && /^\s/.test(after)) && !(mag && bytes[1] === 'b')) {
      const scale = BYTE_UNITS[bytes[1]!] ?? 1;
      const perWord = bytes[3] ?? (bytes[4] ? { daily: 'day', monthly: 'month', yearly: 'year', annually: 'year' }[bytes[4]] : undefined);
      if (bytes[2] && (perWord === undefined || timeUnit(perWord) !== undefined)) {
        const per = perWord ? timeUnit(perWord)! : 'second';
        out.push({ kind: 'bytes/s', value: (value * scale) / SECONDS[per], per, raw: `${raw}${bytes[0]}`, index });
      } else {
        out.push({ kind: 'bytes', value: value * scale, raw: `${raw}${bytes[0]}`, index });
      }
      continue;
    }
    const rate = RATE_AFTER.exec(after);
    if (rate) {
      const per = timeUnit(rate[1]!)!;
      out.push({ kind: 'rate', value: value / SECONDS[per], per, raw: `${raw}${rate[0]}`, index });
      continue;
    }
    const rateWord = RATE_WORD_AFTER.exec(after);
    if (rateWord) {
      const w = rateWord[1]!;
      const per: TimeUnit = /daily/.test(w) ? 'day' : /hourly/.test(w) ? 'hour' : /monthly/.test(w) ? 'month' : /yearly|annually/.test(w) ? 'year' : 'second';
      out.push({ kind: 'rate', value: value / SECONDS[per], per, raw: `${raw}${rateWord[0]}`, index });
      continue;
    }
    if (RATE_BEFORE.test(before)) {
      out.push({ kind: 'rate', value, per: 'second', raw, index });
      continue;
    }
    const dur = DURATION_AFTER.exec(after);
    if (dur && !mag) {
      out.push({ kind: 'duration', value: value * DURATION_SECONDS(dur[1]!), raw: `${raw}${dur[0]}`, index });
      continue;
    }
    out.push({ kind: 'count', value, raw, index });
  }
  return out;
};

const SI = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
] as const;

const round = (v: number): string => {
  if (v >= 100) return Math.round(v).toLocaleString('en-US');
  if (v >= 10) return v.toFixed(1).replace(/\.0$/, '');
  return v.toPrecision(2).replace(/\.?0+$/, '');
};

/** "≈1,157 requests/s", "≈91 TB", "≈3.5 trillion". */
export const formatQuantity = (value: number, unit: 'requests/s' | 'bytes' | 'bytes/s' | 'count'): string => {
  if (unit === 'bytes' || unit === 'bytes/s') {
    const suffix = unit === 'bytes/s' ? 'B/s' : 'B';
    for (const [scale, p] of SI) if (value >= scale) return `≈${round(value / scale)} ${p}${suffix}`;
    return `≈${round(value)} ${suffix}`;
  }
  const words: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [scale, w] of words) if (value >= scale) return `≈${round(value / scale)} ${w}${unit === 'requests/s' ? ' per second' : ''}`;
  return `≈${round(value)}${unit === 'requests/s' ? ' per second' : ''}`;
};

// Splits an answer into units of evidence: sentences, bullets, table rows, code blocks and the lines of a
// Mermaid graph (plus one unit for the whole diagram). Headings and lead-in lines ending in ":" are kept
// as context for the units under them.

export type UnitKind = 'sentence' | 'bullet' | 'row' | 'heading' | 'code' | 'diagram-edge' | 'diagram';

export interface Unit {
  /** The exact text of the answer this unit came from (what is quoted as evidence). */
  text: string;
  /** Text that is matched: for diagrams, node ids replaced by their labels. */
  matchText: string;
  kind: UnitKind;
  /** The heading or lead-in the unit sits under ('' when none). */
  context: string;
}

const BULLET_RE = /^\s*(?:[-*+•·]|\d{1,3}[.)]|[a-z][.)])\s+/i;
const HEADING_RE = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BOLD_HEADING_RE = /^\s*(?:\*\*|__)([^*_]{1,80})(?:\*\*|__)\s*:?\s*$/;
const TABLE_SEP_RE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const MERMAID_START_RE = /^\s*(graph|flowchart)\s+(TB|TD|BT|RL|LR)\b/i;
const ABBREVIATIONS = /\b(e\.g|i\.e|vs|etc|approx|cf|mr|ms|dr|no|fig|est|avg|min|max|incl|resp|req)\.$/i;

const MAX_WORDS = 45;

/** Sentence split that leaves "e.g.", "vs." and decimals alone; ";" also ends a unit. */
export const splitSentences = (para: string): string[] => {
  const out: string[] = [];
  let start = 0;
  const re = /([.!?]+)(["')\]]*)\s+|;\s+/g;
  for (const m of para.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    const head = para.slice(start, (m.index ?? 0) + (m[1]?.length ?? 0));
    if (m[1] && ABBREVIATIONS.test(head)) continue;
    out.push(para.slice(start, end).trim());
    start = end;
  }
  out.push(para.slice(start).trim());
  return out.filter((s) => s.length > 0).flatMap(splitLong);
};

/** Very long run-on sentences are cut at commas so one sentence cannot hide a whole answer. */
const splitLong = (s: string): string[] => {
  const words = s.split(/\s+/).length;
  if (words <= MAX_WORDS) return [s];
  const parts = s.split(/(?<=,)\s+/);
  const out: string[] = [];
  let cur = '';
  for (const p of parts) {
    const next = cur ? `${cur} ${p}` : p;
    if (next.split(/\s+/).length > 30 && cur.split(/\s+/).length >= 8) {
      out.push(cur);
      cur = p;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out;
};

const NODE_RE = /([A-Za-z0-9_]+)\s*(\[\[|\[\(|\(\[|\(\(|\[\/|\[\\|\{\{|\[|\(|\{|>)\s*"?(.*?)"?\s*(\]\]|\)\]|\]\)|\)\)|\/\]|\\\]|\}\}|\]|\)|\})/g;
const ARROW_RE = /\s*(?:<-->|<==>|-->|==>|-\.->|-\.-|---|===|--[ox]|--|->)\s*(?:\|([^|]*)\|)?\s*/g;

const cleanLabel = (s: string): string =>
  s
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/&[a-z]+;/gi, ' ')
    .replace(/["`]/g, '')
    .trim();

/** Units of a Mermaid graph/flowchart: one per edge or labelled node line, plus the whole diagram. */
export const mermaidUnits = (lines: string[], context: string): Unit[] => {
  const labels = new Map<string, string>();
  for (const line of lines) for (const m of line.matchAll(NODE_RE)) labels.set(m[1]!, cleanLabel(m[3] ?? ''));
  const units: Unit[] = [];
  const readable: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || MERMAID_START_RE.test(line) || /^(end|classDef|class|style|click|linkStyle|direction)\b/i.test(line) || line.startsWith('%%')) continue;
    const sub = /^subgraph\s+(?:[A-Za-z0-9_]+\s*\[(.*?)\]|(.*))$/i.exec(line);
    if (sub) {
      const title = cleanLabel(sub[1] ?? sub[2] ?? '');
      if (title) readable.push(title);
      continue;
    }
    let text = line.replace(NODE_RE, (_m, _id: string, _o: string, label: string) => ` ${cleanLabel(label)} `);
    text = text.replace(ARROW_RE, (_m, edge: string | undefined) => (edge ? ` → ${cleanLabel(edge)} → ` : ' → '));
    text = text
      .split(/(\s+)/)
      .map((w) => labels.get(w) ?? w)
      .join('')
      .replace(/\s+/g, ' ')
      .replace(/;$/, '')
      .trim();
    if (!text) continue;
    readable.push(text);
    units.push({ text: line, matchText: text, kind: 'diagram-edge', context });
  }
  if (readable.length > 0) {
    units.push({ text: lines.join('\n').trim(), matchText: readable.join('; '), kind: 'diagram', context });
  }
  return units;
};

const stripInline = (s: string): string => s.replace(/\*\*|__|`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

export const splitUnits = (answer: string): Unit[] => {
  const lines = answer.replace(/\r\n?/g, '\n').split('\n');
  const units: Unit[] = [];
  let heading = '';
  let leadIn = '';
  let para: string[] = [];

  const context = (): string => [heading, leadIn].filter(Boolean).join(' — ');
  const flushPara = (): void => {
    if (para.length === 0) return;
    // A typed line break before a capitalised line ends a thought even without a full stop.
    const chunks: string[] = [];
    for (const line of para) {
      const prev = chunks[chunks.length - 1];
      if (prev !== undefined && !/[,(&+-]$/.test(prev) && !/^[a-z(]/.test(line)) chunks.push(line);
      else if (prev !== undefined) chunks[chunks.length - 1] = `${prev} ${line}`;
      else chunks.push(line);
    }
    para = [];
    const sentences = chunks.flatMap((c) => splitSentences(c.replace(/\s+/g, ' ').trim()));
    if (sentences.length === 0) return;
    for (const s of sentences) units.push({ text: s, matchText: stripInline(s), kind: 'sentence', context: context() });
    // A paragraph that is a single lead-in ("Caching:") becomes context for what follows.
    const last = sentences[sentences.length - 1] ?? '';
    if (/:\s*$/.test(last) && last.split(/\s+/).length <= 12) leadIn = stripInline(last).replace(/:\s*$/, '');
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(line);
    if (fence) {
      flushPara();
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trim().startsWith(fence[1]!)) body.push(lines[j++]!);
      i = j;
      const lang = (fence[2] ?? '').toLowerCase();
      if (lang === 'mermaid' || (body[0] !== undefined && MERMAID_START_RE.test(body[0]))) {
        units.push(...mermaidUnits(body, context()));
      } else if (body.join('').trim()) {
        units.push({ text: body.join('\n').trim(), matchText: body.join(' '), kind: 'code', context: context() });
      }
      continue;
    }
    if (MERMAID_START_RE.test(line)) {
      // Unfenced Mermaid: the graph runs until a blank line.
      flushPara();
      const body: string[] = [line];
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== '') body.push(lines[j++]!);
      i = j - 1;
      units.push(...mermaidUnits(body, context()));
      continue;
    }
    if (line.trim() === '') {
      flushPara();
      leadIn = '';
      continue;
    }
    const h = HEADING_RE.exec(line) ?? BOLD_HEADING_RE.exec(line);
    if (h) {
      flushPara();
      const title = stripInline(h[2] ?? h[1] ?? '').replace(/:\s*$/, '');
      heading = title;
      leadIn = '';
      units.push({ text: line.trim(), matchText: title, kind: 'heading', context: '' });
      continue;
    }
    if (/^\s*\|/.test(line)) {
      flushPara();
      if (TABLE_SEP_RE.test(line)) continue;
      const cells = line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => stripInline(c.trim()))
        .filter(Boolean);
      const isHeader = i + 1 < lines.length && TABLE_SEP_RE.test(lines[i + 1]!);
      if (isHeader) {
        leadIn = cells.join(', ');
        continue;
      }
      units.push({ text: line.trim(), matchText: cells.join('; '), kind: 'row', context: context() });
      continue;
    }
    if (BULLET_RE.test(line)) {
      flushPara();
      // Continuation lines (indented, not bullets) belong to the bullet.
      let body = line.replace(BULLET_RE, '');
      let j = i + 1;
      while (j < lines.length && /^\s{2,}\S/.test(lines[j]!) && !BULLET_RE.test(lines[j]!)) body += ` ${lines[j++]!.trim()}`;
      i = j - 1;
      const parts = splitSentences(body.trim());
      for (const s of parts) units.push({ text: s, matchText: stripInline(s), kind: 'bullet', context: context() });
      // A bullet like "Storage:" introduces nested bullets.
      if (parts.length === 1 && /:\s*$/.test(body.trim())) leadIn = stripInline(body.trim()).replace(/:\s*$/, '');
      continue;
    }
    para.push(line.trim());
  }
  flushPara();
  return units;
};

// What the LLM sees of an answer, and what of the LLM's text reaches the terminal. The answer is
// normalised (NFKC), stripped of invisible and control characters that can hide instructions, cleared of
// anything that looks like our answer markers, and capped in length. A deterministic pre-scan finds text
// that tries to instruct the grader; those lines can never supply evidence.

export const MAX_ANSWER_CHARS = 12_000;

// Zero-width, word-joiner, BOM, soft hyphen, and the bidi embedding/override/isolate controls.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// C0/C1 controls except tab and newline.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const MARKER_TAG = /<\s*\/?\s*(?:answer|question|design)(?:-[^>\s]*)?\s*>/gi;

export interface SanitizedAnswer {
  /** The text sent to the model (with a truncation note when capped). */
  text: string;
  /** The text quotes are checked against: `text` without the note. */
  body: string;
  /** `body` without the lines that try to instruct the grader: the only text that can earn credit. */
  clean: string;
  truncated: boolean;
  /** Invisible or control characters were removed. */
  hiddenRemoved: number;
  /** Marker-like tags were removed. */
  markersRemoved: number;
  injection: InjectionScan;
}

const finish = (s: string, max: number): string => {
  const t = s.replace(MARKER_TAG, ' ').trim();
  return t.length > max ? t.slice(0, max) : t;
};

export const sanitizeAnswer = (raw: string, max = MAX_ANSWER_CHARS): SanitizedAnswer => {
  let s = raw.replace(/\r\n?/g, '\n').normalize('NFKC');
  const hidden = (s.match(INVISIBLE)?.length ?? 0) + (s.match(CONTROL)?.length ?? 0);
  s = s.replace(INVISIBLE, '').replace(CONTROL, '');
  const injection = scanForInjection(s);
  const markers = s.match(MARKER_TAG)?.length ?? 0;
  const full = s.replace(MARKER_TAG, ' ').trim();
  const truncated = full.length > max;
  const body = finish(s, max);
  const clean = finish(
    s
      .split('\n')
      .map((l, i) => (injection.lines.has(i) ? '' : l))
      .join('\n'),
    max,
  );
  const text = truncated ? `${body}\n[answer truncated here: ${full.length - max} more characters not shown]` : body;
  return { text, body, clean, truncated, hiddenRemoved: hidden, markersRemoved: markers, injection };
};

/** Model text for the terminal: no escape sequences, no control characters, one paragraph. */
export const displayText = (s: string, max = 600): string => {
  const flat = s
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g, '')
    .replace(INVISIBLE, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * Normalises text for quote matching: case, whitespace, typographic quotes and dashes, and Markdown
 * emphasis markers (a model quoting "**Redis** cache" as "Redis cache" is still quoting).
 */
export const normalizeForMatch = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033«»]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[*#>]|(?<!\w)_|_(?!\w)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

// Patterns of text addressed to a grader rather than to an interviewer. Deliberately narrow: a real
// answer that discusses prompt injection should rarely match, and a match only withholds credit.
const INJECTION_PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(previous|prior|above|earlier|preceding|all|any|your|the|these|those)\b[^.\n]{0,25}\b(instructions?|rules?|prompts?|directions?|guidelines?|criteria|rubric)\b/i,
  /\b(give|award|assign|grant|rate|score|grade|mark)\b[^.\n]{0,40}\b(full (marks?|credit|score|points)|10\s*\/\s*10|100\s*\/\s*100|100 ?%|(the )?(maximum|max|highest|top|perfect) (score|marks?|grade|points)|every (item|point)|all (items|points))/i,
  /\b(mark|grade|set|rate|treat|consider|score)\b[^.\n]{0,40}\b(items?|points?|everything|criteria|this( answer)?|it|them)\b[^.\n]{0,20}\bas\s+["']?(met|passed|correct|complete)\b/i,
  /"(items|verdict|injection_suspected|evidence|rationale)"\s*:/i,
  /\bverdict\s*["']?\s*[:=]\s*["']?(met|partial)/i,
  /<\|?\s*(im_start|im_end|system|endoftext|end_of_turn|start_of_turn)\s*\|?>/i,
  /<\s*\/?\s*(system|instructions?|rubric|grader|assistant)\b[^>]*>/i,
  /\[\s*(\/\s*)?(end|stop)\s*(of\s*)?(data|answer|input|candidate|text)?\s*\]/i,
  /^\s*(system|assistant|grader|developer)\s*(prompt|message|note|instructions?)?\s*:/im,
  /\b(new|updated|real|actual|additional|revised)\s+(grading\s+)?(instructions?|rules?|system prompt)\s*:/i,
  /\b(note|message|instructions?|attention)\s+(to|for)\s+(the\s+)?(ai|llm|grader|evaluator|model|assistant|reviewer)\b/i,
  /\b(dear|hey|hello|hi)\s+(ai|llm|grader|evaluator|model|assistant|chatgpt|gpt)\b/i,
  /\b(you are|you're|act as|pretend to be)\s+(now\s+)?(an?\s+|the\s+)?(lenient|generous|helpful|different|new)?\s*(ai|grader|evaluator|assistant|language model|llm)\b/i,
  /\b(the\s+)?(interviewer|grader|rubric|evaluator|examiner)\s+(has\s+)?(already\s+)(approved|accepted|confirmed|passed|graded)\b/i,
  /\b(as an? (ai|language model|llm))\b/i,
  // The commonest attack in a few other languages (French, Spanish, German, Italian, Portuguese).
  /\b(ignor\w*|olvid\w*|vergiss\w*|oubli\w*|dimentic\w*|esque\w*)\b[^.\n]{0,50}\b(instruc\w*|istruzion\w*|anweisung\w*|consigne\w*|regla\w*|règle\w*|regel\w*)/i,
];
// A fake end of the answer: everything after it is treated as an attempt to instruct.
const FAKE_END = [
  /<\|?\s*(im_start|im_end|endoftext|end_of_turn|start_of_turn)\s*\|?>/i,
  /\[\s*(\/\s*)?(end|stop)\s*(of\s*)?(data|answer|input|candidate|text)\s*\]/i,
  /<\s*\/\s*(answer|question|design|data|input|candidate)[^>]*>/i,
];

export interface InjectionScan {
  /** Short descriptions of what matched (for flags). */
  hits: string[];
  /** Line numbers (0-based, in the sanitised body) that can never supply evidence. */
  lines: Set<number>;
}

const BASE64_RUN = /[A-Za-z0-9+/]{40,}={0,2}/g;

const decodedBase64 = (s: string): string[] =>
  [...s.matchAll(BASE64_RUN)]
    .map((m) => Buffer.from(m[0], 'base64').toString('utf8'))
    .filter((d) => /^[\x20-\x7e\s]+$/.test(d));

/**
 * Scans an answer whose invisible characters are already removed (so "ig\u200bnore" reads "ignore"): a
 * line that matches, and every line after a fake end-of-answer marker, is marked.
 */
export const scanForInjection = (text: string): InjectionScan => {
  const lines = text.split('\n');
  const hits: string[] = [];
  const marked = new Set<number>();
  let afterFakeEnd = false;
  lines.forEach((line, i) => {
    if (afterFakeEnd) {
      marked.add(i);
      return;
    }
    const probes = [line, ...decodedBase64(line)];
    for (const p of probes) {
      const pat = INJECTION_PATTERNS.find((re) => re.test(p));
      if (pat) {
        marked.add(i);
        hits.push(`line ${i + 1}: “${displayText(p, 80)}”`);
        break;
      }
    }
    if (FAKE_END.some((re) => re.test(line))) {
      afterFakeEnd = true;
      marked.add(i);
      if (!hits.some((h) => h.startsWith(`line ${i + 1}:`))) hits.push(`line ${i + 1}: a fake end-of-answer marker`);
    }
  });
  return { hits, lines: marked };
};

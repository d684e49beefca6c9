// A loopback server that speaks the chat-completions protocol: replies are scripted per test (a queue of
// replies or handlers), every request is recorded, and it only ever listens on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Raw body (sent as is). */
  body?: string;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Drop the connection without a reply. */
  destroy?: boolean;
  /** Send the headers and this much of the body, then stall forever. */
  stallAfter?: string;
  delayMs?: number;
}
export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

export const completion = (
  content: string | null,
  o: { finishReason?: string; usage?: unknown; refusal?: string | null; model?: string } = {},
): Reply => ({
  json: {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: o.model ?? 'test-model',
    choices: [{ index: 0, finish_reason: o.finishReason ?? 'stop', logprobs: null, message: { role: 'assistant', refusal: o.refusal ?? null, content } }],
    ...(o.usage === null ? {} : { usage: o.usage ?? { prompt_tokens: 812, completion_tokens: 96, total_tokens: 908, prompt_tokens_details: { cached_tokens: 512 } } }),
  },
});

export const apiError = (status: number, message: string, param: string | null = null, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'x-should-retry': 'false', ...headers },
  json: { error: { message, type: 'invalid_request_error', param, code: null } },
});

export class ChatServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: (Reply | Handler)[] = [];
  private readonly sockets = new Set<Socket>();
  fallback: Handler = () => apiError(500, 'no scripted reply left');

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(): Promise<ChatServer> {
    const holder: { self?: ChatServer } = {};
    const server = createServer((req, res) => void holder.self!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const self = new ChatServer(server, (server.address() as { port: number }).port);
    holder.self = self;
    server.on('connection', (s) => {
      self.sockets.add(s);
      s.on('close', () => self.sockets.delete(s));
    });
    return self;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Chat requests only (not other paths). */
  get chats(): RecordedRequest[] {
    return this.requests.filter((r) => r.url.endsWith('/chat/completions'));
  }

  script(...steps: (Reply | Handler)[]): this {
    this.queue.push(...steps);
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the raw text
    }
    const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    this.requests.push(recorded);
    const step = this.queue.shift() ?? this.fallback;
    const reply = typeof step === 'function' ? await step(recorded) : step;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.hang) return;
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    if (reply.stallAfter !== undefined) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.write(reply.stallAfter);
      return;
    }
    const payload = reply.body ?? JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(payload);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The answer text between the per-request markers of a grading prompt. */
export const answerOf = (req: RecordedRequest): string => {
  const user = (req.body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;
  const m = /<answer-([0-9a-f]+)>\n([\s\S]*?)\n<\/answer-\1>/.exec(user);
  return m ? m[2]! : '';
};

/** The rubric ids of a grading prompt, in the order shown. */
export const idsOf = (req: RecordedRequest): string[] => {
  const user = (req.body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;
  return [...user.matchAll(/^- ([a-z0-9-]+) · weight/gm)].map((m) => m[1]!);
};

export interface ItemReply {
  evidence: string[];
  rationale: string;
  verdict: 'met' | 'partial' | 'missed';
}

/** A grader that answers any grading request: `decide` picks each item's reply from the id and answer. */
export const autoGrader =
  (decide: (id: string, answer: string) => ItemReply, extra: { injection_suspected?: boolean; summary?: string } = {}, o: Parameters<typeof completion>[1] = {}): Handler =>
  (req) => {
    const answer = answerOf(req);
    const items = Object.fromEntries(idsOf(req).map((id) => [id, decide(id, answer)]));
    return completion(JSON.stringify({ items, injection_suspected: extra.injection_suspected ?? false, summary: extra.summary ?? 'ok' }), o);
  };

/** Every item met, quoting the answer's first line. */
export const allMet = autoGrader((_, answer) => ({ evidence: [answer.split('\n')[0]!.slice(0, 80)], rationale: 'Covered.', verdict: 'met' }));

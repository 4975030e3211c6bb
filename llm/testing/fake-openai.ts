/**
 * A loopback OpenAI-compatible server for tests and the eval command: real HTTP on 127.0.0.1,
 * scripted replies (cooperative, hostile, broken), and a record of every request so a test can
 * prove what did and did not leave the process. The only stand-in amtsweg's tests allow.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply to a chat completion request. */
export type FakeReply =
  /** A completion whose message content is this value, JSON-encoded. */
  | { json: unknown; model?: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** A completion whose message content is this raw text (malformed JSON). */
  | { content: string }
  | { refusal: string }
  /** An HTTP error status with an optional body and Retry-After. */
  | { status: number; body?: string; retryAfter?: number }
  /** Answer the headers, then stream bytes forever (never ends). */
  | { endless: true }
  /** A body of this many bytes. */
  | { huge: number }
  /** Never answer at all. */
  | { hang: true }
  /** Destroy the connection. */
  | { drop: true };

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body as received, to search for leaked values. */
  raw: string;
  body: { model?: string; messages?: { role: string; content: string }[]; response_format?: unknown; [k: string]: unknown };
}

export type Script = FakeReply[] | ((req: RecordedRequest, index: number) => FakeReply);

export interface FakeOpenAI {
  /** Base URL including /v1, for OPENAI_BASE_URL. */
  url: string;
  requests: RecordedRequest[];
  /** Replaces the script; a list is consumed in order and its last entry repeats. */
  script(next: Script): void;
  close(): Promise<void>;
}

function completion(content: string | null, opts: { model?: string; refusal?: string; usage?: { prompt_tokens: number; completion_tokens: number } }): string {
  return JSON.stringify({
    id: 'chatcmpl-fake', object: 'chat.completion', created: 1_700_000_000, model: opts.model ?? 'fake-model',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: opts.refusal ?? null } }],
    usage: opts.usage ? { ...opts.usage, total_tokens: opts.usage.prompt_tokens + opts.usage.completion_tokens } : { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  });
}

/** The user message of a recorded request (the prompt sent to the model). */
export function userContent(req: RecordedRequest): string {
  return req.body.messages?.find((m) => m.role === 'user')?.content ?? '';
}

/** The MESSAGE part of a recorded extraction prompt. */
export function promptMessage(req: RecordedRequest): string {
  const text = userContent(req);
  const at = text.indexOf('MESSAGE:\n');
  return at >= 0 ? text.slice(at + 'MESSAGE:\n'.length) : text;
}

/** Starts the server on 127.0.0.1 with a free port. */
export async function startFakeOpenAI(initial: Script = [{ json: { proposals: [], unmapped: [] } }]): Promise<FakeOpenAI> {
  let script: Script = initial;
  let index = 0;
  const requests: RecordedRequest[] = [];
  const open = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: RecordedRequest['body'] = {};
      try {
        body = JSON.parse(raw) as RecordedRequest['body'];
      } catch {
        body = {};
      }
      const rec: RecordedRequest = { path: req.url ?? '', headers: req.headers, raw, body };
      requests.push(rec);
      const i = index++;
      const reply = typeof script === 'function' ? script(rec, i) : script[Math.min(i, script.length - 1)];
      open.add(res);
      res.on('close', () => open.delete(res));
      if ('hang' in reply) return;
      if ('drop' in reply) {
        req.socket.destroy();
        return;
      }
      if ('endless' in reply) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"x","choices":[{"message":{"content":"');
        const t = setInterval(() => { if (!res.destroyed) res.write('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'); }, 5);
        timers.add(t);
        res.on('close', () => { clearInterval(t); timers.delete(t); });
        return;
      }
      if ('huge' in reply) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(Buffer.alloc(reply.huge, 'a'));
        return;
      }
      if ('status' in reply) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
        res.writeHead(reply.status, headers);
        res.end(reply.body ?? JSON.stringify({ error: { message: 'scripted error', type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if ('json' in reply) res.end(completion(JSON.stringify(reply.json), { model: reply.model, usage: reply.usage }));
      else if ('content' in reply) res.end(completion(reply.content, {}));
      else res.end(completion(null, { refusal: reply.refusal }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script(next) {
      script = next;
      index = 0;
    },
    async close() {
      for (const t of timers) clearInterval(t);
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

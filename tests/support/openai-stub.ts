/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (port 0) for tests: POST /v1/embeddings
 * (float arrays, or base64 when asked) and POST /v1/chat/completions. Each request takes the
 * next behaviour from a script (ok, 429 with Retry-After, an error status, hang, connection
 * dropped before or in the middle of the answer) and is recorded in `requests`.
 * Vectors are deterministic functions of the input text and deliberately not unit length.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '../../main/core/logger.js';

/** What the stub does with one request. */
export type StubBehaviour =
  | { kind: 'ok' }
  /** 429, with a Retry-After header when given (seconds or an HTTP-date). */
  | { kind: 'rate_limit'; retryAfter?: string }
  /** Any status with an OpenAI-style error body; `echoKey` puts the received bearer token in the message. */
  | { kind: 'error'; status: number; message?: string; echoKey?: boolean }
  /** Reads the request and never answers. */
  | { kind: 'hang' }
  /** Destroys the socket without answering. */
  | { kind: 'drop' }
  /** Sends the status line, headers and half of the body, then destroys the socket. */
  | { kind: 'close_mid_body' }
  /** Answers 200 with vectors of this many dimensions instead of the configured number. */
  | { kind: 'wrong_dimensions'; dimensions: number };

/** One request as the server saw it. */
export interface StubRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
  behaviour: StubBehaviour['kind'];
}

export interface OpenAIStubOptions {
  /** Dimensions of the vectors /v1/embeddings answers with (default 8). */
  dimensions?: number;
  /** The assistant's message content for a chat request (default: a fixed JSON answer). */
  chatReply?: (body: ChatBody) => string;
}

/** The parts of a chat-completions request the stub reads. */
export interface ChatBody {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
}

export interface OpenAIStub {
  /** `http://127.0.0.1:PORT/v1` */
  baseURL: string;
  /** Every request received, in order. */
  requests: StubRequest[];
  /** Appends behaviours for the next requests; once the script is used up, requests get `fallbackBehaviour`. */
  script(...behaviours: StubBehaviour[]): void;
  /** Resolves once `count` requests have arrived (rejects after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** What requests get when the script is empty (default ok). */
  setFallbackBehaviour(behaviour: StubBehaviour): void;
  close(): Promise<void>;
}

/** The vector the stub returns for `text`: SHA-256-derived values in [-2, 2), not normalised. */
export function stubVector(text: string, dimensions: number): number[] {
  const out: number[] = [];
  for (let block = 0; out.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && out.length < dimensions; i += 2) out.push((digest.readUInt16LE(i) / 65536) * 4 - 2);
  }
  return out;
}

/** `stubVector` scaled to unit length, as Float32 (what a provider should return). */
export function expectedUnitVector(text: string, dimensions: number): Float32Array {
  const v = Float32Array.from(stubVector(text, dimensions));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function embeddingsAnswer(body: { input?: unknown; model?: unknown; encoding_format?: unknown }, dimensions: number): unknown {
  const inputs = Array.isArray(body.input) ? (body.input as unknown[]).map(String) : [String(body.input ?? '')];
  const base64 = body.encoding_format === 'base64';
  return {
    object: 'list',
    model: body.model,
    data: inputs.map((text, index) => {
      const vector = stubVector(text, dimensions);
      const embedding = base64 ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    }),
    usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
  };
}

function chatAnswer(body: ChatBody, reply: string): unknown {
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: 0,
    model: body.model ?? 'stub',
    choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** Starts the stub; `close()` it in `afterEach`/`afterAll` (it also ends hanging connections). */
export async function startOpenAIStub(options: OpenAIStubOptions = {}): Promise<OpenAIStub> {
  const dimensions = options.dimensions ?? 8;
  const chatReply = options.chatReply ?? (() => '{"ranking": [], "explanation": "stub explanation"}');
  const requests: StubRequest[] = [];
  const queue: StubBehaviour[] = [];
  let fallback: StubBehaviour = { kind: 'ok' };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const path = new URL(req.url ?? '/', 'http://stub').pathname;
      const behaviour = queue.shift() ?? fallback;
      const authorization = req.headers.authorization ?? null;
      requests.push({ method: req.method ?? '', path, authorization, body, behaviour: behaviour.kind });
      const isEmbeddings = req.method === 'POST' && path === '/v1/embeddings';
      const isChat = req.method === 'POST' && path === '/v1/chat/completions';
      if (!isEmbeddings && !isChat) return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
      switch (behaviour.kind) {
        case 'hang':
          return;
        case 'drop':
          req.socket.destroy();
          return;
        case 'rate_limit':
          return sendJson(res, 429, { error: { message: 'Rate limit reached', type: 'rate_limit_error' } }, behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {});
        case 'error': {
          const message = behaviour.echoKey ? `Incorrect API key provided: ${authorization?.replace(/^Bearer /, '') ?? ''}` : (behaviour.message ?? 'stub error');
          return sendJson(res, behaviour.status, { error: { message, type: 'stub_error' } });
        }
        case 'close_mid_body': {
          const full = JSON.stringify(isChat ? chatAnswer(body as ChatBody, chatReply(body as ChatBody)) : embeddingsAnswer(body as never, dimensions));
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(full) });
          res.write(full.slice(0, Math.floor(full.length / 2)));
          setTimeout(() => req.socket.destroy(), 20);
          return;
        }
        case 'wrong_dimensions':
          return sendJson(res, 200, embeddingsAnswer(body as never, behaviour.dimensions));
        case 'ok':
          return sendJson(res, 200, isChat ? chatAnswer(body as ChatBody, chatReply(body as ChatBody)) : embeddingsAnswer(body as never, dimensions));
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `stub failure: ${String(error)}` } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...behaviours) => void queue.push(...behaviours),
    async waitForRequests(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`the stub got ${requests.length} of ${count} requests within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    setFallbackBehaviour: (behaviour) => {
      fallback = behaviour;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One log call captured by `createRecordingLogger`. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

/** A core `Logger` that keeps every call, to assert what would have reached the log file. */
export function createRecordingLogger(): { logger: Logger; entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    entries,
    text: () => JSON.stringify(entries, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value)),
  };
}

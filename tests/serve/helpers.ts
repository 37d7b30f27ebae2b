import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startCoreClient, type CoreClient } from '../../main/core/host/core-client.js';
import { startServeServer, type ServeServer, type ServeServerOptions } from '../../main/serve/server.js';
import { coreWorkerUrl, makeTempDir, testWorkerData } from '../host/helpers.js';

export const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER';

/** A running browser-mode server over a real core worker, a real database and a small built renderer. */
export interface ServeFixture {
  server: ServeServer;
  core: CoreClient;
  dir: string;
  rendererDir: string;
  stop(): Promise<void>;
}

/** Starts the real core and server in a temp folder; `stop` closes both and removes the folder. */
export async function startServeFixture(overrides: Partial<ServeServerOptions> = {}): Promise<ServeFixture> {
  const temp = makeTempDir('serve');
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Cuadra</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("cuadra");');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(rendererDir, '.env'), SECRET);
  writeFileSync(join(temp.dir, 'package.json'), SECRET);
  const core = await startCoreClient({ workerUrl: coreWorkerUrl, workerData: testWorkerData(temp.dir) });
  try {
    const server = await startServeServer({ core, rendererDir, host: '127.0.0.1', port: 0, ...overrides });
    return {
      server,
      core,
      dir: temp.dir,
      rendererDir,
      async stop() {
        await server.close();
        await core.close();
        temp.cleanup();
      },
    };
  } catch (error) {
    await core.close();
    temp.cleanup();
    throw error;
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request with the path sent exactly as given (no normalisation) and any Host header. */
export function rawGet(port: number, path: string, options: { host?: string; method?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** What a WebSocket attempt ended with: refused at the upgrade (HTTP status) or closed (code). */
export type SocketOutcome = { refused: number } | { closed: number; reason: string };

/** Opens a socket as a page of `origin` would. */
export function openSocket(port: number, origin: string | null, host = `127.0.0.1:${port}`): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${port}/ws`, {
    headers: { host },
    ...(origin === null ? {} : { origin }),
  });
}

/** Resolves when the socket is refused or closed. */
export function outcome(ws: WebSocket): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on('error', () => {});
    ws.on('close', (code, reason) => resolve({ closed: code, reason: reason.toString() }));
  });
}

/** A connected, authenticated tab: send invokes and read its frames. */
export interface TestTab {
  ws: WebSocket;
  frames: Array<Record<string, unknown>>;
  invoke(method: string, input: unknown): Promise<Record<string, unknown>>;
  waitFor(match: (frame: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Connects as a tab with `clientId`, says hello and waits for ready. */
export async function connectTab(server: ServeServer, clientId: string): Promise<TestTab> {
  const ws = openSocket(server.port, server.origin);
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', token: server.token, clientId }));
  let nextId = 1;
  const tab: TestTab = {
    ws,
    frames,
    async waitFor(match) {
      for (;;) {
        const found = frames.find(match);
        if (found) return found;
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    async invoke(method, input) {
      const id = nextId++;
      ws.send(JSON.stringify({ type: 'invoke', id, method, input }));
      const result = await tab.waitFor((f) => f.type === 'result' && f.id === id);
      return result.envelope as Record<string, unknown>;
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((resolve) => ws.once('close', resolve));
      ws.close();
      await closed;
    },
  };
  await tab.waitFor((f) => f.type === 'ready');
  return tab;
}

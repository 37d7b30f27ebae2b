import { existsSync, realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { CoreClient } from '../core/host/core-client.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { isLoopbackHost } from './args.js';
import { allowedHostHeaders, createLaunchToken, isAllowedHost, isAllowedOrigin, securityHeaders } from './security.js';
import { lookupStaticFile, sendStaticFile } from './static-files.js';
import { createWebSocketBridge } from './ws-bridge.js';

export interface ServeServerOptions {
  core: CoreClient;
  /** The built renderer (out/renderer): must hold index.html. */
  rendererDir: string;
  /** A loopback address; anything else is refused. */
  host: string;
  /** 0 = a free port. */
  port: number;
  /** The per-launch access token; a fresh one when omitted. */
  token?: string;
  logger?: Logger;
  maxMessageBytes?: number;
  forgetGraceMs?: number;
  helloTimeoutMs?: number;
}

export interface ServeServer {
  /** The address to open, token included: http://127.0.0.1:PORT/#token=… */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The largest WebSocket message browser mode accepts (140 MiB): an `imports.commit` of the
 * largest file the contract takes (MAX_IMPORT_BYTES, 100 MiB) is ~134 MiB of base64 plus its
 * envelope; anything bigger is refused with close code 1009 before it is parsed.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 140 * 1024 * 1024;

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, rejectListen) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      rejectListen(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already in use; pick another with --port, or leave --port out to use a free one.`)
          : error,
      );
    };
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts browser mode's HTTP server on a loopback address: the built renderer as static files
 * (no token needed, strict CSP), `/healthz`, and the token-guarded WebSocket at `/ws`. Every
 * request must name this server in its Host header (DNS rebinding), every upgrade must come
 * from its own origin.
 */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  if (!isLoopbackHost(options.host)) throw new Error(`${options.host} is not a loopback address; browser mode listens on 127.0.0.1 or ::1 only.`);
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`The screens are not built (${join(options.rendererDir, 'index.html')} is missing); run npm run serve -- --build.`);
  }
  const log = options.logger ?? silentLogger;
  const root = realpathSync(options.rendererDir);
  const token = options.token ?? createLaunchToken();
  // Filled in once the port is known; no request is served before that.
  let allowed = new Set<string>();
  let headers: Record<string, string> = {};

  const bridge = createWebSocketBridge({
    core: options.core,
    token,
    logger: log,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    forgetGraceMs: options.forgetGraceMs ?? 60_000,
    helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
  });

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isAllowedHost(req.headers.host, allowed)) {
      log.warn({ host: req.headers.host }, 'browser mode refused a request for another host');
      return plain(res, 421, 'This server answers only for 127.0.0.1 and localhost.', headers);
    }
    const target = req.url ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return plain(res, 405, 'Method not allowed.', { ...headers, Allow: 'GET, HEAD' });
    }
    if (target === '/healthz') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    const found = await lookupStaticFile(root, target);
    if (found.status !== 200) return plain(res, found.status, found.status === 400 ? 'Bad request.' : 'Not found.', headers);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    sendStaticFile(res, found, req.method === 'HEAD');
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'browser mode request failed');
      if (!res.headersSent) plain(res, 500, 'Internal error.', headers);
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== '/ws') return refuseUpgrade(socket, '404 Not Found');
    if (!isAllowedHost(req.headers.host, allowed)) return refuseUpgrade(socket, '421 Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, allowed)) {
      log.warn({ origin: req.headers.origin }, 'browser mode refused a socket from another origin');
      return refuseUpgrade(socket, '403 Forbidden');
    }
    bridge.handleUpgrade(req, socket, head);
  });

  const port = await listen(server, options.port, options.host);
  allowed = allowedHostHeaders(options.host, port);
  headers = securityHeaders(allowed);
  const origin = `http://${isIPv6(options.host) ? `[${options.host}]` : options.host}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close() {
      closing ??= (async () => {
        await bridge.close();
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { z } from 'zod';
import type { CoreClient } from '../core/host/core-client.js';
import type { Logger } from '../core/logger.js';
import { tokensEqual } from './security.js';

/** Close codes browser mode uses besides the standard ones (1003 binary, 1007 invalid JSON, 1009 too big). */
export const closeCodes = {
  shuttingDown: 1001,
  binary: 1003,
  invalidJson: 1007,
  badMessage: 4400,
  badToken: 4401,
  helloTimeout: 4408,
} as const;

const helloSchema = z.object({
  type: z.literal('hello'),
  token: z.string().max(256),
  clientId: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
});

const invokeSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(200),
  input: z.unknown(),
});

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}

export interface WebSocketBridgeOptions {
  core: CoreClient;
  token: string;
  logger: Logger;
  /** Largest message accepted, in bytes; bigger ones close the socket with 1009. */
  maxMessageBytes: number;
  /** How long a tab's session outlives its last socket (a reload reconnects well within it). */
  forgetGraceMs: number;
  /** How long a new socket may take to say hello. */
  helloTimeoutMs: number;
}

export interface WebSocketBridge {
  /** Takes over an upgrade request the server has already checked (path, Host, Origin). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/**
 * One WebSocket per tab: the first message must be `{type:'hello', token, clientId}` with the
 * launch token; then `{type:'invoke', id, method, input}` → `{type:'result', id, envelope}`,
 * and core events are pushed as `{type:'event', event, payload}`.
 */
export function createWebSocketBridge(options: WebSocketBridgeOptions): WebSocketBridge {
  const { core, logger: log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
  const ready = new Set<WebSocket>();
  // Sessions belong to a tab (its clientId), not to a socket: count sockets per tab and
  // forget the session only when a tab stays away longer than the grace period.
  const tabs = new Map<string, { sockets: number; forgetTimer: NodeJS.Timeout | null }>();
  const namespace = createHash('sha256').update(options.token).digest('hex').slice(0, 16);

  const stopEvents = core.onEvent((event, payload) => {
    const frame = JSON.stringify({ type: 'event', event, payload });
    for (const ws of ready) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
  });

  const joinTab = (clientKey: string): void => {
    const tab = tabs.get(clientKey) ?? { sockets: 0, forgetTimer: null };
    if (tab.forgetTimer) clearTimeout(tab.forgetTimer);
    tab.forgetTimer = null;
    tab.sockets++;
    tabs.set(clientKey, tab);
  };

  const leaveTab = (clientKey: string): void => {
    const tab = tabs.get(clientKey);
    if (!tab || --tab.sockets > 0) return;
    tab.forgetTimer = setTimeout(() => {
      tabs.delete(clientKey);
      core.forgetClient(clientKey);
    }, options.forgetGraceMs);
    tab.forgetTimer.unref();
  };

  wss.on('connection', (ws: WebSocket) => {
    let clientKey: string | null = null;
    const helloTimer = setTimeout(() => ws.close(closeCodes.helloTimeout, 'hello expected'), options.helloTimeoutMs);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(closeCodes.binary, 'text messages only');
      let message: unknown;
      try {
        message = JSON.parse(rawToString(data));
      } catch {
        return ws.close(closeCodes.invalidJson, 'invalid JSON');
      }
      if (clientKey === null) {
        const hello = helloSchema.safeParse(message);
        if (!hello.success) return ws.close(closeCodes.badMessage, 'hello expected');
        if (!tokensEqual(hello.data.token, options.token)) {
          log.warn({}, 'browser mode refused a connection with a wrong token');
          return ws.close(closeCodes.badToken, 'invalid token');
        }
        clearTimeout(helloTimer);
        clientKey = `browser:${namespace}:${hello.data.clientId}`;
        joinTab(clientKey);
        ready.add(ws);
        ws.send(JSON.stringify({ type: 'ready' }));
        return;
      }
      const invoke = invokeSchema.safeParse(message);
      if (!invoke.success) return ws.close(closeCodes.badMessage, 'unexpected message');
      const { id, method, input } = invoke.data;
      void core.invoke(clientKey, method, input).then((envelope) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'result', id, envelope }));
      });
    });

    ws.on('error', (error) => log.warn({ err: error }, 'browser mode socket error'));
    ws.on('close', () => {
      clearTimeout(helloTimer);
      ready.delete(ws);
      if (clientKey !== null) leaveTab(clientKey);
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      stopEvents();
      for (const tab of tabs.values()) if (tab.forgetTimer) clearTimeout(tab.forgetTimer);
      for (const ws of wss.clients) ws.close(closeCodes.shuttingDown, 'Cuadra is shutting down');
      return new Promise((resolveClose) => {
        // Sockets that do not finish the closing handshake promptly are cut.
        const cut = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000);
        wss.close(() => {
          clearTimeout(cut);
          resolveClose();
        });
      });
    },
  };
}

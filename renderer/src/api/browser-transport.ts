import type { Envelope } from '../../../main/core/contract/index.js';
import type { Transport } from '../../../preload/bridge.js';

/**
 * Browser mode's transport: one WebSocket to `npm run serve` on the page's own host.
 * The per-launch token arrives once in the address (#token=…), moves to sessionStorage and
 * leaves the address bar; the tab's clientId lives in sessionStorage too, so a reload keeps
 * the login. Only DOM-free types here: the module is also exercised under plain Node.
 */

/** The parts of `window.location` the transport reads. */
export interface LocationLike {
  readonly protocol: string;
  readonly host: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

/** The parts of `sessionStorage` the transport uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The part of `window.history` used to take the token out of the address bar. */
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string | null): void;
}

// Method-style signature: lets both the DOM's and the `ws` package's handler types fit.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The parts of a WebSocket the transport uses (the DOM's, or the `ws` package's in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

export type SocketConstructor = new (url: string) => SocketLike;

export interface BrowserTransportOptions {
  /** Where to remove the token from the address bar; defaults to `globalThis.history`. */
  history?: HistoryLike | null;
  /** Delay before reconnect attempt n (1, 2, …); default 250 ms doubling up to 8 s. */
  backoffMs?: (attempt: number) => number;
  /** Random bytes for the clientId; defaults to `crypto.getRandomValues`. */
  randomBytes?: (length: number) => Uint8Array;
}

/** A Transport that can also be shut (tests, page unload). */
export interface BrowserTransport extends Transport {
  /** Closes the socket for good: pending and later calls fail, no reconnects. */
  close(): void;
}

export const TOKEN_KEY = 'cuadra.token';
export const CLIENT_ID_KEY = 'cuadra.clientId';
const OPEN = 1;
const BAD_TOKEN = 4401;

const LOST = 'Lost the connection to Cuadra. Check that `npm run serve` is still running; Cuadra reconnects by itself.';
const NO_TOKEN = 'This page has no access key for Cuadra. Open the address that `npm run serve` printed (it ends in #token=…).';
const BAD_TOKEN_MESSAGE =
  'This page’s access key is no longer valid (Cuadra was restarted). Open the address that `npm run serve` printed.';
const CLOSED = 'The connection to Cuadra was closed.';

const failure = (message: string): Envelope<never> => ({ ok: false, error: { code: 'internal', message } });

/** Takes `token=…` out of the hash (keeping anything else there) and returns it, or null. */
function takeTokenFromAddress(location: LocationLike, history: HistoryLike | null): string | null {
  const body = location.hash.replace(/^#/, '');
  const parts = body.split('&');
  const found = parts.find((part) => part.startsWith('token='));
  if (!found) return null;
  const rest = parts.filter((part) => part !== found).join('&');
  history?.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return decodeURIComponent(found.slice('token='.length)) || null;
}

function defaultRandomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { ok?: unknown; error?: unknown };
  if (record.ok === true) return 'value' in record;
  return record.ok === false && typeof record.error === 'object' && record.error !== null;
}

interface QueuedCall {
  id: number;
  method: string;
  input: unknown;
  resolve(envelope: Envelope<unknown>): void;
}

/** Creates the browser-mode Transport over a WebSocket to the page's own host. */
export function createBrowserTransport(
  location: LocationLike,
  storage: StorageLike,
  WebSocketCtor: SocketConstructor,
  options: BrowserTransportOptions = {},
): BrowserTransport {
  const history = options.history !== undefined ? options.history : ((globalThis as { history?: HistoryLike }).history ?? null);
  const fromAddress = takeTokenFromAddress(location, history);
  if (fromAddress) storage.setItem(TOKEN_KEY, fromAddress);
  const token = fromAddress ?? storage.getItem(TOKEN_KEY);

  let clientId = storage.getItem(CLIENT_ID_KEY);
  if (!clientId || !/^[A-Za-z0-9_-]{16,128}$/.test(clientId)) {
    const bytes = (options.randomBytes ?? defaultRandomBytes)(16);
    clientId = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    storage.setItem(CLIENT_ID_KEY, clientId);
  }

  const backoff = options.backoffMs ?? ((attempt: number) => Math.min(250 * 2 ** (attempt - 1), 8000));
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const queued: QueuedCall[] = [];
  const inFlight = new Map<number, QueuedCall>();
  let socket: SocketLike | null = null;
  let ready = false;
  let attempt = 0;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  // Set when no call can succeed any more: no token, a refused token, or close().
  let stopped: string | null = token ? null : NO_TOKEN;

  const failCalls = (calls: Iterable<QueuedCall>, message: string): void => {
    for (const call of calls) call.resolve(failure(message));
  };

  const send = (call: QueuedCall): void => {
    inFlight.set(call.id, call);
    socket!.send(JSON.stringify({ type: 'invoke', id: call.id, method: call.method, input: call.input }));
  };

  const onMessage = (data: unknown): void => {
    let message: { type?: unknown; id?: unknown; envelope?: unknown; event?: unknown; payload?: unknown };
    try {
      message = JSON.parse(String(data)) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'ready') {
      ready = true;
      attempt = 0;
      for (const call of queued.splice(0)) send(call);
    } else if (message.type === 'result' && typeof message.id === 'number') {
      const call = inFlight.get(message.id);
      if (!call) return;
      inFlight.delete(message.id);
      call.resolve(isEnvelope(message.envelope) ? message.envelope : failure('Cuadra sent an answer this page cannot read.'));
    } else if (message.type === 'event' && typeof message.event === 'string') {
      for (const listener of listeners) listener(message.event, message.payload);
    }
  };

  const onClose = (code: number, wasReady: boolean): void => {
    socket = null;
    ready = false;
    failCalls(inFlight.values(), LOST);
    inFlight.clear();
    if (code === BAD_TOKEN) {
      storage.removeItem(TOKEN_KEY);
      stopped = BAD_TOKEN_MESSAGE;
    }
    if (stopped) {
      failCalls(queued.splice(0), stopped);
      return;
    }
    // Calls that waited for this connection fail rather than wait for ever; later calls queue again.
    if (!wasReady) failCalls(queued.splice(0), LOST);
    attempt++;
    reconnectTimer = setTimeout(connect, backoff(attempt));
  };

  function connect(): void {
    reconnectTimer = null;
    if (stopped) return;
    let current: SocketLike;
    try {
      current = new WebSocketCtor(url);
    } catch {
      onClose(1006, false);
      return;
    }
    socket = current;
    let wasReady = false;
    current.onopen = () => current.send(JSON.stringify({ type: 'hello', token, clientId }));
    current.onmessage = (event) => {
      onMessage(event.data);
      wasReady ||= ready;
    };
    current.onerror = () => {}; // a close event always follows
    current.onclose = (event) => {
      if (socket === current) onClose(event.code, wasReady);
    };
  }

  connect();

  return {
    invoke(method, input) {
      if (stopped) return Promise.resolve(failure(stopped));
      return new Promise((resolve) => {
        const call: QueuedCall = { id: nextId++, method, input, resolve };
        if (ready && socket?.readyState === OPEN) send(call);
        else queued.push(call);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (!stopped) stopped = CLOSED;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const current = socket;
      socket = null;
      ready = false;
      failCalls(inFlight.values(), CLOSED);
      inFlight.clear();
      failCalls(queued.splice(0), stopped);
      current?.close(1000, 'page closed');
    },
  };
}

import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  CLIENT_ID_KEY,
  createBrowserTransport,
  TOKEN_KEY,
  type BrowserTransport,
  type LocationLike,
  type SocketConstructor,
  type StorageLike,
} from '../../renderer/src/api/browser-transport.js';
import { setupInput } from '../host/helpers.js';
import { startServeFixture, type ServeFixture } from './helpers.js';

/** sessionStorage of one tab. */
function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/** The `ws` WebSocket as a browser page of `origin` would open it; remembers every socket. */
function browserSockets(origin: string): { Ctor: SocketConstructor; opened: WebSocket[] } {
  const opened: WebSocket[] = [];
  class PageSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
      opened.push(this);
    }
  }
  return { Ctor: PageSocket, opened };
}

describe('browser transport against the real serve server', () => {
  let fx: ServeFixture;
  const transports: BrowserTransport[] = [];
  beforeAll(async () => {
    fx = await startServeFixture();
  });
  afterAll(async () => {
    for (const transport of transports) transport.close();
    await fx?.stop();
  });

  const page = (hash: string): LocationLike => ({
    protocol: 'http:',
    host: `127.0.0.1:${fx.server.port}`,
    pathname: '/',
    search: '',
    hash,
  });
  const open = (location: LocationLike, storage: StorageLike, extra: { replaced?: string[] } = {}) => {
    const sockets = browserSockets(fx.server.origin);
    const transport = createBrowserTransport(location, storage, sockets.Ctor, {
      history: { replaceState: (_data, _unused, url) => extra.replaced?.push(String(url)) },
      backoffMs: () => 30,
    });
    transports.push(transport);
    return { transport, sockets };
  };

  it('takes the token out of the address, keeps it and the clientId in sessionStorage, and queues calls until connected', async () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const { transport } = open(page(`#token=${fx.server.token}`), storage, { replaced });
    // Called before the socket is open: queued, then sent.
    const info = await transport.invoke('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { setupRequired: true } });
    expect(replaced).toEqual(['/']);
    expect(storage.getItem(TOKEN_KEY)).toBe(fx.server.token);
    expect(storage.getItem(CLIENT_ID_KEY)).toMatch(/^[0-9a-f]{32}$/);
    transport.close();
  });

  it('keeps the login across a reload of the tab, not in another tab, and delivers events', async () => {
    const tab = memoryStorage();
    const first = open(page(`#token=${fx.server.token}`), tab).transport;
    expect(await first.invoke('auth.setup', setupInput)).toMatchObject({ ok: true });
    first.close();

    const reloaded = open(page(''), tab).transport; // the address bar no longer has the token
    expect(await reloaded.invoke('companies.list', {})).toEqual({ ok: true, value: [] });

    const otherTab = open(page(`#token=${fx.server.token}`), memoryStorage()).transport;
    expect(await otherTab.invoke('companies.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    const events: Array<[string, unknown]> = [];
    const stop = otherTab.subscribe((event, payload) => events.push([event, payload]));
    expect(await reloaded.invoke('companies.create', { name: 'Panadería Pérez' })).toMatchObject({ ok: true });
    await expect.poll(() => events.length).toBeGreaterThan(0);
    expect(events[0]).toEqual(['data.changed', expect.objectContaining({ entity: 'companies' })]);
    stop();
    reloaded.close();
    otherTab.close();
  });

  it('fails calls in flight when the socket drops, then reconnects by itself', async () => {
    const storage = memoryStorage();
    const { transport, sockets } = open(page(`#token=${fx.server.token}`), storage);
    expect((await transport.invoke('app.info', {})).ok).toBe(true);
    const inFlight = transport.invoke('app.info', {});
    sockets.opened[0]!.terminate();
    expect(await inFlight).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/^Lost the connection to Cuadra/) },
    });
    expect((await transport.invoke('app.info', {})).ok).toBe(true);
    expect(sockets.opened.length).toBe(2);
    transport.close();
  });

  it('stops for good on a wrong token and forgets it', async () => {
    const storage = memoryStorage();
    const { transport, sockets } = open(page('#token=not-the-launch-token'), storage);
    expect(await transport.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/no longer valid/) } });
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sockets.opened).toHaveLength(1);
    expect(await transport.invoke('app.info', {})).toMatchObject({ ok: false });
  });

  it('without a token it never connects and says how to get one', async () => {
    const { transport, sockets } = open(page(''), memoryStorage());
    expect(await transport.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/#token=/) } });
    expect(sockets.opened).toHaveLength(0);
  });
});

describe('browser transport without a server', () => {
  it('fails queued calls when the connection attempt fails, and keeps retrying', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const free = (probe.address() as { port: number }).port;
        probe.close(() => resolve(free));
      });
    });
    const sockets = browserSockets(`http://127.0.0.1:${port}`);
    const storage = memoryStorage();
    const location: LocationLike = { protocol: 'http:', host: `127.0.0.1:${port}`, pathname: '/', search: '', hash: '#token=abc' };
    const transport = createBrowserTransport(location, storage, sockets.Ctor, { history: null, backoffMs: () => 20 });
    expect(await transport.invoke('app.info', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Lost the connection/) } });
    await expect.poll(() => sockets.opened.length).toBeGreaterThan(1);
    transport.close();
    expect(await transport.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

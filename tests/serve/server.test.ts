import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../main/core/contract/index.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../main/serve/server.js';
import { closeCodes } from '../../main/serve/ws-bridge.js';
import { setupInput } from '../host/helpers.js';
import { connectTab, openSocket, outcome, rawGet, SECRET, startServeFixture, type ServeFixture } from './helpers.js';

describe('browser mode over HTTP', () => {
  let fx: ServeFixture;
  beforeAll(async () => {
    fx = await startServeFixture();
    symlinkSync(join(fx.dir, 'package.json'), join(fx.rendererDir, 'assets', 'escape.json'));
  });
  afterAll(() => fx?.stop());

  it('prints an address with a 32-byte base64url token on 127.0.0.1', () => {
    expect(fx.server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${fx.server.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves index.html with a strict CSP and the other security headers', async () => {
    const res = await rawGet(fx.server.port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<title>Cuadra</title>');
    const csp = String(res.headers['content-security-policy']);
    const port = fx.server.port;
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect((await rawGet(port, '/index.html')).headers['content-security-policy']).toBe(csp);
  });

  it('serves assets with their content types, without the token', async () => {
    const js = await rawGet(fx.server.port, '/assets/app.js?v=1');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await rawGet(fx.server.port, '/assets/app.css')).headers['content-type']).toMatch(/^text\/css/);
    const head = await rawGet(fx.server.port, '/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers /healthz', async () => {
    const res = await rawGet(fx.server.port, '/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it('refuses requests whose Host header names another server (DNS rebinding)', async () => {
    const port = fx.server.port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.2:${port}`]) {
      const res = await rawGet(port, '/', { host });
      expect(res.status, host).toBe(421);
      expect(res.body).not.toContain('<title>Cuadra</title>');
    }
    expect((await rawGet(port, '/healthz', { host: 'evil.example' })).status).toBe(421);
    expect((await rawGet(port, '/', { host: `localhost:${port}` })).status).toBe(200);
    expect((await rawGet(port, '/', { host: `LOCALHOST:${port}` })).status).toBe(200);
  });

  it('refuses path traversal in every spelling', async () => {
    const attempts = [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E%2Fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '/assets/..\\..\\package.json',
      '/%252e%252e/package.json',
      '/.env',
      '/assets/%2e/../.env',
      '/index.html%00.js',
      '/%E0%A4%A',
      '/assets/escape.json',
      '//etc/passwd',
      'http://127.0.0.1/../package.json',
    ];
    for (const path of attempts) {
      const res = await rawGet(fx.server.port, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain(SECRET);
    }
  });

  it('lists no directories and accepts only GET and HEAD', async () => {
    expect((await rawGet(fx.server.port, '/assets/')).status).toBe(404);
    expect((await rawGet(fx.server.port, '/assets')).status).toBe(404);
    expect((await rawGet(fx.server.port, '/missing.js')).status).toBe(404);
    const post = await rawGet(fx.server.port, '/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers['content-security-policy']).toBeDefined();
  });
});

describe('browser mode WebSocket', () => {
  let fx: ServeFixture;
  beforeAll(async () => {
    fx = await startServeFixture({ maxMessageBytes: 64 * 1024, forgetGraceMs: 150, helloTimeoutMs: 300 });
  });
  afterAll(() => fx?.stop());

  const send = async (frames: Array<string | Buffer>, origin: string | null = fx.server.origin) => {
    const ws = openSocket(fx.server.port, origin);
    const result = outcome(ws);
    ws.on('open', () => frames.forEach((frame) => ws.send(frame)));
    return result;
  };
  const hello = (token: string, clientId = 'tab-aaaaaaaaaaaaaaaa') => JSON.stringify({ type: 'hello', token, clientId });

  it('refuses upgrades from another origin, without an origin, or for another host', async () => {
    expect(await send([], 'http://evil.example')).toEqual({ refused: 403 });
    expect(await send([], `http://evil.example:${fx.server.port}`)).toEqual({ refused: 403 });
    expect(await send([], `https://127.0.0.1:${fx.server.port}`)).toEqual({ refused: 403 });
    expect(await send([], null)).toEqual({ refused: 403 });
    const wrongHost = openSocket(fx.server.port, fx.server.origin, 'evil.example');
    expect(await outcome(wrongHost)).toEqual({ refused: 421 });
    const localhostTab = openSocket(fx.server.port, `http://localhost:${fx.server.port}`, `localhost:${fx.server.port}`);
    const opened = new Promise((resolve) => localhostTab.once('open', resolve));
    await opened;
    localhostTab.close();
  });

  it('refuses a socket without the token, with a wrong token, or silent past the hello timeout', async () => {
    const invoke = JSON.stringify({ type: 'invoke', id: 1, method: 'app.info', input: {} });
    expect(await send([invoke])).toMatchObject({ closed: closeCodes.badMessage });
    expect(await send([hello('wrong-token')])).toMatchObject({ closed: closeCodes.badToken, reason: 'invalid token' });
    expect(await send([hello(`${fx.server.token}x`)])).toMatchObject({ closed: closeCodes.badToken });
    expect(await send([hello(fx.server.token.slice(0, -1))])).toMatchObject({ closed: closeCodes.badToken });
    expect(await send([])).toMatchObject({ closed: closeCodes.helloTimeout });
  });

  it('closes with clear codes on invalid JSON, binary frames, bad messages and oversized ones', async () => {
    expect(await send(['{not json'])).toMatchObject({ closed: 1007, reason: 'invalid JSON' });
    expect(await send([Buffer.from([1, 2, 3])])).toMatchObject({ closed: 1003 });
    expect(await send([hello(fx.server.token), JSON.stringify({ type: 'invoke', id: 'x' })])).toMatchObject({ closed: closeCodes.badMessage });
    expect(await send([hello(fx.server.token), 'x'.repeat(70 * 1024)])).toMatchObject({ closed: 1009 });
  });

  it('runs calls for a tab and keeps its login across reconnects, not for other tabs', async () => {
    const tab = await connectTab(fx.server, 'tab-one-0123456789abcdef');
    expect(await tab.invoke('app.info', {})).toMatchObject({ ok: true, value: { setupRequired: true } });
    expect(await tab.invoke('auth.setup', setupInput)).toMatchObject({ ok: true, value: { user: { username: 'ana' } } });
    await tab.close();

    const reloaded = await connectTab(fx.server, 'tab-one-0123456789abcdef');
    expect(await reloaded.invoke('companies.list', {})).toEqual({ ok: true, value: [] });
    const other = await connectTab(fx.server, 'tab-two-0123456789abcdef');
    expect(await other.invoke('companies.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    // Events reach every tab that is connected.
    expect(await reloaded.invoke('companies.create', { name: 'Ferretería Sol' })).toMatchObject({ ok: true });
    const event = await other.waitFor((f) => f.type === 'event');
    expect(event).toMatchObject({ event: 'data.changed', payload: { entity: 'companies' } });
    await other.close();

    // A tab gone for longer than the grace period loses its session.
    await reloaded.close();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const late = await connectTab(fx.server, 'tab-one-0123456789abcdef');
    expect(await late.invoke('companies.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await late.close();
  });
});

describe('browser mode WebSocket message cap', () => {
  let fx: ServeFixture;
  beforeAll(async () => {
    fx = await startServeFixture();
  });
  afterAll(() => fx?.stop());

  it('admits an import of the largest file the contract takes (100 MiB as base64) and refuses a bigger message', async () => {
    // The frame a tab sends for imports.commit of a 100 MiB file: its base64 plus the envelope.
    const base64Chars = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;
    const envelope = JSON.stringify({ type: 'invoke', id: 1, method: 'imports.commit', input: { companyId: 1, fileName: 'x'.repeat(255), contentBase64: '' } });
    expect(base64Chars + envelope.length + 4096).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES);

    const ws = openSocket(fx.server.port, fx.server.origin);
    const result = outcome(ws);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'hello', token: fx.server.token, clientId: 'tab-bbbbbbbbbbbbbbbb' }));
      ws.send(Buffer.alloc(DEFAULT_MAX_MESSAGE_BYTES + 1, 0x78).toString('latin1'));
    });
    expect(await result).toMatchObject({ closed: 1009 });
  }, 60_000);
});

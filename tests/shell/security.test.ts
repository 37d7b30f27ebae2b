import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../main/shell/csp.js';
import { appLocation, isAllowedExternalUrl, isAppPageUrl } from '../../main/shell/location.js';
import { hardenWebContents, installSessionSecurity, type HeadersDetails, type SessionLike } from '../../main/shell/security.js';
import { FakeContents, fakeEvent, recordingLogger } from './fakes.js';

const built = appLocation('/opt/Cuadra/resources/app.asar/out/renderer/index.html', null);
const dev = appLocation('/repo/out/renderer/index.html', 'http://localhost:5173/');
const pageUrl = 'file:///opt/Cuadra/resources/app.asar/out/renderer/index.html';

function fakeSession() {
  let onHeaders: ((details: HeadersDetails, cb: (r: { responseHeaders?: Record<string, string | string[]> }) => void) => void) | null = null;
  let onPermission: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  let onCheck: ((wc: unknown, permission: string) => boolean) | null = null;
  const session: SessionLike = {
    webRequest: { onHeadersReceived: (listener) => void (onHeaders = listener) },
    setPermissionRequestHandler: (handler) => void (onPermission = handler),
    setPermissionCheckHandler: (handler) => void (onCheck = handler),
  };
  const respond = (details: HeadersDetails) => {
    let response: { responseHeaders?: Record<string, string | string[]> } | undefined;
    onHeaders!(details, (r) => (response = r));
    return response!;
  };
  const askPermission = (permission: string) => {
    let granted: boolean | undefined;
    onPermission!({}, permission, (g) => (granted = g));
    return granted;
  };
  return { session, respond, askPermission, check: (permission: string) => onCheck!({}, permission) };
}

describe('content security policy', () => {
  it('adds the strict policy to the app page and replaces any policy the response had', () => {
    const { session, respond } = fakeSession();
    installSessionSecurity(session, built, recordingLogger());
    const response = respond({ url: pageUrl, responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } });
    expect(response.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy()] });
    const policy = contentSecurityPolicy();
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(policy.split('; ')).toContain(directive);
    }
    expect(policy).not.toContain('unsafe');
  });

  it('covers the app scripts and styles but leaves responses from elsewhere alone', () => {
    const { session, respond } = fakeSession();
    installSessionSecurity(session, built, recordingLogger());
    expect(respond({ url: 'file:///opt/Cuadra/resources/app.asar/out/renderer/assets/index-1.js' }).responseHeaders).toHaveProperty(
      'Content-Security-Policy',
    );
    expect(respond({ url: 'https://example.com/x.js', responseHeaders: { a: ['b'] } })).toEqual({});
    expect(respond({ url: 'file:///etc/passwd' })).toEqual({});
    expect(respond({ url: 'file:///opt/Cuadra/resources/app.asar/out/renderer/../../../../../etc/passwd' })).toEqual({});
  });

  it('relaxes only what hot reload needs when running on the dev server', () => {
    const { session, respond } = fakeSession();
    installSessionSecurity(session, dev, recordingLogger());
    const header = respond({ url: 'http://localhost:5173/src/main.tsx' }).responseHeaders?.['Content-Security-Policy'];
    expect(header).toEqual([contentSecurityPolicy('http://localhost:5173')]);
    expect(String(header)).toContain("connect-src 'self' ws://localhost:5173");
    expect(String(header)).toContain("object-src 'none'");
  });

  it('denies every permission request and check', () => {
    const { session, askPermission, check } = fakeSession();
    const logger = recordingLogger();
    installSessionSecurity(session, built, logger);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(askPermission(permission)).toBe(false);
      expect(check(permission)).toBe(false);
    }
    expect(logger.records.filter((r) => r.level === 'warn')).toHaveLength(5);
  });
});

describe('navigation guards', () => {
  function guarded(hosts: readonly string[] = []) {
    const contents = new FakeContents(pageUrl);
    const openExternal = vi.fn(() => Promise.resolve());
    hardenWebContents(contents, { location: built, openExternal, externalHosts: hosts, logger: recordingLogger() });
    return { contents, openExternal };
  }

  it('blocks navigation away from the app page and keeps in-app navigation', () => {
    const { contents } = guarded();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'file:///opt/Cuadra/resources/app.asar/out/renderer/other.html', 'javascript:alert(1)', 'not a url']) {
      const event = fakeEvent();
      contents.fire('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
    const own = fakeEvent();
    contents.fire('will-navigate', own, `${pageUrl}#/companies`);
    expect(own.defaultPrevented).toBe(false);
  });

  it('blocks redirects elsewhere and every <webview>', () => {
    const { contents } = guarded();
    const redirect = fakeEvent();
    contents.fire('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = fakeEvent();
    contents.fire('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('on the dev server, allows only the dev server origin', () => {
    const contents = new FakeContents('http://localhost:5173/');
    hardenWebContents(contents, { location: dev, openExternal: () => Promise.resolve(), logger: recordingLogger() });
    const ok = fakeEvent();
    contents.fire('will-navigate', ok, 'http://localhost:5173/index.html');
    expect(ok.defaultPrevented).toBe(false);
    const other = fakeEvent();
    contents.fire('will-navigate', other, 'http://localhost:5174/');
    expect(other.defaultPrevented).toBe(true);
  });

  it('denies window.open and opens only allow-listed https links in the OS browser', () => {
    const { contents, openExternal } = guarded(['docs.example.org']);
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://docs.example.org/help')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example.org/help');
    for (const url of [
      'http://docs.example.org/help',
      'https://evil.example/',
      'https://docs.example.org.evil.example/',
      'https://user:pw@docs.example.org/',
      'https://docs.example.org:8443/',
      'file:///etc/passwd',
      `${pageUrl}#/x`,
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('opens nothing outside with the shipped (empty) allow-list', () => {
    const { contents, openExternal } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://docs.example.org/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('app location', () => {
  it('recognises only the built index.html as the app page', () => {
    expect(isAppPageUrl(built, pageUrl)).toBe(true);
    expect(isAppPageUrl(built, `${pageUrl}?x=1#/a`)).toBe(true);
    expect(isAppPageUrl(built, 'file://otherhost/opt/Cuadra/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(isAppPageUrl(built, 'https://example.com/index.html')).toBe(false);
  });

  it('accepts only a loopback http dev server', () => {
    expect(() => appLocation('/x/index.html', 'https://example.com/')).toThrow();
    expect(() => appLocation('/x/index.html', 'http://192.168.1.5:5173/')).toThrow();
    expect(appLocation('/x/index.html', 'http://127.0.0.1:5173/').kind).toBe('dev');
  });

  it('allows external links only for https on listed hosts', () => {
    expect(isAllowedExternalUrl('https://a.example/', ['a.example'])).toBe(true);
    expect(isAllowedExternalUrl('https://A.EXAMPLE/', ['a.example'])).toBe(true);
    expect(isAllowedExternalUrl('https://a.example/')).toBe(false);
  });
});

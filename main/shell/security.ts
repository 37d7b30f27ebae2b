import { contentSecurityPolicy } from './csp.js';
import { isAllowedExternalUrl, isAppPageUrl, isAppResourceUrl, type AppLocation } from './location.js';
import type { Logger } from '../core/logger.js';

/** The part of an Electron event the guards use. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of `session.webRequest`'s response details the CSP hook reads. */
export interface HeadersDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

/** The part of an Electron Session the shell configures. */
export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: HeadersDetails,
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** The part of an Electron WebContents the navigation guards hook into. */
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-attach-webview',
    listener: (event: PreventableEvent, url: string) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** What the guards need besides the contents: where the app lives and how to open a link outside. */
export interface GuardOptions {
  location: AppLocation;
  openExternal(url: string): Promise<void>;
  /** Hosts a window.open / target=_blank link may open in the OS browser (https only). */
  externalHosts?: readonly string[];
  logger: Logger;
}

/** Adds the CSP header to the app's own responses and denies every permission request. */
export function installSessionSecurity(session: SessionLike, location: AppLocation, logger: Logger): void {
  const policy = contentSecurityPolicy(location.kind === 'dev' ? location.origin : null);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResourceUrl(location, details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = values;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/**
 * Keeps a web contents on the app's page: navigation and redirects elsewhere are cancelled,
 * <webview> is refused, and window.open never opens a window (allowed https links go to the
 * OS browser instead).
 */
export function hardenWebContents(contents: GuardedContents, options: GuardOptions): void {
  const { location, logger } = options;
  const blockForeign = (kind: string) => (event: PreventableEvent, url: string) => {
    if (isAppPageUrl(location, url)) return;
    event.preventDefault();
    logger.warn({ url: redactUrl(url) }, `${kind} blocked`);
  };
  contents.on('will-navigate', blockForeign('navigation'));
  contents.on('will-redirect', blockForeign('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn({}, 'webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, options.externalHosts)) {
      options.openExternal(url).catch((error: unknown) => logger.warn({ err: error }, 'could not open link'));
    } else {
      logger.warn({ url: redactUrl(url) }, 'window.open denied');
    }
    return { action: 'deny' };
  });
}

/** Scheme and host only: a blocked URL may carry data the log must not keep. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'file:' : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable)';
  }
}

import { pathToFileURL } from 'node:url';

/**
 * Where the renderer lives: the built index.html on disk, or the electron-vite dev server
 * (development only). Every trust decision of the shell (IPC sender, navigation, CSP, events)
 * asks this one value.
 */
export type AppLocation =
  | { kind: 'file'; indexUrl: string; rootUrl: string }
  | { kind: 'dev'; url: string; origin: string };

/**
 * Hosts the app itself links to (help pages); anything else never leaves the app. Kept empty
 * until the project publishes its documentation: https only, exact host names.
 */
export const externalLinkHosts: readonly string[] = [];

/** The app's location from the built index.html path, or the dev server URL when one is given. */
export function appLocation(rendererIndexPath: string, devServerUrl: string | null): AppLocation {
  if (devServerUrl) {
    const url = new URL(devServerUrl);
    if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
      throw new Error(`The renderer dev server must be on http://localhost, not ${url.origin}`);
    }
    return { kind: 'dev', url: url.href, origin: url.origin };
  }
  const index = pathToFileURL(rendererIndexPath);
  return { kind: 'file', indexUrl: index.href, rootUrl: new URL('.', index).href };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is the app's page itself (query and hash aside): the only page allowed to call the core. */
export function isAppPageUrl(location: AppLocation, url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (location.kind === 'dev') return parsed.origin === location.origin;
  const index = new URL(location.indexUrl);
  return parsed.protocol === 'file:' && parsed.host === index.host && parsed.pathname === index.pathname;
}

/** True when `url` is one of the app's own files (the page, its scripts, styles, images). */
export function isAppResourceUrl(location: AppLocation, url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (location.kind === 'dev') return parsed.origin === location.origin;
  const root = new URL(location.rootUrl);
  return parsed.protocol === 'file:' && parsed.host === root.host && parsed.pathname.startsWith(root.pathname);
}

/** True when `url` may be handed to the OS browser: https, no credentials, default port, a listed host. */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = externalLinkHosts): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password || parsed.port) return false;
  return hosts.includes(parsed.hostname.toLowerCase());
}

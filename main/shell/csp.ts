/** The Content-Security-Policy the desktop shell puts on the app's responses, in one place. */

/** The production policy: only the app's own files, no inline script, no plugins, no framing. */
export const productionCspDirectives: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

function serialize(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The policy for the app's responses. With a dev server origin (electron-vite dev only, never a
 * packaged app) it admits what Vite's hot reload needs: the React refresh preamble is an inline
 * script, styles are injected as <style> tags, and updates arrive over a WebSocket.
 */
export function contentSecurityPolicy(devServerOrigin: string | null = null): string {
  if (devServerOrigin === null) return serialize(productionCspDirectives);
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return serialize({
    ...productionCspDirectives,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ws],
  });
}


import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIPv6 } from 'node:net';

/** A fresh per-launch access token: 32 random bytes, base64url. */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a presented token with the launch token in constant time (whatever the lengths). */
export function tokensEqual(presented: string, expected: string): boolean {
  // Hashing first gives equal-length inputs, so neither length nor content leaks through timing.
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The `host:port` forms a browser may send for this server (the Host header and, with http://, the Origin). */
export function allowedHostHeaders(host: string, port: number): Set<string> {
  const name = isIPv6(host) ? `[${host}]` : host;
  return new Set([`${name}:${port}`, `localhost:${port}`]);
}

/**
 * True when a Host header names this server. Anything else is refused, which defeats DNS
 * rebinding: a page on evil.example that resolves to 127.0.0.1 still sends Host: evil.example.
 */
export function isAllowedHost(header: string | undefined, allowed: Set<string>): boolean {
  return header !== undefined && allowed.has(header.trim().toLowerCase());
}

/** True when a WebSocket upgrade comes from a page this server served (browsers always send Origin). */
export function isAllowedOrigin(header: string | undefined, allowed: Set<string>): boolean {
  if (header === undefined) return false;
  const origin = header.trim().toLowerCase();
  return origin.startsWith('http://') && allowed.has(origin.slice('http://'.length));
}

/** The Content-Security-Policy of every response: only this server's own scripts, styles and socket. */
export function contentSecurityPolicy(allowed: Set<string>): string {
  const sockets = [...allowed].map((hostPort) => `ws://${hostPort}`).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers sent with every HTTP response of browser mode. */
export function securityHeaders(allowed: Set<string>): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(allowed),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

import { stdSerializers } from 'pino';

/** What replaces a secret in a log line. */
export const REDACTED = '[redacted]';

/**
 * Key names whose values never reach a log, compared case-insensitively and without
 * `_` or `-` (so `api_key`, `apiKey` and `X-Api-Key`'s `apikey` all match), at any depth.
 */
export const secretKeys: ReadonlySet<string> = new Set([
  'password',
  'newpassword',
  'currentpassword',
  'oldpassword',
  'passwordhash',
  'token',
  'sessiontoken',
  'accesstoken',
  'refreshtoken',
  'apikey',
  'xapikey',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'secret',
  'clientsecret',
  'privatekey',
]);

const MAX_DEPTH = 8;

/** True when a property of this name holds a secret. */
export function isSecretKey(key: string): boolean {
  return secretKeys.has(key.toLowerCase().replace(/[_-]/g, ''));
}

export interface RedactOptions {
  /** Keep `stack` of serialized errors (the log file wants them; a terse terminal does not). */
  stacks: boolean;
}

function isErrorLike(value: object): value is Error {
  return value instanceof Error || (typeof (value as { message?: unknown }).message === 'string' && typeof (value as { stack?: unknown }).stack === 'string');
}

function walk(value: unknown, depth: number, seen: WeakSet<object>, options: RedactOptions): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen, options));
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
    // Errors become plain objects here (type, message, stack, cause, own props) so that
    // their properties are redacted too (an HTTP error may carry request headers).
    const source: object = isErrorLike(value) ? stdSerializers.err(value) : value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(source)) {
      if (isSecretKey(key)) out[key] = item === undefined || item === null ? item : REDACTED;
      else if (key === 'stack' && !options.stacks && source !== value) continue;
      else out[key] = walk(item, depth + 1, seen, options);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** A copy of a log object with every secret-named property replaced by '[redacted]', at any depth; the input is not changed. */
export function redactSecrets(obj: Record<string, unknown>, options: RedactOptions = { stacks: true }): Record<string, unknown> {
  const out = walk(obj, 0, new WeakSet(), options);
  return out !== null && typeof out === 'object' && !Array.isArray(out) ? (out as Record<string, unknown>) : {};
}

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Where a request path leads inside the renderer folder, or why it leads nowhere. */
export type StaticLookup = { status: 200; file: string; size: number; contentType: string } | { status: 400 | 404 };

/**
 * Maps a raw request target to a file inside `root` (a real path). Refuses, before touching
 * the disk, anything that could leave the folder: `..` or `.` segments (also percent-encoded),
 * backslashes, NUL bytes, hidden files; directories are never listed; a symlink pointing out
 * of the folder is not followed.
 */
export async function lookupStaticFile(root: string, target: string): Promise<StaticLookup> {
  if (!target.startsWith('/')) return { status: 400 };
  const rawPath = target.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { status: 400 };
  if (segments.some((s) => s.startsWith('.'))) return { status: 404 };
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  if (relative === '' || relative.endsWith('/')) return { status: 404 };
  const candidate = join(root, ...relative.split('/'));
  if (!candidate.startsWith(root + sep)) return { status: 400 };
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return { status: 404 };
    const info = await stat(real);
    if (!info.isFile()) return { status: 404 };
    const contentType = contentTypes[extname(real).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, file: real, size: info.size, contentType };
  } catch {
    return { status: 404 };
  }
}

/** Sends a file found by `lookupStaticFile` (headers only for HEAD). */
export function sendStaticFile(res: ServerResponse, found: Extract<StaticLookup, { status: 200 }>, headOnly: boolean): void {
  res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': String(found.size) });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where and how much to keep: `path` grows to `maxBytes`, then shifts to `path.1` … `path.<maxFiles>`. */
export interface RotatingFileOptions {
  path: string;
  maxBytes: number;
  maxFiles: number;
}

/** A synchronous, line-oriented destination pino can write to. */
export interface RotatingFile {
  write(chunk: string): void;
  /** The last write error, if any (logging never throws into the caller). */
  readonly lastError: Error | null;
}

/** Shifts `path` → `path.1` → … → `path.<maxFiles>`, dropping the oldest; with maxFiles 0 the file is just removed. */
export function rotateFiles(path: string, maxFiles: number): void {
  if (maxFiles <= 0) {
    rmSync(path, { force: true });
    return;
  }
  rmSync(`${path}.${maxFiles}`, { force: true });
  for (let i = maxFiles - 1; i >= 1; i--) renameIfExists(`${path}.${i}`, `${path}.${i + 1}`);
  renameIfExists(path, `${path}.1`);
}

function renameIfExists(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * A size-rotating log file written synchronously with plain fs calls (no worker
 * threads, no transports: those break inside Electron bundles). Each write opens
 * the file in append mode and checks its real size, so several writers (the app's
 * main thread and its core worker) can share one file and rotation survives a
 * file deleted or rotated by someone else. Nothing touches the disk until the
 * first write. Write failures are kept in `lastError` and never thrown.
 */
export function createRotatingFile(options: RotatingFileOptions): RotatingFile {
  if (!(options.maxBytes > 0)) throw new RangeError('maxBytes must be positive');
  if (!Number.isInteger(options.maxFiles) || options.maxFiles < 0) throw new RangeError('maxFiles must be a non-negative integer');
  let folderReady = false;
  let lastError: Error | null = null;
  let warned = false;

  const append = (chunk: string): void => {
    if (!folderReady) {
      mkdirSync(dirname(options.path), { recursive: true });
      folderReady = true;
    }
    const bytes = Buffer.byteLength(chunk);
    let fd = openSync(options.path, 'a');
    try {
      const size = fstatSync(fd).size;
      if (size > 0 && size + bytes > options.maxBytes) {
        closeSync(fd);
        fd = -1;
        rotateFiles(options.path, options.maxFiles);
        fd = openSync(options.path, 'a');
      }
      writeSync(fd, chunk);
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  };

  return {
    write(chunk: string) {
      try {
        append(chunk);
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
        // The folder may have been removed under us: look again next time.
        folderReady = false;
        if (!warned) {
          warned = true;
          process.emitWarning(`Cuadra cannot write its log file: ${lastError.message}`);
        }
      }
    },
    get lastError() {
      return lastError;
    },
  };
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CoreError, type Envelope } from '../contract/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { internalFailure, workerReplySchema, type CoreWorkerData, type ResultReply, type WorkerRequest } from './protocol.js';
import type { TaskTicket } from './cancellation.js';
import { answerTaskCancel, createTaskSlots } from './task-slots.js';

export type { CoreWorkerData } from './protocol.js';

/** The host's handle on the core worker; session tokens live here and never reach a renderer. */
export interface CoreClient {
  /**
   * Runs one core method as the client `clientKey` (a window, a browser tab); never rejects.
   * `tasks.cancel` is answered here at once, even while the worker is busy with the task.
   */
  invoke(clientKey: string, method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to every core event; returns the unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** The window closed or the tab is gone: drop its session. */
  forgetClient(clientKey: string): void;
  /** Lets calls in flight finish, closes the database and stops the worker. */
  close(): Promise<void>;
}

/** How the worker ended when nobody asked it to. */
export interface WorkerExit {
  exitCode: number;
  error: Error | null;
}

export interface StartCoreClientOptions {
  /** worker.ts (run from source: tsx is registered inside the worker) or the bundled worker.js. */
  workerUrl: URL | string;
  workerData: CoreWorkerData;
  /** The host's logger: a worker that stops on its own is reported here. */
  logger?: Logger;
  /** Called once if the worker stops without `close()`; nothing is restarted silently. */
  onWorkerExit?: (exit: WorkerExit) => void;
  /** How long `close()` waits for the worker to finish before terminating it (ms). */
  closeTimeoutMs?: number;
}

const STOPPED_MESSAGE = 'The Cuadra core stopped unexpectedly. Restart Cuadra; the details are in the log.';
const CLOSING_MESSAGE = 'Cuadra is shutting down.';

function toUrl(workerUrl: URL | string): URL {
  if (workerUrl instanceof URL) return workerUrl;
  return /^(file|data):/.test(workerUrl) ? new URL(workerUrl) : pathToFileURL(resolve(workerUrl));
}

/**
 * Worker threads do not inherit tsx's loader on Node 20 (neither from a tsx parent nor via
 * `execArgv: ['--import', 'tsx']`), so a TypeScript entry starts from a tiny ESM module that
 * registers tsx's hooks inside the worker and then imports the entry.
 */
function tsxBootstrap(entry: URL): URL {
  const tsxDir = dirname(createRequire(fileURLToPath(entry)).resolve('tsx/package.json'));
  const api = join(tsxDir, 'dist', 'esm', 'api', 'index.mjs');
  if (!existsSync(api)) throw new Error(`tsx's ESM api was not found at ${api}`);
  const code = [
    `import { register } from ${JSON.stringify(pathToFileURL(api).href)};`,
    'register();',
    `await import(${JSON.stringify(entry.href)});`,
  ].join('\n');
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Starts the core worker thread from worker.ts (under tsx) or a bundled worker.js. */
export function startCoreWorker(workerUrl: URL | string, workerData: unknown): Worker {
  const url = toUrl(workerUrl);
  const isTypeScript = url.protocol === 'file:' && /\.[cm]?ts$/.test(url.pathname);
  return new Worker(isTypeScript ? tsxBootstrap(url) : url, { workerData, name: 'cuadra-core' });
}

interface Pending {
  clientKey: string;
  /** The token the call was sent with: a reply may only replace that token (compare-and-set). */
  sentToken: string | null;
  /** forgetClient ran while the call was in flight: its token change is ignored. */
  forgotten: boolean;
  /** The cancellation slot of a call that carries a task id. */
  task: TaskTicket | null;
  resolve(envelope: Envelope<unknown>): void;
}

type State = 'starting' | 'ready' | 'closing' | 'stopped';

/** Starts the worker and resolves once the core is open; rejects with the core's error (e.g. db_future_version) if it cannot start. */
export function startCoreClient(options: StartCoreClientOptions): Promise<CoreClient> {
  const log = options.logger ?? silentLogger;
  const tasks = createTaskSlots(undefined, (taskId) => log.warn({ taskId }, 'too many cancellable tasks at once; this one cannot be cancelled'));
  const worker = startCoreWorker(options.workerUrl, { ...options.workerData, cancelBuffer: tasks.buffer });
  const tokens = new Map<string, string>();
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let state: State = 'starting';
  let nextId = 1;
  let lastError: Error | null = null;
  let closed: Promise<void> | null = null;
  let markExited: () => void = () => {};
  const exited = new Promise<void>((done) => {
    markExited = done;
  });

  const failAll = (message: string): void => {
    for (const call of pending.values()) {
      if (call.task) tasks.end(call.clientKey, call.task);
      call.resolve(internalFailure(message));
    }
    pending.clear();
  };

  const applyResult = (reply: ResultReply): void => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (call.task) tasks.end(call.clientKey, call.task);
    const current = tokens.get(call.clientKey) ?? null;
    // Compare-and-set: a slow reply must not undo a login or logout that finished after it was sent.
    if (reply.sessionToken !== undefined && !call.forgotten && current === call.sentToken) {
      if (reply.sessionToken === null) tokens.delete(call.clientKey);
      else tokens.set(call.clientKey, reply.sessionToken);
    }
    call.resolve(reply.envelope);
  };

  const client: CoreClient = {
    invoke(clientKey, method, input) {
      if (state !== 'ready') return Promise.resolve(internalFailure(state === 'closing' ? CLOSING_MESSAGE : STOPPED_MESSAGE));
      if (method === 'tasks.cancel') return Promise.resolve(answerTaskCancel(tasks, clientKey, tokens.has(clientKey), input));
      const id = nextId++;
      const sentToken = tokens.get(clientKey) ?? null;
      const task = tasks.begin(clientKey, input);
      return new Promise((resolveCall) => {
        pending.set(id, { clientKey, sentToken, forgotten: false, task, resolve: resolveCall });
        const request: WorkerRequest = { type: 'invoke', id, clientToken: sentToken, method, input, ...(task ? { task } : {}) };
        try {
          worker.postMessage(request);
        } catch (error) {
          // Input that cannot be cloned (functions, symbols) never reaches the worker.
          pending.delete(id);
          if (task) tasks.end(clientKey, task);
          log.warn({ err: error, method }, 'call input could not be sent to the core');
          resolveCall({ ok: false, error: { code: 'invalid_input', message: 'This request contains data Cuadra cannot read.' } });
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    forgetClient(clientKey) {
      tokens.delete(clientKey);
      for (const call of pending.values()) if (call.clientKey === clientKey) call.forgotten = true;
    },
    close() {
      if (closed) return closed;
      if (state === 'stopped') return (closed = Promise.resolve());
      state = 'closing';
      worker.postMessage({ type: 'close' } satisfies WorkerRequest);
      const timeout = setTimeout(() => {
        log.warn({}, 'core worker did not close in time; terminating it');
        void worker.terminate();
      }, options.closeTimeoutMs ?? 10_000);
      closed = exited.then(() => clearTimeout(timeout));
      return closed;
    },
  };

  return new Promise<CoreClient>((resolveStart, rejectStart) => {
    worker.on('message', (raw: unknown) => {
      const parsed = workerReplySchema.safeParse(raw);
      if (!parsed.success) {
        log.error({ issues: parsed.error.issues.slice(0, 5) }, 'core worker sent a malformed message');
        return;
      }
      const message = parsed.data;
      switch (message.type) {
        case 'ready':
          if (state === 'starting') state = 'ready';
          resolveStart(client);
          return;
        case 'startup_failed':
          state = 'stopped';
          rejectStart(new CoreError(message.error.code, message.error.message, message.error.details));
          return;
        case 'result':
          applyResult(message);
          return;
        case 'event':
          for (const listener of listeners) {
            try {
              listener(message.event, message.payload);
            } catch (error) {
              log.error({ err: error, event: message.event }, 'event listener failed');
            }
          }
          return;
        case 'closed':
          return;
      }
    });
    worker.on('error', (error: Error) => {
      lastError = error;
      log.error({ err: error }, 'core worker failed');
    });
    worker.on('exit', (exitCode: number) => {
      const previous = state;
      state = 'stopped';
      markExited();
      if (previous === 'closing') {
        failAll(CLOSING_MESSAGE);
        return;
      }
      failAll(STOPPED_MESSAGE);
      if (previous === 'starting') {
        rejectStart(new CoreError('internal', `The Cuadra core could not start${lastError ? `: ${lastError.message}` : ''}.`));
        return;
      }
      if (previous === 'stopped') return; // startup_failed was already reported
      log.error({ exitCode, err: lastError }, 'core worker stopped unexpectedly');
      options.onWorkerExit?.({ exitCode, error: lastError });
    });
  });
}

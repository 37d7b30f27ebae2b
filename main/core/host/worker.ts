/**
 * The core's worker thread: every database call and every piece of heavy work runs here,
 * never on the host's thread. Started by `startCoreClient`; everything it needs (paths,
 * version, log settings) arrives in `workerData`, so this file works the same from
 * TypeScript source and bundled as out/main/worker.js.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { CoreError, events, type CoreErrorData, type EventName, type EventPayload } from '../contract/index.js';
import { createCore, type Core } from '../core.js';
import type { Logger } from '../logger.js';
import { createLogger, DEFAULT_LOG_FILE_LIMITS, toLogLevel } from '../logging/index.js';
import { runCall } from './run-call.js';
import { createMemoryStore } from '../secrets/index.js';
import { noCancellation, sharedCancellation, type WorkerCancellation } from './cancellation.js';
import {
  coreWorkerDataSchema,
  internalFailure,
  workerRequestSchema,
  type CoreWorkerData,
  type WorkerReply,
} from './protocol.js';

function send(port: MessagePort, message: WorkerReply): void {
  port.postMessage(message);
}

function openLogger(data: CoreWorkerData): Logger {
  const level = toLogLevel(data.logLevel, 'info');
  return data.logFile
    ? createLogger({ level, file: { path: data.logFile, ...DEFAULT_LOG_FILE_LIMITS } })
    : createLogger({ level, stderr: true });
}

/** Pushes a core event to the host after checking it against the contract. */
function eventEmitter(port: MessagePort, log: Logger) {
  return <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const checked = events[event].safeParse(payload);
    if (!checked.success) {
      log.error({ event, issues: checked.error.issues }, 'event outside the contract was not sent');
      return;
    }
    send(port, { type: 'event', event, payload: checked.data });
  };
}

/** Serves calls until the host asks to close; a malformed message is answered or dropped, never fatal. */
function serve(port: MessagePort, core: Core, cancellation: WorkerCancellation, log: Logger): void {
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  port.on('message', (raw: unknown) => {
    const parsed = workerRequestSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.slice(0, 5) }, 'worker ignored a malformed message');
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        send(port, { type: 'result', id, envelope: internalFailure('Cuadra received a malformed request.') });
      }
      return;
    }
    const request = parsed.data;
    if (request.type === 'close') {
      if (closing) return;
      closing = true;
      void Promise.allSettled([...inFlight]).then(() => {
        try {
          core.close();
        } catch (error) {
          log.error({ err: error }, 'closing the database failed');
        }
        send(port, { type: 'closed' });
        port.close();
      });
      return;
    }
    if (closing) {
      send(port, { type: 'result', id: request.id, envelope: internalFailure('Cuadra is shutting down.') });
      return;
    }
    const call = cancellation.runTask(request.task ?? null, () => runCall(core, request, log)).then(
      (reply) => send(port, reply),
      (error: unknown) => {
        log.error({ err: error }, 'reply could not be sent');
        send(port, { type: 'result', id: request.id, envelope: internalFailure('Cuadra could not send its answer.') });
      },
    );
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  });
}

function startupError(error: unknown): CoreErrorData {
  if (error instanceof CoreError) return error.toData();
  return { code: 'internal', message: 'Cuadra could not open its database; the details are in the log.' };
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('worker.ts runs only as a worker thread (see startCoreClient).');
  const data = coreWorkerDataSchema.safeParse(workerData);
  if (!data.success) {
    send(port, { type: 'startup_failed', error: { code: 'internal', message: 'The core worker was started without its settings.' } });
    port.close();
    return;
  }
  const log = openLogger(data.data);
  const cancellation: WorkerCancellation = data.data.cancelBuffer
    ? sharedCancellation(data.data.cancelBuffer)
    : { ...noCancellation, runTask: (_ticket, call) => call() };
  let core: Core;
  try {
    core = createCore({
      dbPath: data.data.dbPath,
      migrations: data.data.migrationsDir,
      version: data.data.version,
      logger: log,
      ...(data.data.nativeBinding ? { nativeBinding: data.data.nativeBinding } : {}),
      ...(data.data.bcryptCost !== undefined ? { bcryptCost: data.data.bcryptCost } : {}),
      ...(data.data.secretStore === 'memory' ? { secrets: createMemoryStore() } : {}),
      emit: eventEmitter(port, log),
      cancellation,
    });
  } catch (error) {
    log.error({ err: error }, 'core failed to start');
    send(port, { type: 'startup_failed', error: startupError(error) });
    port.close();
    return;
  }
  log.info({ version: data.data.version }, 'core worker ready');
  serve(port, core, cancellation, log);
  send(port, { type: 'ready' });
}

main();

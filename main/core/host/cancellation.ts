/**
 * Cancelling long tasks. A long import runs synchronously inside the worker's one transaction,
 * so a `tasks.cancel` message would wait behind it forever. Instead the host flips a flag in a
 * SharedArrayBuffer (task-slots.ts) and the task reads it every so often with Atomics.load,
 * throwing CoreError('cancelled') inside its transaction, which rolls everything back.
 *
 * Layout of the buffer: one Int32 per slot. The host gives each call that carries a task id a
 * free slot and a fresh generation number and writes 0 to the slot; cancelling writes the
 * generation. A call is cancelled when its slot holds its own generation, so a slot reused by a
 * later call can never cancel — or be cancelled by — an earlier one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { CoreError } from '../contract/index.js';

/** What the core asks while long work runs; `CoreDeps.cancellation`. */
export interface Cancellation {
  /** True once the caller cancelled the task `taskId` (always false for null). */
  isCancelled(taskId: string | null): boolean;
  /** Throws CoreError('cancelled') once the task is cancelled; call it inside the task's transaction. */
  throwIfCancelled(taskId: string | null, message?: string): void;
  /**
   * Cancels a task of this core (in-process hosts). The worker's version returns false:
   * there CoreClient answers `tasks.cancel` itself.
   */
  cancel(taskId: string): boolean;
}

/** The message of a cancelled import. */
export const IMPORT_CANCELLED_MESSAGE = 'Import cancelled; nothing was imported.';

function thrower(isCancelled: (taskId: string | null) => boolean): Cancellation['throwIfCancelled'] {
  return (taskId, message = IMPORT_CANCELLED_MESSAGE) => {
    if (isCancelled(taskId)) throw new CoreError('cancelled', message);
  };
}

/** Nothing is ever cancelled: the command line (a person presses Ctrl+C instead). */
export const noCancellation: Cancellation = {
  isCancelled: () => false,
  throwIfCancelled: () => {},
  cancel: () => false,
};

/** An in-process cancellation (tests, a host without a worker): `cancel` marks the id, checks see it. */
export function localCancellation(): Cancellation & { clear(taskId: string): void } {
  const cancelled = new Set<string>();
  const isCancelled = (taskId: string | null): boolean => taskId !== null && cancelled.has(taskId);
  return {
    isCancelled,
    throwIfCancelled: thrower(isCancelled),
    cancel: (taskId) => {
      cancelled.add(taskId);
      return true;
    },
    clear: (taskId) => void cancelled.delete(taskId),
  };
}

/** The slot of one call, as the host assigned it with the request. */
export interface TaskTicket {
  taskId: string;
  slot: number;
  generation: number;
}

/** The worker's cancellation: reads the host's flags for the call that is running. */
export interface WorkerCancellation extends Cancellation {
  /** Runs one call with its ticket (or none) as the context `isCancelled` reads. */
  runTask<T>(ticket: TaskTicket | null, call: () => T): T;
}

/** The worker side of the shared flags; `buffer` is the SharedArrayBuffer the host passed in workerData. */
export function sharedCancellation(buffer: SharedArrayBuffer): WorkerCancellation {
  const flags = new Int32Array(buffer);
  // Per call, across its awaits: two calls that picked the same task id never see each other's flag.
  const current = new AsyncLocalStorage<TaskTicket>();
  const isCancelled = (taskId: string | null): boolean => {
    if (taskId === null) return false;
    const ticket = current.getStore();
    if (!ticket || ticket.taskId !== taskId || ticket.slot >= flags.length) return false;
    return Atomics.load(flags, ticket.slot) === ticket.generation;
  };
  return {
    isCancelled,
    throwIfCancelled: thrower(isCancelled),
    cancel: () => false,
    runTask: (ticket, call) => (ticket ? current.run(ticket, call) : call()),
  };
}

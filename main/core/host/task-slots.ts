/**
 * The host's half of cancellation (see cancellation.ts): a SharedArrayBuffer of flags shared with
 * the worker, a slot per call in flight that carries `input.taskId`, and the map from a client's
 * task id to its slots. Task ids are the caller's own, so they are kept per client: one window
 * can neither cancel another's task nor collide with its ids.
 */
import { fail, methods, ok, type Envelope } from '../contract/index.js';
import { describeZodError } from '../rpc/dispatch.js';
import type { TaskTicket } from './cancellation.js';

/** Slots for calls in flight with a task id; more at once than this run without being cancellable. */
export const TASK_SLOTS = 64;
const MAX_GENERATION = 0x7fffffff;
const TASK_ID_MAX = 64;

/** The host's registry of cancellable calls. */
export interface TaskSlots {
  /** The flags the worker reads (pass it in workerData). */
  readonly buffer: SharedArrayBuffer;
  /**
   * Claims a slot for a call whose input carries a task id; null when it carries none, or when
   * every slot is taken (the call then runs without being cancellable).
   */
  begin(clientKey: string, input: unknown): TaskTicket | null;
  /** The call answered: its slot is free again. */
  end(clientKey: string, ticket: TaskTicket): void;
  /** Marks the client's calls in flight with this task id as cancelled; false when there is none. */
  cancel(clientKey: string, taskId: string): boolean;
}

/** The task id a call's input carries, trimmed as the contract trims it; null when absent or malformed. */
export function taskIdOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const value = (input as { taskId?: unknown }).taskId;
  if (typeof value !== 'string') return null;
  const taskId = value.trim();
  return taskId.length > 0 && taskId.length <= TASK_ID_MAX ? taskId : null;
}

/** A registry of `size` slots over a new SharedArrayBuffer. */
export function createTaskSlots(size = TASK_SLOTS, onExhausted: (taskId: string) => void = () => {}): TaskSlots {
  const buffer = new SharedArrayBuffer(size * Int32Array.BYTES_PER_ELEMENT);
  const flags = new Int32Array(buffer);
  const free: number[] = Array.from({ length: size }, (_, i) => size - 1 - i);
  const byTask = new Map<string, Set<TaskTicket>>();
  let generation = 0;
  const keyOf = (clientKey: string, taskId: string): string => `${clientKey}\u0000${taskId}`;

  return {
    buffer,
    begin(clientKey, input) {
      const taskId = taskIdOf(input);
      if (taskId === null) return null;
      const slot = free.pop();
      if (slot === undefined) {
        onExhausted(taskId);
        return null;
      }
      generation = generation >= MAX_GENERATION ? 1 : generation + 1;
      // Cleared before the request is posted: the worker never sees a stale cancellation.
      Atomics.store(flags, slot, 0);
      const ticket: TaskTicket = { taskId, slot, generation };
      const key = keyOf(clientKey, taskId);
      const set = byTask.get(key) ?? new Set<TaskTicket>();
      set.add(ticket);
      byTask.set(key, set);
      return ticket;
    },
    end(clientKey, ticket) {
      const key = keyOf(clientKey, ticket.taskId);
      const set = byTask.get(key);
      if (!set?.delete(ticket)) return;
      if (set.size === 0) byTask.delete(key);
      Atomics.store(flags, ticket.slot, 0);
      free.push(ticket.slot);
    },
    cancel(clientKey, taskId) {
      const set = byTask.get(keyOf(clientKey, taskId));
      if (!set || set.size === 0) return false;
      for (const ticket of set) Atomics.store(flags, ticket.slot, ticket.generation);
      return true;
    },
  };
}

/**
 * CoreClient's answer to `tasks.cancel` (never forwarded: the worker is busy with the task).
 * Checked like the contract method: a logged-in client (`user` access) and the method's input.
 */
export function answerTaskCancel(tasks: TaskSlots, clientKey: string, loggedIn: boolean, input: unknown): Envelope<{ cancelled: boolean }> {
  if (!loggedIn) return fail({ code: 'unauthenticated', message: 'Please log in first.' });
  const parsed = methods['tasks.cancel'].input.safeParse(input ?? {});
  if (!parsed.success) return fail({ code: 'invalid_input', message: describeZodError(parsed.error) });
  return ok({ cancelled: tasks.cancel(clientKey, parsed.data.taskId) });
}

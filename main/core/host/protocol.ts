import { z } from 'zod';
import { coreErrorSchema, eventNames, type CoreErrorData, type Envelope } from '../contract/index.js';

/**
 * Messages between a CoreClient (host thread) and the core worker. Both sides validate what
 * they receive with these schemas: a malformed message is logged and answered, never trusted.
 */

/** What the host passes to the worker as `workerData`: every path the core needs. */
export const coreWorkerDataSchema = z.object({
  dbPath: z.string().min(1),
  migrationsDir: z.string().min(1),
  version: z.string().min(1),
  logFile: z.string().min(1).nullable(),
  logLevel: z.string().min(1),
  nativeBinding: z.string().min(1).optional(),
  /** bcrypt cost of new password hashes; only tests lower it (the core's default is the product's). */
  bcryptCost: z.number().int().min(4).max(15).optional(),
  /** Where API keys live: 'system' (default: the keychain when it answers) or 'memory' (tests: the machine's keychain is never touched). */
  secretStore: z.enum(['system', 'memory']).optional(),
  /** The cancellation flags CoreClient shares with the worker (task-slots.ts); CoreClient sets it. */
  cancelBuffer: z.instanceof(SharedArrayBuffer).optional(),
});
export type CoreWorkerData = z.infer<typeof coreWorkerDataSchema>;

const requestId = z.number().int().nonnegative();

/** Host → worker: run one call as the holder of `clientToken` (null: nobody logged in). */
export const invokeRequestSchema = z.object({
  type: z.literal('invoke'),
  id: requestId,
  clientToken: z.string().min(1).max(512).nullable(),
  method: z.string().max(200),
  input: z.unknown(),
  /** The cancellation slot of a call whose input carries a task id (see cancellation.ts). */
  task: z.object({
    taskId: z.string().min(1).max(64),
    slot: z.number().int().nonnegative(),
    generation: z.number().int().positive(),
  }).optional(),
});
export type InvokeRequest = z.infer<typeof invokeRequestSchema>;

/** Host → worker: finish the calls in flight, close the database, exit. */
export const closeRequestSchema = z.object({ type: z.literal('close') });

export const workerRequestSchema = z.discriminatedUnion('type', [invokeRequestSchema, closeRequestSchema]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: coreErrorSchema }),
]);

/**
 * Worker → host, the answer to one invoke. `sessionToken`: undefined = unchanged,
 * null = the client now holds no session, a string = the client's new session token.
 */
export const resultReplySchema = z.object({
  type: z.literal('result'),
  id: requestId,
  envelope: envelopeSchema,
  sessionToken: z.string().min(1).nullable().optional(),
});
export type ResultReply = z.infer<typeof resultReplySchema>;

export const workerReplySchema = z.discriminatedUnion('type', [
  /** The core is open and migrated; calls may flow. */
  z.object({ type: z.literal('ready') }),
  /** The core could not start (e.g. a database newer than the app); the worker then exits. */
  z.object({ type: z.literal('startup_failed'), error: coreErrorSchema }),
  resultReplySchema,
  z.object({ type: z.literal('event'), event: z.enum(eventNames as [string, ...string[]]), payload: z.unknown() }),
  /** The database is closed; the worker exits next. */
  z.object({ type: z.literal('closed') }),
]);
export type WorkerReply = z.infer<typeof workerReplySchema>;

/** A failure envelope with the code `internal` and a message fit for a person. */
export function internalFailure(message: string): Envelope<never> {
  const error: CoreErrorData = { code: 'internal', message };
  return { ok: false, error };
}

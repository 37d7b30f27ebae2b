import type { CoreErrorData } from './errors.js';

/** What every core call returns across a process boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: CoreErrorData };

/** Wraps a value as a success envelope. */
export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });

/** Wraps error data as a failure envelope. */
export const fail = (error: CoreErrorData): Envelope<never> => ({ ok: false, error });

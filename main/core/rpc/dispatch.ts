import { ZodError } from 'zod';
import {
  CoreError,
  fail,
  isMethodName,
  methods,
  ok,
  type Envelope,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type Role,
} from '../contract/index.js';
import type { Logger } from '../logger.js';

/** Who a call runs as: a logged-in user, or the local command line (userId null). */
export interface SessionInfo {
  userId: number | null;
  username: string;
  role: Role;
  expiresAt: string;
  /** The stored session row, so logout ends only this window's session (absent for the CLI). */
  sessionId?: number;
}

/** What a handler knows about its caller; hosts build one per call. */
export interface CallContext {
  session: SessionInfo | null;
  /** Handlers that log in or out tell the host which session token this client now holds (null: none). */
  setSessionToken(token: string | null): void;
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** One handler per contract method: a missing one is a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** Formats zod issues as one line a person can act on. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function checkAccess(method: MethodName, ctx: CallContext): void {
  const access = methods[method].access;
  if (access === 'public') return;
  if (!ctx.session) throw new CoreError('unauthenticated', 'Please log in first.');
  if (access !== 'user' && !access.includes(ctx.session.role)) {
    throw new CoreError('forbidden', `Your role (${ctx.session.role}) may not do this.`);
  }
}

/** Validates input, checks access, runs the handler and validates its output; never throws. */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  rawInput: unknown,
  ctx: CallContext,
  log: Logger,
): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    return fail({ code: 'unknown_method', message: `There is no method called ${JSON.stringify(String(method)).slice(0, 80)}.` });
  }
  try {
    checkAccess(method, ctx);
    const spec = methods[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return fail({ code: 'invalid_input', message: describeZodError(parsed.error) });
    }
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      log.error({ method, issues: checked.error.issues }, 'handler returned a value outside the contract');
      return fail({ code: 'internal', message: 'Cuadra produced an unexpected answer; the details are in the log.' });
    }
    return ok(checked.data);
  } catch (error) {
    if (error instanceof CoreError) return fail(error.toData());
    if (error instanceof ZodError) return fail({ code: 'invalid_input', message: describeZodError(error) });
    log.error({ method, err: error }, 'handler failed');
    return fail({ code: 'internal', message: 'Something went wrong inside Cuadra; the details are in the log.' });
  }
}

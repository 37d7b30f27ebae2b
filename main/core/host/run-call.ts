import { fail, isMethodName, methods } from '../contract/index.js';
import type { Core } from '../core.js';
import type { Logger } from '../logger.js';
import { dispatch, type CallContext } from '../rpc/dispatch.js';
import { internalFailure, type InvokeRequest, type ResultReply } from './protocol.js';

/**
 * Runs one call inside the worker as the holder of the request's session token and
 * reports any change of that token. Never throws: every failure becomes an envelope.
 */
export async function runCall(
  core: Pick<Core, 'handlers' | 'resolveSession'>,
  request: InvokeRequest,
  log: Logger,
): Promise<ResultReply> {
  const { id, clientToken, method, input } = request;
  // undefined = the client's token is unchanged; a handler that logs in or out overwrites it.
  let sessionToken: string | null | undefined;
  const reply = (envelope: ResultReply['envelope']): ResultReply =>
    sessionToken === undefined ? { type: 'result', id, envelope } : { type: 'result', id, envelope, sessionToken };
  try {
    const resolved = core.resolveSession(clientToken);
    // A token that stands for no live session is dropped, so the next call starts clean.
    if (clientToken !== null && (resolved === 'expired' || resolved === null)) sessionToken = null;
    if (resolved === 'expired' && isMethodName(method) && methods[method].access !== 'public') {
      return reply(fail({ code: 'session_expired', message: 'Your session has ended. Please log in again.' }));
    }
    const ctx: CallContext = {
      session: resolved === 'expired' ? null : resolved,
      setSessionToken: (token) => {
        sessionToken = token;
      },
    };
    return reply(await dispatch(core.handlers, method, input, ctx, log));
  } catch (error) {
    // dispatch never throws; this is resolveSession failing (e.g. the database went away).
    log.error({ err: error, method }, 'call failed before reaching its handler');
    return reply(internalFailure('Something went wrong inside Cuadra; the details are in the log.'));
  }
}

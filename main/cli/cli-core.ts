import { createCore, type Core } from '../core/core.js';
import type { Logger } from '../core/logger.js';
import { dispatch, type CallContext, type SessionInfo } from '../core/rpc/dispatch.js';
import type { MethodInput, MethodName, MethodOutput } from '../core/contract/index.js';
import { CliError, type CliCore, type CliIo } from './command.js';
import { openaiFromEnvironment } from './embedder-env.js';

/**
 * The local command line acts as the administrator of the file it opens and is
 * audited as 'cli' (userId null): whoever can write the file can change it anyway.
 */
export const cliSession: SessionInfo = {
  userId: null,
  username: 'cli',
  role: 'admin',
  expiresAt: '9999-12-31T23:59:59.000Z',
};

export interface OpenCliCoreOptions {
  dbPath: string;
  migrationsDir: string;
  version: string;
  logger: Logger;
  /** Whether the user already asked for --verbose (changes the hint on internal errors). */
  verbose: boolean;
  /** The process environment: `reconcile --embedder openai` reads its server from it (that run only). */
  env?: CliIo['env'];
}

/** A CLI-side core: in-process (no worker), every call dispatched with the CLI session. */
export interface OpenedCliCore extends CliCore {
  close(): void;
}

/** Opens the database and returns a `CliCore` whose refusals become `CliError`s. */
export function openCliCore(options: OpenCliCoreOptions): OpenedCliCore {
  const core: Core = createCore({
    dbPath: options.dbPath,
    migrations: options.migrationsDir,
    version: options.version,
    logger: options.logger,
    // Read when a run asks for 'openai', never stored; without it such a run uses the firm's server.
    ...(options.env ? { openaiOverride: () => openaiFromEnvironment(options.env ?? {}) } : {}),
  });
  const ctx: CallContext = { session: cliSession, setSessionToken: () => {} };
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const envelope = await dispatch(core.handlers, method, input, ctx, options.logger);
      if (envelope.ok) {
        // dispatch checked the value against the method's output schema.
        return envelope.value as MethodOutput<M>;
      }
      const { code, message } = envelope.error;
      if (code === 'internal') {
        throw new CliError(
          options.verbose
            ? 'something went wrong inside Cuadra; the details are in the log lines above'
            : 'something went wrong inside Cuadra; rerun with --verbose for the details',
          1,
          code,
        );
      }
      throw new CliError(message, 1, code);
    },
    close: () => core.close(),
  };
}

import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload } from './contract/index.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Logger } from './logger.js';
import { openDatabase } from './db/open.js';
import type { Migration } from './db/migrate.js';
import { createHandlers } from './handlers/index.js';
import type { Handlers, SessionInfo } from './rpc/dispatch.js';
import { resolveSession } from './auth/sessions.js';
import { DEFAULT_BCRYPT_COST } from './auth/passwords.js';
import { noCancellation, type Cancellation } from './host/cancellation.js';
import type { SecretStore } from './secrets/index.js';
import { createEmbeddingService, type EmbeddingService, type RemoteEmbedderSettings } from './embed/embedding-service.js';

/** Everything host-specific the core needs, passed in explicitly (no globals, no I/O at import time). */
export interface CoreOptions {
  dbPath: string;
  /** Folder of migrations (or the list) shipped with the app. */
  migrations: string | Migration[];
  version: string;
  logger: Logger;
  clock?: Clock;
  /** better-sqlite3 binary for another ABI (desktop run). */
  nativeBinding?: string;
  /** Pushes an event to every connected window; the CLI passes a no-op. */
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** bcrypt cost of new password hashes; 12 in the product, lowered only by tests to keep them fast. */
  bcryptCost?: number;
  /** Whether the caller cancelled a long task; the worker reads CoreClient's shared flags, the CLI never cancels. */
  cancellation?: Cancellation;
  /** Where API keys live (the shell's choice, a test's memory store); default: the keychain if it answers, else memory, chosen on first use. */
  secrets?: SecretStore;
  /** The server a run asking for 'openai' uses instead of the firm's (the CLI's environment); throws CoreError when incomplete. */
  openaiOverride?: () => RemoteEmbedderSettings;
}

/** What handlers and domain code receive: the open connection and the host's services. */
export interface CoreDeps {
  db: Database;
  version: string;
  logger: Logger;
  clock: Clock;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** bcrypt cost of new password hashes (12 unless a test lowered it). */
  bcryptCost: number;
  /** Long tasks ask it whether their caller cancelled them (`tasks.cancel`). */
  cancellation: Cancellation;
  /** The firm's embedders, embedding cache, explainer and API key (lazy: nothing connects at start-up). */
  embedding: EmbeddingService;
}

/** A running core: its handlers, session lookup and shutdown. */
export interface Core {
  deps: CoreDeps;
  handlers: Handlers;
  /** The session a token stands for: the session, 'expired' for a known but expired token, or null. */
  resolveSession(token: string | null): SessionInfo | 'expired' | null;
  close(): void;
}

/** Opens the database and wires the handlers; the one entry point every host uses. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.dbPath, {
    migrations: options.migrations,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const clock = options.clock ?? systemClock;
  const deps: CoreDeps = {
    db,
    version: options.version,
    logger: options.logger,
    clock,
    emit: options.emit ?? (() => {}),
    bcryptCost: options.bcryptCost ?? DEFAULT_BCRYPT_COST,
    cancellation: options.cancellation ?? noCancellation,
    embedding: createEmbeddingService({
      db,
      clock,
      logger: options.logger,
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.openaiOverride ? { openaiOverride: options.openaiOverride } : {}),
    }),
  };
  return {
    deps,
    handlers: createHandlers(deps),
    resolveSession: (token) => (token ? resolveSession(deps, token) : null),
    close: () => {
      if (db.open) db.close();
    },
  };
}

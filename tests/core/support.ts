// Shared by the core, db and contract tests: temp folders, a clock tests can step, a core
// opened on a real SQLite file, and a client that keeps its session token like a host does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../../main/core/core.js';
import { silentLogger } from '../../main/core/logger.js';
import { createMemoryStore } from '../../main/core/secrets/index.js';
import { dispatch, type SessionInfo } from '../../main/core/rpc/dispatch.js';
import {
  methods,
  type Envelope,
  type EventName,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../main/core/contract/index.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
/** bcrypt's lowest cost: tests hash in about a millisecond (the product uses 12). */
export const TEST_BCRYPT_COST = 4;
export const START = Date.parse('2025-03-03T09:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const PASSWORD = 'correct horse battery';

/** A temp folder per test, removed by `cleanup` (call it in afterEach). */
export function makeTempDir(): { dir: string; path(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cuadra-test-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock that stands still until a test moves it. */
export function steppingClock(start = START): { clock: () => Date; advance(ms: number): void; now(): number } {
  let now = start;
  return { clock: () => new Date(now), advance: (ms) => void (now += ms), now: () => now };
}

/** A core on a real database file, fast bcrypt, recording the events it emits. */
export function openTestCore(
  dbPath: string,
  clock: () => Date,
): Core & { events: Array<{ event: EventName; payload: unknown }> } {
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const core = createCore({
    dbPath,
    migrations: MIGRATIONS_DIR,
    version: '0.0.0-test',
    logger: silentLogger,
    clock,
    bcryptCost: TEST_BCRYPT_COST,
    emit: (event, payload) => events.push({ event, payload }),
    // API keys stay in this process: a test never reaches the machine's keychain.
    secrets: createMemoryStore(),
  });
  return Object.assign(core, { events });
}

/** The session the command line runs as. */
export const cliSession: SessionInfo = { userId: null, username: 'cli', role: 'admin', expiresAt: '2099-01-01T00:00:00.000Z' };

/** One window of a host: keeps its session token and answers expired sessions as the host does. */
export class TestClient {
  token: string | null = null;
  constructor(
    private readonly core: Core,
    private readonly fixedSession: SessionInfo | null = null,
  ) {}

  /** Calls a method and returns the envelope. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Envelope<MethodOutput<M>>> {
    return (await this.raw(method, input)) as Envelope<MethodOutput<M>>;
  }

  /** Calls anything, unchecked: for tests of bad input. */
  async raw(method: string, input: unknown): Promise<Envelope<unknown>> {
    const resolved = this.fixedSession ?? this.core.resolveSession(this.token);
    const isPublic = (methods as Record<string, { access: unknown }>)[method]?.access === 'public';
    if (resolved === 'expired' && !isPublic) {
      return { ok: false, error: { code: 'session_expired', message: 'Your session has ended. Please log in again.' } };
    }
    return dispatch(
      this.core.handlers,
      method,
      input,
      {
        session: resolved === 'expired' ? null : resolved,
        setSessionToken: (token) => {
          this.token = token;
        },
      },
      silentLogger,
    );
  }

  /** Calls a method that must succeed and returns its value. */
  async ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const envelope = await this.call(method, input);
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  }

  /** Calls a method that must fail and returns its error. */
  async err<M extends MethodName>(method: M, input: MethodInput<M>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
    const envelope = await this.call(method, input);
    if (envelope.ok) throw new Error(`${method} succeeded but was expected to fail`);
    return envelope.error;
  }
}

/** Sets the firm up with an administrator 'ana' and returns her logged-in client. */
export async function setUpFirm(core: Core): Promise<TestClient> {
  const admin = new TestClient(core);
  await admin.ok('auth.setup', { firmName: 'Asesoría Pérez', username: 'ana', displayName: 'Ana Pérez', password: PASSWORD });
  return admin;
}

/** Creates a user with a role (as `admin`) and returns that user's logged-in client. */
export async function addUser(core: Core, admin: TestClient, username: string, role: 'admin' | 'preparer' | 'reviewer'): Promise<TestClient> {
  await admin.ok('users.create', { username, displayName: username, role, password: PASSWORD });
  const client = new TestClient(core);
  await client.ok('auth.login', { username, password: PASSWORD });
  return client;
}

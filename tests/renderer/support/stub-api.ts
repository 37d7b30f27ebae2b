import type {
  AuditEntry,
  BankAccount,
  Company,
  CoreErrorData,
  Envelope,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  User,
} from '../../../main/core/contract/index.js';
import type { Api } from '../../../preload/bridge.js';

type Reply<M extends MethodName> = Envelope<MethodOutput<M>> | ((input: MethodInput<M>) => Envelope<MethodOutput<M>> | Promise<Envelope<MethodOutput<M>>>);
export type StubReplies = { [M in MethodName]?: Reply<M> };

export interface Recorded {
  method: MethodName;
  input: unknown;
}

/** An Api that records every call and answers from a table of envelopes (or functions returning them). */
export interface StubApi extends Api {
  calls: Recorded[];
  replies: StubReplies;
  /** Inputs of every call to one method, in order. */
  inputsOf<M extends MethodName>(method: M): MethodInput<M>[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (code: CoreErrorData['code'], message: string = code, details?: Record<string, unknown>): Envelope<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** Creates a stub api; a method without a reply answers `unknown_method`, so a missing stub is visible. */
export function createStubApi(replies: StubReplies = {}): StubApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: Recorded[] = [];
  const api: StubApi = {
    calls,
    replies,
    inputsOf: <M extends MethodName>(method: M) => calls.filter((c) => c.method === method).map((c) => c.input as MethodInput<M>),
    invoke: async (method, input) => {
      calls.push({ method, input });
      const reply = api.replies[method] as Reply<typeof method> | undefined;
      if (reply === undefined) return fail('unknown_method', `no stub for ${method}`) as never;
      return (typeof reply === 'function' ? await reply(input) : reply) as never;
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
  return api;
}

/** A Map-backed storage, standing in for localStorage. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

const AT = '2024-03-05T10:00:00.000Z';

export const makeUser = (over: Partial<User> = {}): User => ({
  id: 1, username: 'ana', displayName: 'Ana Ruiz', role: 'admin', active: true, lockedUntil: null, createdAt: AT, ...over,
});
export const makeCompany = (over: Partial<Company> = {}): Company => ({
  id: 1, name: 'Acme SL', taxId: 'B12345678', archived: false, createdAt: AT, ...over,
});
export const makeAccount = (over: Partial<BankAccount> = {}): BankAccount => ({
  id: 1, companyId: 1, name: 'Main account', iban: 'ES9121000418450200051332', number: null, currency: 'EUR', archived: false, createdAt: AT, ...over,
});
export const makeAudit = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1, at: AT, userId: 1, username: 'ana', companyId: 1, action: 'company.create', entity: 'company', entityId: '1', details: {}, ...over,
});

/** Replies for a logged-in admin with the given companies and accounts. */
export function loggedInReplies(options: { user?: User; companies?: Company[]; accounts?: BankAccount[] } = {}): StubReplies {
  const user = options.user ?? makeUser();
  return {
    'app.info': ok({ version: '0.1.0', firmName: 'Gestoría López', setupRequired: false }),
    'auth.session': ok({ user, expiresAt: '2030-01-01T00:00:00.000Z' }),
    'companies.list': ok(options.companies ?? [makeCompany()]),
    'accounts.list': ok(options.accounts ?? [makeAccount()]),
    'users.list': ok([user]),
    'audit.list': ok([]),
    'auth.logout': ok({}),
  };
}

/** Waits until pending promise callbacks have run. */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

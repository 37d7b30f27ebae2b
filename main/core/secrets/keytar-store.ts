/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux)
 * through keytar. keytar is a native module: it is loaded on the first call, not at import,
 * so a machine without it (or without a keychain) can still start and choose another store.
 */
import { checkAccount, checkSecret, errorText, SecretStoreError, type SecretStore } from './secret-store.js';

/** The three keytar functions the store uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** What loading keytar may give: its functions, or (CommonJS through `import()`) a namespace with them under `default`. */
export type KeytarModule = KeytarApi | { default: KeytarApi };

function isKeytarApi(value: unknown): value is KeytarApi {
  const v = value as Partial<KeytarApi> | null;
  return !!v && typeof v.getPassword === 'function' && typeof v.setPassword === 'function' && typeof v.deletePassword === 'function';
}

/** A `SecretStore` in the OS keychain under `service`; keytar is loaded by `loadKeytar` on first use. */
export function createKeytarStore(service = 'Cuadra', loadKeytar: () => Promise<KeytarModule> = () => import('keytar')): SecretStore {
  let loading: Promise<KeytarApi> | null = null;

  function keytar(): Promise<KeytarApi> {
    loading ??= loadKeytar().then(
      (mod) => {
        const api = isKeytarApi(mod) ? mod : (mod as { default?: unknown }).default;
        if (!isKeytarApi(api)) throw new SecretStoreError('unavailable', 'the keytar module has no getPassword/setPassword/deletePassword');
        return api;
      },
      (error: unknown) => {
        throw new SecretStoreError('unavailable', `the system keychain module (keytar) could not be loaded: ${errorText(error)}`);
      },
    );
    // A failed load is retried on the next call (the library may be installed meanwhile).
    loading.catch(() => {
      loading = null;
    });
    return loading;
  }

  async function call<T>(action: string, run: (api: KeytarApi) => Promise<T>): Promise<T> {
    const api = await keytar();
    try {
      return await run(api);
    } catch (error) {
      // keytar's messages name the failure ("Cannot autolaunch D-Bus…", "Object does not exist at path…"), never the secret.
      throw new SecretStoreError('unavailable', `the system keychain could not ${action}: ${errorText(error)}`);
    }
  }

  return {
    kind: 'keychain',
    async get(account) {
      checkAccount(account);
      return call('read the secret', (api) => api.getPassword(service, account));
    },
    async set(account, secret) {
      checkAccount(account);
      checkSecret(secret);
      await call('store the secret', (api) => api.setPassword(service, account, secret));
    },
    async delete(account) {
      checkAccount(account);
      return call('delete the secret', (api) => api.deletePassword(service, account));
    },
  };
}

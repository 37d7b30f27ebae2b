import { silentLogger, type Logger } from '../logger.js';
import { createKeytarStore } from './keytar-store.js';
import { createMemoryStore } from './memory-store.js';
import type { SafeStorageStore } from './safe-storage-store.js';
import { errorText, type SecretStore } from './secret-store.js';

/** Options of `chooseSecretStore`: each candidate is passed in; nothing is probed before the call. */
export interface ChooseSecretStoreOptions {
  /** The keychain store to probe (default `createKeytarStore()`); null to skip the keychain. */
  keychain?: SecretStore | null;
  /** The Electron host's safeStorage store; absent in the CLI and browser hosts. */
  safeStorage?: SafeStorageStore | null;
  /** How long the keychain may take to answer the probe (default 5 s). */
  probeTimeoutMs?: number;
  logger?: Logger;
}

/** The chosen store and a sentence for the settings screen saying why. */
export interface ChosenSecretStore {
  store: SecretStore;
  reason: string;
}

/** An account nobody stores under: reading it answers null when the keychain works. */
export const PROBE_ACCOUNT = 'cuadra-keychain-probe';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the system keychain did not answer within ${ms / 1000} s`)), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Picks where secrets live: the OS keychain when it answers a probe read, else safeStorage
 * (which itself refuses to store under Linux's 'basic_text' unless weak protection was
 * accepted), else memory (secrets last until the app closes), with the reason in words.
 */
export async function chooseSecretStore(options: ChooseSecretStoreOptions = {}): Promise<ChosenSecretStore> {
  const logger = options.logger ?? silentLogger;
  const keychain = options.keychain === undefined ? createKeytarStore() : options.keychain;
  let keychainProblem = 'no keychain was offered';
  if (keychain) {
    try {
      await withTimeout(keychain.get(PROBE_ACCOUNT), options.probeTimeoutMs ?? 5000);
      return { store: keychain, reason: 'secrets are kept in the system keychain' };
    } catch (error) {
      keychainProblem = errorText(error);
      logger.warn({ reason: keychainProblem }, 'system keychain unavailable');
    }
  }
  if (options.safeStorage) {
    const p = options.safeStorage.protection();
    const how = p.weak ? 'without a keyring: storing needs your consent to weak protection' : 'encrypted by the operating system';
    return { store: options.safeStorage, reason: `${keychainProblem}; secrets are kept by Electron safeStorage, ${how}` };
  }
  return { store: createMemoryStore(), reason: `${keychainProblem} and safeStorage is not available here; secrets are kept only until the app closes` };
}

import { checkAccount, checkSecret, type SecretStore } from './secret-store.js';

/** A store that forgets everything when the process ends: for tests, and the last resort of `chooseSecretStore`. */
export function createMemoryStore(initial: Iterable<readonly [string, string]> = []): SecretStore {
  const secrets = new Map<string, string>(initial);
  return {
    kind: 'memory',
    async get(account) {
      checkAccount(account);
      return secrets.get(account) ?? null;
    },
    async set(account, secret) {
      checkAccount(account);
      checkSecret(secret);
      secrets.set(account, secret);
    },
    async delete(account) {
      checkAccount(account);
      return secrets.delete(account);
    },
  };
}

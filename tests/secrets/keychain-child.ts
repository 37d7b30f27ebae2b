// Run by keychain.test.ts in a child process (under dbus-run-session with an unlocked
// gnome-keyring, or deliberately without a session bus). Prints one JSON line of results.
import { chooseSecretStore, createKeytarStore, SecretStoreError } from '../../main/core/secrets/index.js';

const [mode, service] = process.argv.slice(2);
if (!service || (mode !== 'roundtrip' && mode !== 'no-bus')) {
  console.error('usage: keychain-child.ts roundtrip|no-bus <service>');
  process.exit(2);
}

async function roundtrip(name: string): Promise<Record<string, unknown>> {
  const store = createKeytarStore(name);
  const account = 'embeddings:http://127.0.0.1/v1';
  const out: Record<string, unknown> = { kind: store.kind };
  out.before = await store.get(account);
  await store.set(account, 'sk-keychain-first');
  out.afterSet = await store.get(account);
  await store.set(account, 'sk-keychain-second');
  out.afterReplace = await store.get(account);
  out.otherService = await createKeytarStore(`${name}-other`).get(account);
  out.deleted = await store.delete(account);
  out.deletedAgain = await store.delete(account);
  out.afterDelete = await store.get(account);
  out.chosen = (await chooseSecretStore({ keychain: store, safeStorage: null })).store.kind;
  return out;
}

async function noBus(name: string): Promise<Record<string, unknown>> {
  const store = createKeytarStore(name);
  const error = await store.get('anything').then(
    () => null,
    (e: unknown) => e,
  );
  const chosen = await chooseSecretStore({ keychain: store, safeStorage: null });
  return {
    errorCode: error instanceof SecretStoreError ? error.code : String(error),
    errorMessage: error instanceof Error ? error.message : null,
    chosen: chosen.store.kind,
    reason: chosen.reason,
  };
}

const result = mode === 'roundtrip' ? await roundtrip(service) : await noBus(service);
console.log(JSON.stringify(result));

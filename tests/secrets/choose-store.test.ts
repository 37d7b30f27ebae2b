// Choosing where secrets live, and the keytar store's behaviour when keytar or the keychain
// fails (the real keychain is exercised in keychain.test.ts).
import { describe, expect, it } from 'vitest';
import { chooseSecretStore, createKeytarStore, createMemoryStore, createSafeStorageStore, PROBE_ACCOUNT, SecretStoreError, type KeytarApi, type SecretStore } from '../../main/core/secrets/index.js';
import { createRecordingLogger } from '../support/openai-stub.js';

/** An in-process keychain with keytar's three functions, that can be made to fail or hang. */
function fakeKeytar(mode: 'ok' | 'fail' | 'hang' = 'ok'): KeytarApi & { calls: string[] } {
  const items = new Map<string, string>();
  const calls: string[] = [];
  const act = async <T>(name: string, value: () => T): Promise<T> => {
    calls.push(name);
    if (mode === 'fail') throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    if (mode === 'hang') return new Promise<T>(() => {});
    return value();
  };
  return {
    calls,
    getPassword: (s, a) => act('get', () => items.get(`${s}/${a}`) ?? null),
    setPassword: (s, a, p) => act('set', () => void items.set(`${s}/${a}`, p)),
    deletePassword: (s, a) => act('delete', () => items.delete(`${s}/${a}`)),
  };
}

const safeStorageStore = (backend: string) =>
  createSafeStorageStore(
    { isEncryptionAvailable: () => true, encryptString: (s) => Buffer.from(s), decryptString: (b) => b.toString(), getSelectedStorageBackend: () => backend },
    '/nonexistent/never-written.json',
  );

describe('createKeytarStore', () => {
  it('loads keytar on first use only, under the given service, and accepts a CommonJS default export', async () => {
    const keytar = fakeKeytar();
    let loads = 0;
    const store = createKeytarStore('Cuadra-unit', async () => (loads++, { default: keytar }));
    expect(loads).toBe(0);
    await store.set('a', 'secret');
    expect(await store.get('a')).toBe('secret');
    expect(await keytar.getPassword('Cuadra-unit', 'a')).toBe('secret');
    expect(await store.delete('a')).toBe(true);
    expect(loads).toBe(1);
  });

  it('turns a keytar that cannot load, or a keychain that fails, into "unavailable" errors', async () => {
    let attempts = 0;
    const missing = createKeytarStore('Cuadra-unit', async () => {
      attempts++;
      throw new Error('Cannot find module keytar.node');
    });
    await expect(missing.get('a')).rejects.toMatchObject({ code: 'unavailable', message: 'the system keychain module (keytar) could not be loaded: Cannot find module keytar.node' });
    await expect(missing.get('a')).rejects.toBeInstanceOf(SecretStoreError);
    expect(attempts).toBe(2); // a failed load is tried again next time

    const broken = createKeytarStore('Cuadra-unit', async () => fakeKeytar('fail'));
    await expect(broken.set('a', 'sk-secret')).rejects.toMatchObject({ code: 'unavailable', message: 'the system keychain could not store the secret: Cannot autolaunch D-Bus without X11 $DISPLAY' });
  });
});

describe('chooseSecretStore', () => {
  it('picks the keychain when it answers the probe read', async () => {
    const keytar = fakeKeytar();
    const keychain = createKeytarStore('Cuadra-unit', async () => keytar);
    const chosen = await chooseSecretStore({ keychain, safeStorage: safeStorageStore('gnome_libsecret') });
    expect(chosen).toEqual({ store: keychain, reason: 'secrets are kept in the system keychain' });
    expect(keytar.calls).toEqual(['get']);
    expect(PROBE_ACCOUNT).toBe('cuadra-keychain-probe');
  });

  it('falls back to safeStorage when the keychain fails, saying why and how well it protects', async () => {
    const log = createRecordingLogger();
    const safe = safeStorageStore('gnome_libsecret');
    const chosen = await chooseSecretStore({ keychain: createKeytarStore('Cuadra-unit', async () => fakeKeytar('fail')), safeStorage: safe, logger: log.logger });
    expect(chosen.store).toBe(safe);
    expect(chosen.reason).toBe('the system keychain could not read the secret: Cannot autolaunch D-Bus without X11 $DISPLAY; secrets are kept by Electron safeStorage, encrypted by the operating system');
    expect(log.entries.map((e) => e.msg)).toEqual(['system keychain unavailable']);
    const weak = await chooseSecretStore({ keychain: null, safeStorage: safeStorageStore('basic_text') });
    expect(weak.reason).toBe('no keychain was offered; secrets are kept by Electron safeStorage, without a keyring: storing needs your consent to weak protection');
  });

  it('does not wait forever for a keychain that never answers', async () => {
    const started = Date.now();
    const chosen = await chooseSecretStore({ keychain: createKeytarStore('Cuadra-unit', async () => fakeKeytar('hang')), safeStorage: null, probeTimeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(chosen.store.kind).toBe('memory');
    expect(chosen.reason).toBe('the system keychain did not answer within 0.1 s and safeStorage is not available here; secrets are kept only until the app closes');
  });

  it('a memory store given as the keychain still answers the probe (any SecretStore can be offered)', async () => {
    const memory: SecretStore = createMemoryStore();
    expect((await chooseSecretStore({ keychain: memory })).store).toBe(memory);
  });
});

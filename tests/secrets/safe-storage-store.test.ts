// The safeStorage store with a stand-in for Electron's safeStorage (Electron cannot run here):
// real AES-GCM encryption, a selectable Linux backend, and a real file on disk.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageStore, type SafeStorageLike } from '../../main/core/secrets/index.js';

/** Behaves like Electron's safeStorage: encrypts with a per-"OS user" key; `backend` is what Linux reports. */
function fakeSafeStorage(backend: string | null, key = randomBytes(32)): SafeStorageLike & { available: boolean } {
  const fake = {
    available: true,
    isEncryptionAvailable: () => fake.available,
    encryptString(plain: string): Buffer {
      if (!fake.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
    },
    decryptString(data: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(3, 15));
      decipher.setAuthTag(data.subarray(15, 31));
      return Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
    },
    ...(backend === null ? {} : { getSelectedStorageBackend: () => backend }),
  };
  return fake;
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cuadra-secrets-'));
  file = join(dir, 'profile', 'secrets.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createSafeStorageStore', () => {
  it('round-trips secrets through an encrypted file (mode 0600) that a new store reads back', async () => {
    const safeStorage = fakeSafeStorage('gnome_libsecret');
    const store = createSafeStorageStore(safeStorage, file);
    expect(store.kind).toBe('safe_storage');
    expect(store.protection()).toEqual({ available: true, backend: 'gnome_libsecret', weak: false });
    await store.set('embeddings', 'sk-live-very-secret');
    await store.set('sync', 'pg-pass');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('sk-live-very-secret');
    expect(JSON.parse(text)).toMatchObject({ format: 'cuadra-secrets', version: 1 });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const reopened = createSafeStorageStore(safeStorage, file);
    expect(await reopened.get('embeddings')).toBe('sk-live-very-secret');
    expect(await reopened.get('sync')).toBe('pg-pass');
    expect(await reopened.delete('sync')).toBe(true);
    expect(await reopened.delete('sync')).toBe(false);
    expect(await createSafeStorageStore(safeStorage, file).get('sync')).toBeNull();
  });

  it('touches no file until used, and answers null when there is no file yet', async () => {
    const store = createSafeStorageStore(fakeSafeStorage('kwallet5'), file);
    expect(() => statSync(join(dir, 'profile'))).toThrow();
    expect(await store.get('embeddings')).toBeNull();
    expect(await store.delete('embeddings')).toBe(false);
  });

  it("refuses to store under Linux's basic_text (a built-in key) unless weak protection was accepted", async () => {
    const weak = fakeSafeStorage('basic_text');
    const store = createSafeStorageStore(weak, file);
    expect(store.protection()).toEqual({ available: true, backend: 'basic_text', weak: true });
    await expect(store.set('embeddings', 'sk-1')).rejects.toMatchObject({ name: 'SecretStoreError', code: 'weak_protection', message: expect.stringContaining('accept weak protection') });
    expect(() => statSync(file)).toThrow();

    const accepted = createSafeStorageStore(weak, file, { acceptWeakProtection: true });
    await accepted.set('embeddings', 'sk-1');
    expect(await accepted.get('embeddings')).toBe('sk-1');
  });

  it('works where there is no backend to report (macOS, Windows)', async () => {
    const store = createSafeStorageStore(fakeSafeStorage(null), file);
    expect(store.protection()).toEqual({ available: true, backend: null, weak: false });
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
  });

  it('says when safeStorage cannot encrypt or is not ready yet', async () => {
    const off = fakeSafeStorage('gnome_libsecret');
    off.available = false;
    await expect(createSafeStorageStore(off, file).set('k', 'v')).rejects.toMatchObject({ code: 'unavailable' });
    await expect(createSafeStorageStore(fakeSafeStorage('unknown'), file).set('k', 'v')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('not ready') });
  });

  it('reports a damaged file or a changed keyring as corrupt, with what to do', async () => {
    const store = createSafeStorageStore(fakeSafeStorage('gnome_libsecret'), file);
    await store.set('k', 'v');
    await expect(createSafeStorageStore(fakeSafeStorage('gnome_libsecret'), file).get('k')).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('could not be decrypted') });
    writeFileSync(file, '{"format":"something else"}');
    await expect(store.get('k')).rejects.toMatchObject({ code: 'corrupt', message: expect.stringContaining('delete it and enter the keys again') });
  });

  it('keeps every entry when several are stored at once', async () => {
    const safeStorage = fakeSafeStorage('gnome_libsecret');
    const store = createSafeStorageStore(safeStorage, file);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.set(`account-${i}`, `secret-${i}`)));
    const reopened = createSafeStorageStore(safeStorage, file);
    for (let i = 0; i < 10; i++) expect(await reopened.get(`account-${i}`)).toBe(`secret-${i}`);
  });
});

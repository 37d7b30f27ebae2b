/**
 * Secrets encrypted with Electron's safeStorage and kept in one JSON file (mode 0600). The
 * shell passes `safeStorage` in (the core never imports electron). On Linux without a
 * keyring Electron recognises, safeStorage silently falls back to 'basic_text', a key
 * hard-coded in Chromium, which protects nothing: this store then refuses to store unless
 * the person explicitly accepted weak protection.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkAccount, checkSecret, errorText, SecretStoreError, type SecretStore } from './secret-store.js';

/** The part of Electron's `safeStorage` this store uses (Electron's object satisfies it). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' (before app 'ready'). */
  getSelectedStorageBackend?(): string;
}

/** How well safeStorage protects secrets on this machine. */
export interface SafeStorageProtection {
  available: boolean;
  /** The Linux backend, or null on macOS and Windows (which always use the OS keychain / DPAPI). */
  backend: string | null;
  /** True for 'basic_text': the encryption key is public. */
  weak: boolean;
}

/** Options of `createSafeStorageStore`. */
export interface SafeStorageStoreOptions {
  /** Store even when protection is weak ('basic_text'); only after the person agreed to it. */
  acceptWeakProtection?: boolean;
}

/** A safeStorage-backed store that can also say how well it protects. */
export interface SafeStorageStore extends SecretStore {
  readonly kind: 'safe_storage';
  protection(): SafeStorageProtection;
}

interface SecretsFile {
  format: 'cuadra-secrets';
  version: 1;
  /** account → base64 of safeStorage's ciphertext */
  entries: Record<string, string>;
}

/** A `SecretStore` in `file`, encrypted by `safeStorage`; the file is read on first use, not now. */
export function createSafeStorageStore(safeStorage: SafeStorageLike, file: string, options: SafeStorageStoreOptions = {}): SafeStorageStore {
  // Writes are queued so that two quick `set`s cannot lose each other's entry.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };

  function protection(): SafeStorageProtection {
    const available = safeStorage.isEncryptionAvailable();
    const backend = typeof safeStorage.getSelectedStorageBackend === 'function' ? safeStorage.getSelectedStorageBackend() : null;
    return { available, backend, weak: backend === 'basic_text' };
  }

  function requireEncryption(forWriting: boolean): void {
    const p = protection();
    if (p.backend === 'unknown') throw new SecretStoreError('unavailable', 'safeStorage is not ready yet (it can be used only after the app is ready)');
    if (!p.available) throw new SecretStoreError('unavailable', 'safeStorage cannot encrypt on this system');
    if (forWriting && p.weak && !options.acceptWeakProtection) {
      throw new SecretStoreError(
        'weak_protection',
        'no keyring is available (GNOME Keyring, KWallet), so safeStorage would protect the secret only with a built-in key: ' +
          'unlock or install a keyring, or accept weak protection in the settings',
      );
    }
  }

  async function load(): Promise<SecretsFile> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { format: 'cuadra-secrets', version: 1, entries: {} };
      throw new SecretStoreError('unavailable', `the secrets file could not be read: ${errorText(error)}`);
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretsFile>;
      if (parsed.format !== 'cuadra-secrets' || parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('unknown layout');
      return { format: 'cuadra-secrets', version: 1, entries: { ...parsed.entries } };
    } catch (error) {
      throw new SecretStoreError('corrupt', `the secrets file ${file} is damaged (${errorText(error)}): delete it and enter the keys again`);
    }
  }

  /** Replaces the file atomically (temp file + rename), readable by the owner only. */
  async function save(data: SecretsFile): Promise<void> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  }

  return {
    kind: 'safe_storage',
    protection,
    async get(account) {
      checkAccount(account);
      const data = await serial(load);
      const stored = Object.hasOwn(data.entries, account) ? data.entries[account] : undefined;
      if (typeof stored !== 'string') return null;
      requireEncryption(false);
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch (error) {
        throw new SecretStoreError('corrupt', `the stored secret could not be decrypted (was the keyring changed or reset?): ${errorText(error)}`);
      }
    },
    async set(account, secret) {
      checkAccount(account);
      checkSecret(secret);
      requireEncryption(true);
      const encrypted = safeStorage.encryptString(secret).toString('base64');
      await serial(async () => {
        const data = await load();
        data.entries[account] = encrypted;
        await save(data);
      });
    },
    async delete(account) {
      checkAccount(account);
      return serial(async () => {
        const data = await load();
        if (!Object.hasOwn(data.entries, account)) return false;
        delete data.entries[account];
        await save(data);
        return true;
      });
    },
  };
}

/**
 * Where the app keeps secrets it must send later (API keys of embedding and chat servers,
 * sync credentials): the OS keychain through keytar, Electron's safeStorage, or memory for
 * tests. Callers hold a `SecretStore` and never learn which one it is beyond `kind`.
 */

/** A place that keeps secrets by account name (e.g. "embeddings:https://api.openai.com/v1"). */
export interface SecretStore {
  /** The secret stored under `account`, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Stores (or replaces) the secret under `account`. */
  set(account: string, secret: string): Promise<void>;
  /** Removes it; true when there was something to remove. */
  delete(account: string): Promise<boolean>;
  readonly kind: 'keychain' | 'safe_storage' | 'memory';
}

/** Closed codes of secret store failures. */
export type SecretStoreErrorCode =
  /** The keychain or safeStorage did not answer, or is not usable on this system. */
  | 'unavailable'
  /** safeStorage would keep the secret under a built-in key (Linux 'basic_text'): refused. */
  | 'weak_protection'
  /** An account name or secret the store does not accept. */
  | 'invalid_input'
  /** The stored data could not be read back (damaged file, changed keyring). */
  | 'corrupt';

/** A secret store failure with a closed code and a message fit for a person (never the secret). */
export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  constructor(
    readonly code: SecretStoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Longest account name accepted (keychains have limits; ours are short). */
export const MAX_ACCOUNT_LENGTH = 200;

/** Throws `invalid_input` unless `account` is a non-empty name of reasonable length. */
export function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.trim() === '' || account.length > MAX_ACCOUNT_LENGTH) {
    throw new SecretStoreError('invalid_input', `a secret's account name must be 1 to ${MAX_ACCOUNT_LENGTH} characters`);
  }
}

/** Throws `invalid_input` unless `secret` is a non-empty string (delete instead of storing ""). */
export function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret === '') {
    throw new SecretStoreError('invalid_input', 'an empty secret cannot be stored: delete it instead');
  }
}

/** The message of an unknown thrown value. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

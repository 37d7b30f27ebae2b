import bcrypt from 'bcrypt';
import { CoreError } from '../contract/index.js';

/** bcrypt cost of the product (about 200 ms a hash on a laptop). */
export const DEFAULT_BCRYPT_COST = 12;
/** Fewest characters (code points) a new password may have. */
export const MIN_PASSWORD_CHARS = 10;
/** bcrypt reads at most 72 bytes: longer passwords are refused, never silently truncated. */
export const MAX_PASSWORD_BYTES = 72;

/** Throws `password_too_long` when the UTF-8 form exceeds what bcrypt reads (checked at login too). */
export function assertPasswordFitsBcrypt(password: string): void {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes > MAX_PASSWORD_BYTES) {
    throw new CoreError(
      'password_too_long',
      `This password is ${bytes} bytes long in UTF-8; Cuadra accepts at most ${MAX_PASSWORD_BYTES} bytes ` +
        '(72 plain letters, fewer with accents or emoji). Choose a shorter one.',
      { bytes, maxBytes: MAX_PASSWORD_BYTES },
    );
  }
}

/** Throws `password_too_long` / `password_too_weak` when a new password breaks the policy. */
export function checkPasswordPolicy(password: string, username?: string): void {
  assertPasswordFitsBcrypt(password);
  const chars = [...password].length;
  if (chars < MIN_PASSWORD_CHARS) {
    throw new CoreError('password_too_weak', `A password needs at least ${MIN_PASSWORD_CHARS} characters; this one has ${chars}.`, {
      minChars: MIN_PASSWORD_CHARS,
    });
  }
  if (username !== undefined && password.trim().toLowerCase() === username.trim().toLowerCase()) {
    throw new CoreError('password_too_weak', 'The password may not be the username.');
  }
}

/** Checks the policy, then hashes with bcrypt at `cost`. */
export async function hashPassword(password: string, cost: number, username?: string): Promise<string> {
  checkPasswordPolicy(password, username);
  return bcrypt.hash(password, cost);
}

/** Hashes an already accepted password again at `cost` (its policy was checked when it was set). */
export async function rehashPassword(password: string, cost: number): Promise<string> {
  assertPasswordFitsBcrypt(password);
  return bcrypt.hash(password, cost);
}

/** True when `password` matches the stored bcrypt hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  assertPasswordFitsBcrypt(password);
  return bcrypt.compare(password, hash);
}

// One throwaway hash per cost, made on first use: compared against when a username is unknown.
const dummyHashes = new Map<number, Promise<string>>();

/** Spends one bcrypt compare at `cost` so an unknown username takes as long as a wrong password. */
export async function spendDummyCompare(password: string, cost: number): Promise<void> {
  let dummy = dummyHashes.get(cost);
  if (!dummy) {
    dummy = bcrypt.hash('cuadra-no-such-user', cost);
    dummyHashes.set(cost, dummy);
  }
  await bcrypt.compare(password, await dummy);
}

/** True when a stored hash was made at a lower cost than the current one. */
export function needsRehash(hash: string, cost: number): boolean {
  try {
    return bcrypt.getRounds(hash) < cost;
  } catch {
    return true;
  }
}

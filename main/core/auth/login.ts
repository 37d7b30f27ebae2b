import { CoreError, type User } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import type { SessionInfo } from '../rpc/dispatch.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { findUserById, findUserByUsername, setLoginState, setPasswordHash, toUser } from '../db/repos/users-repo.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { assertPasswordFitsBcrypt, needsRehash, rehashPassword, spendDummyCompare, verifyPassword } from './passwords.js';
import { isLocked, lockDurationMs } from './lockout.js';
import { createSession, endSession, purgeEndedSessions, sessionIdOf } from './sessions.js';

/** A successful login: the user, the token for the host to keep, and when the session ends if idle. */
export interface LoginResult {
  user: User;
  token: string;
  expiresAt: string;
}

const WRONG_CREDENTIALS = 'Wrong username or password.';
const NOBODY: AuditActor = { userId: null, username: null };

/** The error of an attempt on a locked account: when it unlocks is in the details. */
export function accountLockedError(lockedUntil: string, now: Date): CoreError {
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
  return new CoreError(
    'account_locked',
    `Too many failed logins: this account is locked until ${lockedUntil.slice(11, 19)} UTC (${retryAfterSeconds} s).`,
    { lockedUntil, retryAfterSeconds },
  );
}

type Outcome = { ok: true; result: LoginResult; passwordHash: string } | { ok: false; error: CoreError };

/**
 * Checks a username and password and opens a session. A locked account answers
 * `account_locked` without the password being checked; an unknown username still spends a
 * bcrypt compare; failures count towards the lock and success resets the count.
 */
export async function login(deps: CoreDeps, usernameInput: string, password: string): Promise<LoginResult> {
  assertPasswordFitsBcrypt(password);
  const username = usernameInput.trim();
  const user = findUserByUsername(deps.db, username);
  if (!user) {
    await spendDummyCompare(password, deps.bcryptCost);
    throw new CoreError('unauthenticated', WRONG_CREDENTIALS);
  }
  if (isLocked(user.locked_until, deps.clock())) throw accountLockedError(user.locked_until!, deps.clock());
  const matches = await verifyPassword(password, user.password_hash);

  // The compare yielded: decide on the row as it is now, in one transaction with its audit entries.
  const outcome = writeTransaction(deps.db, (): Outcome => {
    const now = deps.clock();
    const at = now.toISOString();
    const fresh = findUserById(deps.db, user.id);
    if (!fresh || fresh.active !== 1) {
      const deactivated = matches && fresh !== undefined;
      const message = deactivated ? 'This account has been deactivated; ask an administrator.' : WRONG_CREDENTIALS;
      return { ok: false, error: new CoreError('unauthenticated', message) };
    }
    if (isLocked(fresh.locked_until, now)) return { ok: false, error: accountLockedError(fresh.locked_until!, now) };
    const self: AuditActor = { userId: fresh.id, username: fresh.username };
    if (!matches) {
      const failedLogins = fresh.failed_logins + 1;
      const lockMs = lockDurationMs(failedLogins);
      const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : fresh.locked_until;
      setLoginState(deps.db, fresh.id, failedLogins, lockedUntil, at);
      appendAudit(deps.db, deps.clock, {
        actor: NOBODY,
        companyId: null,
        action: 'auth.login_failed',
        entity: 'user',
        entityId: fresh.id,
        details: { username: fresh.username, failedLogins },
      });
      if (lockMs === 0) return { ok: false, error: new CoreError('unauthenticated', WRONG_CREDENTIALS) };
      appendAudit(deps.db, deps.clock, {
        actor: NOBODY,
        companyId: null,
        action: 'auth.locked',
        entity: 'user',
        entityId: fresh.id,
        details: { username: fresh.username, failedLogins, lockedUntil },
      });
      return { ok: false, error: accountLockedError(lockedUntil!, now) };
    }
    if (fresh.failed_logins !== 0 || fresh.locked_until !== null) setLoginState(deps.db, fresh.id, 0, null, at);
    purgeEndedSessions(deps);
    const session = createSession(deps, fresh.id);
    appendAudit(deps.db, deps.clock, {
      actor: self,
      companyId: null,
      action: 'auth.login',
      entity: 'session',
      entityId: session.sessionId,
    });
    const updated = findUserById(deps.db, fresh.id)!;
    return {
      ok: true,
      result: { user: toUser(updated, now), token: session.token, expiresAt: session.expiresAt },
      passwordHash: updated.password_hash,
    };
  });
  if (!outcome.ok) {
    if (outcome.error.code === 'account_locked') deps.emit('data.changed', { entity: 'users', companyId: null });
    throw outcome.error;
  }
  if (needsRehash(outcome.passwordHash, deps.bcryptCost)) await upgradeHash(deps, outcome.result.user, password);
  return outcome.result;
}

// A hash made at a lower cost than the current one is replaced while the password is at hand.
async function upgradeHash(deps: CoreDeps, user: User, password: string): Promise<void> {
  const hash = await rehashPassword(password, deps.bcryptCost);
  writeTransaction(deps.db, () => {
    setPasswordHash(deps.db, user.id, hash, deps.clock().toISOString());
    appendAudit(deps.db, deps.clock, {
      actor: { userId: user.id, username: user.username },
      companyId: null,
      action: 'user.password_rehashed',
      entity: 'user',
      entityId: user.id,
      details: { cost: deps.bcryptCost },
    });
  });
}

/** Ends the caller's session (nothing to end for the command line) and records the logout. */
export function logout(deps: CoreDeps, session: SessionInfo): void {
  if (session.userId === null) return;
  writeTransaction(deps.db, () => {
    endSession(deps, session);
    appendAudit(deps.db, deps.clock, {
      actor: { userId: session.userId, username: session.username },
      companyId: null,
      action: 'auth.logout',
      entity: 'session',
      entityId: sessionIdOf(session),
    });
  });
}

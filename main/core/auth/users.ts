import { CoreError, type Role, type User } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { setSetting } from '../db/repos/settings-repo.js';
import { writeTransaction } from '../db/repos/transaction.js';
import { countUsers, findUserById, findUserByUsername, insertUser, setLoginState, toUser } from '../db/repos/users-repo.js';
import { hashPassword } from './passwords.js';
import { createSession } from './sessions.js';
import type { LoginResult } from './login.js';

/** What a new user is made of. */
export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

const alreadySetUp = (): CoreError =>
  new CoreError('already_set_up', 'Cuadra is already set up for this firm: log in, or ask an administrator for a user.');

const usernameTaken = (username: string): CoreError =>
  new CoreError('conflict', `There is already a user called "${username}".`, { field: 'username' });

// Inserts the user and its audit entry; the caller holds the transaction.
function insertAuditedUser(deps: CoreDeps, actor: AuditActor | null, user: NewUser, passwordHash: string): number {
  if (findUserByUsername(deps.db, user.username)) throw usernameTaken(user.username);
  const id = insertUser(deps.db, { ...user, passwordHash, now: deps.clock().toISOString() });
  appendAudit(deps.db, deps.clock, {
    actor: actor ?? { userId: id, username: user.username },
    companyId: null,
    action: 'user.create',
    entity: 'user',
    entityId: id,
    details: { username: user.username, displayName: user.displayName, role: user.role },
  });
  return id;
}

/**
 * First run: stores the firm's name, creates its first administrator and logs them in.
 * Refused with `already_set_up` as soon as any user exists.
 */
export async function setupFirm(
  deps: CoreDeps,
  input: { firmName: string; username: string; displayName: string; password: string },
): Promise<LoginResult> {
  if (countUsers(deps.db) > 0) throw alreadySetUp();
  const passwordHash = await hashPassword(input.password, deps.bcryptCost, input.username);
  const result = writeTransaction(deps.db, () => {
    if (countUsers(deps.db) > 0) throw alreadySetUp(); // another window finished setup while we hashed
    setSetting(deps.db, 'firm.name', input.firmName);
    const admin: NewUser = { username: input.username, displayName: input.displayName, role: 'admin', password: input.password };
    const id = insertAuditedUser(deps, null, admin, passwordHash);
    const self: AuditActor = { userId: id, username: input.username };
    appendAudit(deps.db, deps.clock, {
      actor: self,
      companyId: null,
      action: 'firm.setup',
      entity: 'settings',
      entityId: 'firm.name',
      details: { firmName: input.firmName },
    });
    const session = createSession(deps, id);
    appendAudit(deps.db, deps.clock, { actor: self, companyId: null, action: 'auth.login', entity: 'session', entityId: session.sessionId });
    const user = toUser(findUserById(deps.db, id)!, deps.clock());
    return { user, token: session.token, expiresAt: session.expiresAt };
  });
  deps.emit('data.changed', { entity: 'users', companyId: null });
  return result;
}

/** Creates a user with a role (policy-checked password); `conflict` when the username is taken. */
export async function createUser(deps: CoreDeps, actor: AuditActor, input: NewUser): Promise<User> {
  if (findUserByUsername(deps.db, input.username)) throw usernameTaken(input.username);
  const passwordHash = await hashPassword(input.password, deps.bcryptCost, input.username);
  const user = writeTransaction(deps.db, () => {
    const id = insertAuditedUser(deps, actor, input, passwordHash);
    return toUser(findUserById(deps.db, id)!, deps.clock());
  });
  deps.emit('data.changed', { entity: 'users', companyId: null });
  return user;
}

/** Clears the failed-login count and lock of a user; `not_found` for an unknown id. */
export function unlockUser(deps: CoreDeps, actor: AuditActor, id: number): User {
  const user = writeTransaction(deps.db, () => {
    const row = findUserById(deps.db, id);
    if (!row) throw new CoreError('not_found', `There is no user with id ${id}.`);
    const now = deps.clock();
    if (row.failed_logins !== 0 || row.locked_until !== null) {
      setLoginState(deps.db, id, 0, null, now.toISOString());
      appendAudit(deps.db, deps.clock, {
        actor,
        companyId: null,
        action: 'user.unlock',
        entity: 'user',
        entityId: id,
        details: { username: row.username, failedLogins: row.failed_logins, lockedUntil: row.locked_until },
      });
    }
    return toUser(findUserById(deps.db, id)!, now);
  });
  deps.emit('data.changed', { entity: 'users', companyId: null });
  return user;
}

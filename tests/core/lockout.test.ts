import bcrypt from 'bcrypt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findUserByUsername } from '../../main/core/db/repos/users-repo.js';
import { lockDurationMs } from '../../main/core/auth/lockout.js';
import { HOUR, MINUTE, PASSWORD, TestClient, makeTempDir, openTestCore, setUpFirm, steppingClock } from './support.js';

let tmp: ReturnType<typeof makeTempDir>;
let time: ReturnType<typeof steppingClock>;
let core: ReturnType<typeof openTestCore>;
beforeEach(() => {
  tmp = makeTempDir();
  time = steppingClock();
  core = openTestCore(tmp.path('cuadra.db'), time.clock);
});
afterEach(() => {
  core.close();
  tmp.cleanup();
  vi.restoreAllMocks();
});

const wrong = { username: 'ana', password: 'not the password' };
const right = { username: 'ana', password: PASSWORD };
const at = (ms: number): string => new Date(ms).toISOString();

describe('lockout after repeated failures', () => {
  it('locks for 1 minute after 5 failures, doubles the delay, and survives a restart', async () => {
    await setUpFirm(core);
    const window = new TestClient(core);
    for (let i = 1; i <= 4; i++) expect((await window.err('auth.login', wrong)).code).toBe('unauthenticated');
    const fifth = await window.err('auth.login', wrong);
    expect(fifth.code).toBe('account_locked');
    expect(fifth.details).toEqual({ lockedUntil: at(time.now() + MINUTE), retryAfterSeconds: 60 });

    // Restart: a new core on the same file still knows the lock.
    core.close();
    core = openTestCore(tmp.path('cuadra.db'), time.clock);
    const after = new TestClient(core);
    const compare = vi.spyOn(bcrypt, 'compare');
    const whileLocked = await after.err('auth.login', right);
    expect(whileLocked.code).toBe('account_locked');
    expect(whileLocked.details?.lockedUntil).toBe(at(time.now() + MINUTE));
    expect(compare).not.toHaveBeenCalled(); // the password is not even checked while locked
    compare.mockRestore();
    expect(findUserByUsername(core.deps.db, 'ana')!.failed_logins).toBe(5);

    // Each further failure after a lock passes doubles the delay: 2, 4, 8 minutes…
    for (const minutes of [2, 4, 8]) {
      time.advance(findUserLockMs());
      const error = await after.err('auth.login', wrong);
      expect(error.code).toBe('account_locked');
      expect(error.details?.lockedUntil).toBe(at(time.now() + minutes * MINUTE));
    }

    // The admin sees the lock; after it passes the right password works and resets the count.
    time.advance(findUserLockMs());
    const session = await after.ok('auth.login', right);
    expect(session.user.lockedUntil).toBeNull();
    const row = findUserByUsername(core.deps.db, 'ana')!;
    expect([row.failed_logins, row.locked_until]).toEqual([0, null]);
    for (let i = 1; i <= 4; i++) expect((await after.err('auth.login', wrong)).code).toBe('unauthenticated');
  });

  it('caps the delay at one hour', () => {
    expect([4, 5, 6, 7, 10, 11, 50].map(lockDurationMs)).toEqual([0, MINUTE, 2 * MINUTE, 4 * MINUTE, 32 * MINUTE, HOUR, HOUR]);
  });

  it('audits failures and the lock, and lets an administrator unlock', async () => {
    const admin = await setUpFirm(core);
    const luisId = (await admin.ok('users.create', { username: 'luis', displayName: 'Luis', role: 'preparer', password: PASSWORD })).id;
    const window = new TestClient(core);
    for (let i = 0; i < 5; i++) await window.err('auth.login', { username: 'luis', password: 'not the password' });
    const listed = (await admin.ok('users.list', {})).find((u) => u.id === luisId)!;
    expect(listed.lockedUntil).toBe(at(time.now() + MINUTE));
    const actions = (await admin.ok('audit.list', {})).map((e) => e.action);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(5);
    expect(actions[0]).toBe('auth.locked');

    const unlocked = await admin.ok('users.unlock', { id: luisId });
    expect(unlocked.lockedUntil).toBeNull();
    await window.ok('auth.login', { username: 'luis', password: PASSWORD });
    expect((await admin.err('users.unlock', { id: 999 })).code).toBe('not_found');
  });
});

function findUserLockMs(): number {
  const row = findUserByUsername(core.deps.db, 'ana')!;
  return Math.max(0, Date.parse(row.locked_until!) - time.now());
}

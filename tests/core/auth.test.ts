import bcrypt from 'bcrypt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../main/core/core.js';
import { silentLogger } from '../../main/core/logger.js';
import { findUserByUsername } from '../../main/core/db/repos/users-repo.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, hashToken } from '../../main/core/auth/sessions.js';
import { HOUR, MIGRATIONS_DIR, MINUTE, PASSWORD, TestClient, makeTempDir, openTestCore, setUpFirm, steppingClock } from './support.js';

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
});

describe('first-run setup', () => {
  it('names the firm, creates the administrator and logs them in', async () => {
    const window = new TestClient(core);
    expect(await window.ok('app.info', {})).toEqual({ version: '0.0.0-test', firmName: null, setupRequired: true });
    const session = await window.ok('auth.setup', {
      firmName: 'Asesoría Pérez',
      username: 'ana',
      displayName: 'Ana Pérez',
      password: PASSWORD,
    });
    expect(session.user).toMatchObject({ username: 'ana', displayName: 'Ana Pérez', role: 'admin', active: true, lockedUntil: null });
    expect(session.expiresAt).toBe(new Date(time.now() + SESSION_IDLE_MS).toISOString());
    expect(window.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await window.ok('app.info', {})).toEqual({ version: '0.0.0-test', firmName: 'Asesoría Pérez', setupRequired: false });
    expect((await window.ok('auth.session', {})).user?.username).toBe('ana');
    expect(core.events).toContainEqual({ event: 'data.changed', payload: { entity: 'users', companyId: null } });
  });

  it('stores only the hash of the session token and the bcrypt hash of the password', async () => {
    const window = await setUpFirm(core);
    const stored = core.deps.db.prepare('SELECT token_hash FROM sessions').pluck().all();
    expect(stored).toEqual([hashToken(window.token!)]);
    const user = findUserByUsername(core.deps.db, 'ana')!;
    expect(user.password_hash).toMatch(/^\$2b\$04\$/);
    expect(user.password_hash).not.toContain(PASSWORD);
  });

  it('is refused once a user exists', async () => {
    await setUpFirm(core);
    const other = new TestClient(core);
    const error = await other.err('auth.setup', { firmName: 'Otra', username: 'eve', displayName: 'Eve', password: PASSWORD });
    expect(error.code).toBe('already_set_up');
    expect(other.token).toBeNull();
  });

  it('refuses a password too short, or equal to the username, before creating anything', async () => {
    const window = new TestClient(core);
    const short = await window.err('auth.setup', { firmName: 'F', username: 'ana', displayName: 'Ana', password: 'short1' });
    expect(short.code).toBe('password_too_weak');
    expect(short.message).toMatch(/at least 10 characters/);
    const same = await window.err('auth.setup', { firmName: 'F', username: 'ana.perez1', displayName: 'Ana', password: 'Ana.Perez1' });
    expect(same.code).toBe('password_too_weak');
    expect((await window.ok('app.info', {})).setupRequired).toBe(true);
  });
});

describe('the 72-byte limit of bcrypt', () => {
  it('refuses, never truncates, a password longer than 72 bytes', async () => {
    const window = new TestClient(core);
    const error = await window.err('auth.setup', { firmName: 'F', username: 'ana', displayName: 'Ana', password: 'a'.repeat(73) });
    expect(error.code).toBe('password_too_long');
    expect(error.message).toMatch(/73 bytes.*at most 72 bytes/);
    await window.ok('auth.setup', { firmName: 'F', username: 'ana', displayName: 'Ana', password: 'a'.repeat(72) });
  });

  it('counts bytes, not characters: 40 accented letters are 80 bytes', async () => {
    const password = 'ñ'.repeat(40);
    expect(password.length).toBeLessThan(72);
    expect(Buffer.byteLength(password)).toBe(80);
    const window = new TestClient(core);
    const error = await window.err('auth.setup', { firmName: 'F', username: 'ana', displayName: 'Ana', password });
    expect(error.code).toBe('password_too_long');
    expect(error.details).toEqual({ bytes: 80, maxBytes: 72 });
  });

  it('refuses a long password at login too, so a 72-byte prefix never opens the account', async () => {
    const long72 = 'x'.repeat(62) + 'ñ'.repeat(5); // 72 bytes exactly
    const admin = new TestClient(core);
    await admin.ok('auth.setup', { firmName: 'F', username: 'ana', displayName: 'Ana', password: long72 });
    const window = new TestClient(core);
    const error = await window.err('auth.login', { username: 'ana', password: `${long72}!` });
    expect(error.code).toBe('password_too_long');
    expect(window.token).toBeNull();
    expect(findUserByUsername(core.deps.db, 'ana')!.failed_logins).toBe(0);
  });
});

describe('login and logout', () => {
  it('logs in with the right password (username case-insensitive) and out again', async () => {
    await setUpFirm(core);
    const window = new TestClient(core);
    const session = await window.ok('auth.login', { username: ' ANA ', password: PASSWORD });
    expect(session.user.username).toBe('ana');
    const token = window.token!;
    expect(core.resolveSession(token)).toMatchObject({ username: 'ana', role: 'admin' });
    expect(await window.ok('auth.logout', {})).toEqual({});
    expect(window.token).toBeNull();
    expect(core.resolveSession(token)).toBeNull();
    expect(await window.ok('auth.session', {})).toEqual({ user: null, expiresAt: null });
  });

  it('ends the earlier session of a window that logs in again', async () => {
    const window = await setUpFirm(core);
    const first = window.token!;
    await window.ok('auth.login', { username: 'ana', password: PASSWORD });
    expect(window.token).not.toBe(first);
    expect(core.resolveSession(first)).toBeNull();
    expect(core.deps.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(1);
  });

  it('ends only the session of the window that logs out', async () => {
    await setUpFirm(core);
    const first = new TestClient(core);
    const second = new TestClient(core);
    await first.ok('auth.login', { username: 'ana', password: PASSWORD });
    await second.ok('auth.login', { username: 'ana', password: PASSWORD });
    await first.ok('auth.logout', {});
    expect((await second.ok('auth.session', {})).user?.username).toBe('ana');
  });

  it('answers a wrong password and an unknown username alike, and both spend a bcrypt compare', async () => {
    await setUpFirm(core);
    const window = new TestClient(core);
    const wrong = await window.err('auth.login', { username: 'ana', password: 'wrong password' });
    const compare = vi.spyOn(bcrypt, 'compare');
    const unknown = await window.err('auth.login', { username: 'nobody', password: 'wrong password' });
    expect(compare).toHaveBeenCalledTimes(1);
    compare.mockRestore();
    expect(unknown).toEqual(wrong);
    expect(wrong).toEqual({ code: 'unauthenticated', message: 'Wrong username or password.' });
  });

  it('does not let a deactivated user log in or keep a session', async () => {
    const admin = await setUpFirm(core);
    await admin.ok('users.create', { username: 'luis', displayName: 'Luis', role: 'preparer', password: PASSWORD });
    const luis = new TestClient(core);
    await luis.ok('auth.login', { username: 'luis', password: PASSWORD });
    core.deps.db.prepare("UPDATE users SET active = 0 WHERE username = 'luis'").run();
    expect(core.resolveSession(luis.token)).toBeNull();
    const error = await new TestClient(core).err('auth.login', { username: 'luis', password: PASSWORD });
    expect(error.code).toBe('unauthenticated');
    expect(error.message).toMatch(/deactivated/);
  });

  it('upgrades a hash made at a lower cost on the next login', async () => {
    await setUpFirm(core);
    core.close();
    core = Object.assign(
      createCore({ dbPath: tmp.path('cuadra.db'), migrations: MIGRATIONS_DIR, version: 't', logger: silentLogger, clock: time.clock, bcryptCost: 5 }),
      { events: [] },
    );
    await new TestClient(core).ok('auth.login', { username: 'ana', password: PASSWORD });
    expect(bcrypt.getRounds(findUserByUsername(core.deps.db, 'ana')!.password_hash)).toBe(5);
  });
});

describe('session expiry', () => {
  it('slides the idle expiry of 2 hours with each call', async () => {
    const window = await setUpFirm(core);
    for (let i = 0; i < 3; i++) {
      time.advance(SESSION_IDLE_MS - MINUTE);
      expect((await window.ok('auth.session', {})).expiresAt).toBe(new Date(time.now() + SESSION_IDLE_MS).toISOString());
    }
    time.advance(SESSION_IDLE_MS);
    expect(core.resolveSession(window.token)).toBe('expired');
    expect((await window.err('companies.list', {})).code).toBe('session_expired');
  });

  it('ends every session 12 hours after login however busy', async () => {
    const window = await setUpFirm(core);
    const loggedInAt = time.now();
    while (time.now() + HOUR < loggedInAt + SESSION_ABSOLUTE_MS) {
      time.advance(HOUR);
      expect(core.resolveSession(window.token)).not.toBe('expired');
    }
    // In the last two hours the absolute end, not the idle one, is what the session reports.
    expect((await window.ok('auth.session', {})).expiresAt).toBe(new Date(loggedInAt + SESSION_ABSOLUTE_MS).toISOString());
    time.advance(loggedInAt + SESSION_ABSOLUTE_MS - time.now());
    expect(core.resolveSession(window.token)).toBe('expired');
    await window.ok('auth.login', { username: 'ana', password: PASSWORD });
    expect(core.resolveSession(window.token)).toMatchObject({ username: 'ana' });
  });

  it('forgets ended sessions a day later, at the next login', async () => {
    const window = await setUpFirm(core);
    const old = window.token;
    time.advance(SESSION_IDLE_MS + 25 * HOUR);
    expect(core.resolveSession(old)).toBe('expired');
    await new TestClient(core).ok('auth.login', { username: 'ana', password: PASSWORD });
    expect(core.resolveSession(old)).toBeNull();
  });

  it('does not know a token it never issued', () => {
    expect(core.resolveSession('made-up-token')).toBeNull();
    expect(core.resolveSession(null)).toBeNull();
  });
});

describe('the product cost', () => {
  it('hashes at bcrypt cost 12 unless told otherwise', async () => {
    core.close();
    const product = createCore({ dbPath: tmp.path('product.db'), migrations: MIGRATIONS_DIR, version: 't', logger: silentLogger, clock: time.clock });
    core = Object.assign(product, { events: [] });
    expect(product.deps.bcryptCost).toBe(12);
    await setUpFirm(product);
    expect(bcrypt.getRounds(findUserByUsername(product.deps.db, 'ana')!.password_hash)).toBe(12);
  });
});

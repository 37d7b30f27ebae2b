// The keytar store against a REAL Secret Service: a child process runs under dbus-run-session
// with a private gnome-keyring (its own XDG folders in a temp dir, unlocked with a known
// password), so the developer's or CI's own keychain is never touched. Afterwards no daemon
// of that session may still be running.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJsonLine, openKeyringSession, TSX, type KeyringSession } from './keyring-session.js';

const CHILD = fileURLToPath(new URL('./keychain-child.ts', import.meta.url));

let session: KeyringSession | null = null;
beforeAll(() => {
  session = openKeyringSession();
});
afterAll(async () => {
  await session?.close();
});

describe('createKeytarStore on a real Secret Service', () => {
  it('sets, reads, replaces and deletes a secret in a private, unlocked gnome-keyring', async () => {
    const result = await session!.runInKeyring(CHILD, ['roundtrip', `Cuadra-test-${process.pid}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(lastJsonLine(result)).toEqual({
      kind: 'keychain',
      before: null,
      afterSet: 'sk-keychain-first',
      afterReplace: 'sk-keychain-second',
      otherService: null,
      deleted: true,
      deletedAgain: false,
      afterDelete: null,
      chosen: 'keychain',
    });
    // The session's bus and keyring daemon are gone (zombies awaiting their reaper excepted).
    expect(await session!.waitForNoProcesses(3000)).toEqual([]);
  });

  it('without a session bus the keychain fails with a clear error, and the chooser falls back', async () => {
    const result = await session!.run(TSX, [CHILD, 'no-bus', `Cuadra-test-${process.pid}`]);
    expect(result.code, result.stderr).toBe(0);
    const out = lastJsonLine(result);
    expect(out).toMatchObject({ errorCode: 'unavailable', chosen: 'memory' });
    expect(out.errorMessage).toMatch(/^the system keychain could not read the secret: /);
    expect(out.reason).toBe(`${String(out.errorMessage)} and safeStorage is not available here; secrets are kept only until the app closes`);
  });
});

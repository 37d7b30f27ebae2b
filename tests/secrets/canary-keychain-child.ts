// Run by canary.test.ts under dbus-run-session with a private, unlocked gnome-keyring: a core whose
// secret store is the real keychain (keytar) stores, reports and removes the API key through the
// contract; the database folder is then scanned for the key. Prints one JSON line of results.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../main/core/core.js';
import { silentLogger } from '../../main/core/logger.js';
import { dispatch, type CallContext } from '../../main/core/rpc/dispatch.js';
import { createKeytarStore } from '../../main/core/secrets/index.js';

const [service = '', dir = '', canary = ''] = process.argv.slice(2);
if (service === '' || dir === '' || canary === '') {
  console.error('usage: canary-keychain-child.ts <service> <dir> <canary>');
  process.exit(2);
}
const migrations = fileURLToPath(new URL('../../migrations', import.meta.url));
const ctx: CallContext = { session: { userId: null, username: 'cli', role: 'admin', expiresAt: '2099-01-01T00:00:00.000Z' }, setSessionToken: () => {} };

function open() {
  return createCore({ dbPath: join(dir, 'cuadra.db'), migrations, version: '0.0.0-test', logger: silentLogger, bcryptCost: 4, secrets: createKeytarStore(service) });
}

async function call(core: ReturnType<typeof open>, method: string, input: unknown): Promise<unknown> {
  const envelope = await dispatch(core.handlers, method, input, ctx, silentLogger);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}

const out: Record<string, unknown> = {};
const replies: string[] = [];
let core = open();
const settings = async () => {
  const value = (await call(core, 'embedding.settings', {})) as { hasKey: boolean; keyStore: { kind: string; problem: string | null } };
  replies.push(JSON.stringify(value));
  return value;
};
out.before = (await settings()).hasKey;
replies.push(JSON.stringify(await call(core, 'embedding.setKey', { apiKey: canary })));
const after = await settings();
out.after = after.hasKey;
out.store = after.keyStore;
out.inKeychain = (await createKeytarStore(service).get('openai-api-key')) === canary;
core.close();
// A new core (a restart) finds the key in the keychain, not in the database.
core = open();
out.afterRestart = (await settings()).hasKey;
replies.push(JSON.stringify(await call(core, 'embedding.clearKey', {})));
out.afterClear = (await settings()).hasKey;
out.keychainAfterClear = await createKeytarStore(service).get('openai-api-key');
core.close();
out.filesWithKey = readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(Buffer.from(canary)));
out.repliesWithKey = replies.filter((reply) => reply.includes(canary)).length;
console.log(JSON.stringify(out));

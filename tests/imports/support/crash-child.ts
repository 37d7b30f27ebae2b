// Child process of the crash test: imports one statement file into a database through the
// real core (dispatch, command-line session) and reports its progress on stdout, so the
// parent can kill it with SIGKILL at any moment. Usage: crash-child <db> <migrations> <file> <companyId>
import { readFileSync } from 'node:fs';
import { createCore } from '../../../main/core/core.js';
import { silentLogger } from '../../../main/core/logger.js';
import { dispatch } from '../../../main/core/rpc/dispatch.js';

const [dbPath, migrations, filePath, companyId] = process.argv.slice(2);
if (!dbPath || !migrations || !filePath || !companyId) {
  process.stderr.write('usage: crash-child <db> <migrations> <file> <companyId>\n');
  process.exit(2);
}
const say = (text: string): void => void process.stdout.write(`${text}\n`);
const core = createCore({
  dbPath,
  migrations,
  version: 'crash-test',
  logger: silentLogger,
  emit: (event, payload) => {
    if (event === 'task.progress') {
      const p = payload as { stage: string; done: number };
      say(`progress ${p.stage} ${p.done}`);
    }
  },
});
const contentBase64 = readFileSync(filePath).toString('base64');
say('ready');
const envelope = await dispatch(
  core.handlers,
  'imports.commit',
  { companyId: Number(companyId), accountId: null, fileName: 'big.n43', contentBase64, createAccount: false },
  { session: { userId: null, username: 'cli', role: 'admin', expiresAt: '9999-12-31T23:59:59.000Z' }, setSessionToken: () => {} },
  silentLogger,
);
core.close();
say(envelope.ok ? `done ${JSON.stringify(envelope.value)}` : `failed ${envelope.error.code} ${envelope.error.message}`);

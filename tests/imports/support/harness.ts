// A core on a real SQLite file for the import tests, and helpers that call it the way a host
// does (through dispatch, with the command line's session unless told otherwise).
import type { Database } from 'better-sqlite3';
import type { ImportPreview, ImportResult, MethodInput } from '../../../main/core/contract/index.js';
import { TestClient, cliSession, makeTempDir, openTestCore, steppingClock } from '../../core/support.js';
import { TEST_IBAN } from './statement-files.js';

export { TestClient, cliSession, makeTempDir, openTestCore, steppingClock };

/** A temp folder with a core on `cuadra.db` and a client acting as the command line (admin). */
export function openImportTest(): {
  tmp: ReturnType<typeof makeTempDir>;
  core: ReturnType<typeof openTestCore>;
  cli: TestClient;
  time: ReturnType<typeof steppingClock>;
  close(): void;
} {
  const tmp = makeTempDir();
  const time = steppingClock();
  const core = openTestCore(tmp.path('cuadra.db'), time.clock);
  const cli = new TestClient(core, cliSession);
  return {
    tmp,
    core,
    cli,
    time,
    close: () => {
      core.close();
      tmp.cleanup();
    },
  };
}

/** Creates a company with the test account (IBAN ES91 2100 0418 4502 0005 1332, EUR). */
export async function companyWithAccount(client: TestClient, name = 'Acme SL'): Promise<{ companyId: number; accountId: number }> {
  const company = await client.ok('companies.create', { name, taxId: null });
  const account = await client.ok('accounts.create', { companyId: company.id, name: 'Main', iban: TEST_IBAN, number: null, currency: 'EUR' });
  return { companyId: company.id, accountId: account.id };
}

type FileInput = Omit<MethodInput<'imports.commit'>, 'contentBase64' | 'fileName' | 'companyId'>;

/** Imports a file through `imports.commit`, which must succeed. */
export function commit(client: TestClient, companyId: number, fileName: string, bytes: Uint8Array, extra: FileInput = {}): Promise<ImportResult> {
  return client.ok('imports.commit', { companyId, fileName, contentBase64: Buffer.from(bytes).toString('base64'), ...extra });
}

/** Previews a file through `imports.preview`, which must succeed. */
export function preview(
  client: TestClient,
  companyId: number,
  fileName: string,
  bytes: Uint8Array,
  extra: Omit<FileInput, 'createAccount'> = {},
): Promise<ImportPreview> {
  return client.ok('imports.preview', { companyId, fileName, contentBase64: Buffer.from(bytes).toString('base64'), ...extra });
}

/** Row counts of every table an import writes. */
export function rowCounts(db: Database): Record<string, number> {
  const tables = ['import_batches', 'statements', 'bank_lines', 'possible_duplicates', 'audit_log', 'bank_accounts', 'companies'];
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

/** The stored lines of an account as (date, amount, description), in id order. */
export function storedLines(db: Database, accountId: number): Array<{ date: string; amount: number; text: string; occurrence: number; bankId: string | null }> {
  return db
    .prepare('SELECT booking_date AS date, amount_minor AS amount, description AS text, occurrence, bank_id AS bankId FROM bank_lines WHERE account_id = ? ORDER BY id')
    .all(accountId) as Array<{ date: string; amount: number; text: string; occurrence: number; bankId: string | null }>;
}

// The real `cuadra parse` and `cuadra import` (node + tsx, as `npm run cuadra` runs them).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDir, type CliRun } from '../cli/helpers.js';
import { TEST_IBAN, camt053, dailyMovements, norma43, ofx } from './support/statement-files.js';

let home: string;
beforeAll(() => {
  home = tempDir('cuadra-imports-cli-');
});
afterAll(() => removeDir(home));

const cli = (args: readonly string[]): Promise<CliRun> => runCli(home, args);
const file = (name: string, bytes: Buffer): string => {
  const path = join(home, name);
  writeFileSync(path, bytes);
  return path;
};

/** stdout as exactly one JSON document. */
function json<T>(run: CliRun): T {
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

function expectOneLineFailure(run: CliRun, pattern: RegExp): void {
  expect(run.status).not.toBe(0);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s*at /m);
}

const isDecimal = (v: unknown): boolean => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v);

describe('cuadra parse', () => {
  it('prints the contract document with decimal strings and touches no database', async () => {
    const ms = [
      { date: '2025-01-02', amountMinor: -56405, text: 'RECIBO ENDESA ENERGIA', reference: 'E2E-0001', bankId: 'AS-1' },
      { date: '2025-01-03', amountMinor: 120000, text: 'TRANSFERENCIA CLIENTE' },
    ];
    const path = file('jan.xml', camt053({ movements: ms, from: '2025-01-01', to: '2025-01-31', openingMinor: 1000 }));
    const doc = json<{
      format: string;
      encoding: string;
      statements: Array<Record<string, unknown> & { transactions: Array<Record<string, unknown>> }>;
      invoices: unknown[];
      payments: unknown[];
      diagnostics: unknown[];
    }>(await cli(['parse', path, '--json']));
    expect(Object.keys(doc)).toEqual(['format', 'encoding', 'statements', 'invoices', 'payments', 'diagnostics']);
    expect(doc).toMatchObject({ format: 'camt053', encoding: 'utf-8', invoices: [], payments: [] });
    const s = doc.statements[0]!;
    expect(Object.keys(s)).toEqual(['account', 'openingBalance', 'closingBalance', 'controlTotals', 'transactions']);
    expect(s).toMatchObject({ account: { iban: TEST_IBAN, currency: 'EUR' }, openingBalance: { amount: '10.00', date: '2025-01-01' } });
    expect(s.transactions[0]).toEqual({
      bookingDate: '2025-01-02',
      valueDate: '2025-01-02',
      amount: '-564.05',
      currency: 'EUR',
      description: 'RECIBO ENDESA ENERGIA',
      counterparty: {},
      reference: 'E2E-0001',
      bankId: 'AS-1',
    });
    // EndToEndId NOTPROVIDED is no reference.
    expect(s.transactions[1]).toMatchObject({ amount: '1200.00', reference: null, bankId: null });
    expect(existsSync(join(home, 'data'))).toBe(false);
  });

  it('gives Norma 43 control totals as decimal strings', async () => {
    const path = file('a.n43', norma43({ movements: dailyMovements('2025-02-01', '2025-02-02'), from: '2025-02-01', to: '2025-02-02', openingMinor: 0 }));
    const doc = json<{ statements: Array<{ controlTotals: Record<string, unknown> }> }>(await cli(['parse', path, '--json']));
    const totals = doc.statements[0]!.controlTotals;
    expect(totals).toEqual({ debitCount: 2, debitSum: '20.07', creditCount: 2, creditSum: '500.11' });
    expect(isDecimal(totals.debitSum)).toBe(true);
  });

  it('fails with one line for an unreadable file, a missing file and an unknown format', async () => {
    expectOneLineFailure(await cli(['parse', file('x.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n')), '--json']), /^cuadra: x\.pdf: /);
    expectOneLineFailure(await cli(['parse', join(home, 'missing.sta')]), /no such file/);
    const bad = await cli(['parse', join(home, 'a.n43'), '--format', 'pdf']);
    expect(bad.status).toBe(2);
  });
});

describe('cuadra import', () => {
  it('creates the company and the account the file names, imports, and is a no-op the second time', async () => {
    const db = join(home, 'firm.db');
    const all = dailyMovements('2025-01-01', '2025-01-15');
    const first = file('ene.n43', norma43({ movements: all.filter((m) => m.date <= '2025-01-10'), from: '2025-01-01', to: '2025-01-10', openingMinor: 0 }));
    const run = await cli(['import', first, '--db', db, '--company', 'Acme SL']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Created company \d+ "Acme SL"/);
    expect(run.stdout).toMatch(/created account \d+ "ES91 2100 0418 4502 0005 1332" \(EUR\)/);
    expect(run.stdout).toMatch(/20 lines added, 0 duplicates skipped, 0 possible duplicates/);

    const again = json<{ files: Array<{ alreadyImported: boolean; message: string }>; totals: { added: number } }>(
      await cli(['import', first, '--db', db, '--company', 'Acme SL', '--json']),
    );
    expect(again.files[0]).toMatchObject({ alreadyImported: true, message: expect.stringMatching(/already imported on \d{4}-\d{2}-\d{2} as batch 1/) });
    expect(again.totals.added).toBe(0);

    const overlap = file('ene-2.n43', norma43({ movements: all.filter((m) => m.date >= '2025-01-06'), from: '2025-01-06', to: '2025-01-15', openingMinor: 0 }));
    const doc = json<{ totals: { added: number; skippedDuplicates: number; possibleDuplicates: number } }>(
      await cli(['import', overlap, '--db', db, '--company', 'acme sl', '--json']),
    );
    expect(doc.totals).toEqual({ added: 10, skippedDuplicates: 10, possibleDuplicates: 0, updated: 0 });
    const conn = new BetterSqlite3(db, { readonly: true });
    const n = (conn.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n;
    conn.close();
    expect(n).toBe(2);
  });

  it('needs --account for a file that names none, and creates it by name', async () => {
    const db = join(home, 'ofx.db');
    const path = file('noacct.ofx', ofx({ movements: dailyMovements('2025-03-01', '2025-03-02'), from: '2025-03-01', to: '2025-03-02', closingMinor: 0, accountId: null }));
    expectOneLineFailure(await cli(['import', path, '--db', db, '--company', 'Beta SL']), /^cuadra: noacct\.ofx: .*choose an account/);
    const doc = json<{ createdAccounts: Array<{ name: string; currency: string }>; totals: { added: number } }>(
      await cli(['import', path, '--db', db, '--company', 'Beta SL', '--account', 'Caja Rural', '--json']),
    );
    expect(doc.createdAccounts).toMatchObject([{ name: 'Caja Rural', currency: 'EUR' }]);
    expect(doc.totals.added).toBe(4);
  });

  it('answers a statement given as books and unreadable files with one line', async () => {
    const db = join(home, 'books.db');
    expectOneLineFailure(
      await cli(['import', join(home, 'ene.n43'), '--db', db, '--company', 'X', '--side', 'books']),
      /^cuadra: ene\.n43: This is a bank-statement file .*import it on the bank side\.$/,
    );
    expectOneLineFailure(await cli(['import', file('junk.sta', Buffer.from([0, 1, 2, 3, 255])), '--db', db, '--company', 'X', '--json']), /^cuadra: junk\.sta: /);
  });
});

// The real `cuadra parse` and `cuadra import` with books and bank spreadsheets and CFDI:
// exactly one JSON document on stdout, amounts as decimal strings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDir, type CliRun } from '../cli/helpers.js';
import { OPEN_ITEMS, canonicalCsv, type CanonicalRow } from './support.js';

const IBAN = 'ES9121000418450200051332';

let home: string;
beforeAll(() => {
  home = tempDir('cuadra-books-cli-');
});
afterAll(() => removeDir(home));

const cli = (args: readonly string[]): Promise<CliRun> => runCli(home, args);
const file = (name: string, bytes: Buffer): string => {
  const path = join(home, name);
  writeFileSync(path, bytes);
  return path;
};
function json<T>(run: CliRun): T {
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

const BANK: CanonicalRow[] = [
  { id: 'B1', date: '2025-03-03', valueDate: '2025-03-03', amount: '1210.00', description: 'TRANSFERENCIA FV-2025-0101', counterparty: 'DISTRIBUCIONES LOPEZ SL', reference: 'FV-2025-0101', balance: '11210.00' },
  { id: 'B2', date: '2025-03-05', valueDate: '2025-03-05', amount: '-363.00', description: 'RECIBO TELEFONICA', balance: '10847.00' },
];

interface ParseDoc {
  format: string;
  statements: Array<{ transactions: Array<{ amount: string; reference: string | null; bankId: string | null }> }>;
  invoices: Array<Record<string, unknown>>;
  payments: Array<{ amount: string; allocations: Array<{ amountPaid: string; invoiceUuid: string }> }>;
  diagnostics: Array<{ code: string }>;
}

describe('cuadra parse', () => {
  it('prints a bank CSV as a statement and a books CSV as invoices', async () => {
    const bank = json<ParseDoc>(await cli(['parse', file('bank.csv', canonicalCsv(BANK)), '--json']));
    expect(bank).toMatchObject({ format: 'csv', invoices: [], payments: [] });
    expect(bank.statements[0]!.transactions.map((t) => [t.amount, t.bankId])).toEqual([['1210.00', 'B1'], ['-363.00', 'B2']]);
    expect(bank.statements[0]!.transactions[0]!.reference).toBe('FV-2025-0101');

    const books = json<ParseDoc>(await cli(['parse', file('books.csv', canonicalCsv(OPEN_ITEMS, 'es')), '--json']));
    expect(books).toMatchObject({ format: 'csv', statements: [], payments: [] });
    expect(books.invoices).toHaveLength(5);
    expect(books.invoices[0]).toEqual({
      id: 'I1', documentNumber: null, date: '2025-02-10', dueDate: '2025-03-12', amount: '1210.00', openAmount: '1210.00', currency: 'EUR',
      counterparty: { name: 'Distribuciones López S.L.', taxId: 'B12345674' }, reference: 'FV-2025-0101', kind: 'invoice',
    });
    expect(books.diagnostics.map((d) => d.code)).toContain('side_decided');
    const forced = json<ParseDoc>(await cli(['parse', join(home, 'books.csv'), '--side', 'bank', '--json']));
    expect(forced.statements).toHaveLength(1);
  });

  it('prints CFDI invoices and payment complements with their allocations', async () => {
    const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/cfdi/${name}`, import.meta.url));
    const invoice = json<ParseDoc>(await cli(['parse', file('factura.xml', fixture('own_40_ppd_mxn_invoice.xml')), '--json']));
    expect(invoice).toMatchObject({ format: 'cfdi', statements: [] });
    expect(invoice.invoices[0]).toMatchObject({ amount: '5800.00', currency: 'MXN', kind: 'invoice', cfdiUuid: 'E7C1A0D4-3B9F-4C2E-A6D8-51F0B2C9E3A4' });
    const pago = json<ParseDoc>(await cli(['parse', file('pago.xml', fixture('own_40_pagos20_two_invoices.xml')), '--json']));
    expect(pago.payments.map((p) => [p.amount, p.allocations.map((a) => a.amountPaid)])).toEqual([['20000.00', ['3000.00', '1000.00']], ['740.00', ['740.00']]]);
  });
});

describe('cuadra import', () => {
  it('imports a bank CSV into the --account it names and a books CSV with --side books', async () => {
    const db = join(home, 'c.db');
    const bank = json<{ createdAccounts: Array<{ iban: string }>; files: Array<{ side: string; added: number }> }>(
      await cli(['import', join(home, 'bank.csv'), '--db', db, '--company', 'Contrato', '--account', IBAN, '--side', 'bank', '--json']),
    );
    expect(bank.createdAccounts).toMatchObject([{ iban: IBAN }]);
    expect(bank.files).toMatchObject([{ side: 'bank', added: 2 }]);

    const books = json<{ files: Array<{ side: string; added: number; books: { new: number } }>; totals: { added: number; updated: number } }>(
      await cli(['import', file('books-en.csv', canonicalCsv(OPEN_ITEMS)), '--db', db, '--company', 'Contrato', '--side', 'books', '--json']),
    );
    expect(books.files).toMatchObject([{ side: 'books', added: 5, books: { new: 5 } }]);

    const updated = canonicalCsv([{ ...OPEN_ITEMS[0]!, balance: '210.00' }, ...OPEN_ITEMS.slice(1)]);
    const run = await cli(['import', file('books-2.csv', updated), '--db', db, '--company', 'Contrato']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/0 items added, 1 updated \(open amount or due date\), 4 unchanged/);

    const conn = new BetterSqlite3(db, { readonly: true });
    const rows = conn.prepare('SELECT external_id AS id, open_amount_minor AS open FROM ledger_items ORDER BY ledger_items.id').all();
    const sides = conn.prepare('SELECT side FROM import_batches ORDER BY id').all();
    conn.close();
    expect(rows).toEqual([{ id: 'I1', open: 21000 }, { id: 'I3', open: 100000 }, { id: 'I4', open: 142000 }, { id: 'I2', open: -36300 }, { id: 'I5', open: 50000 }]);
    expect(sides).toEqual([{ side: 'bank' }, { side: 'books' }, { side: 'books' }]);
  });

  it('reads a spreadsheet with a saved --profile, and names the profiles when there is none of that name', async () => {
    const db = join(home, 'p.db');
    const odd = file('odd.csv', Buffer.from('Apunte|Cuando|Cuanto|Quien\nA1|01/03/2025|12.50|Ana\nA2|02/03/2025|-3.00|Luis\n'));
    const refused = await cli(['import', odd, '--db', db, '--company', 'Perfiles SL', '--side', 'books']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/map the columns first/);
    const missing = await cli(['import', odd, '--db', db, '--company', 'Perfiles SL', '--profile', 'Nada']);
    expect(missing.stderr).toMatch(/no saved profile named "Nada"/);

    const conn = new BetterSqlite3(db);
    const profile = { name: 'ContaFácil', side: 'books', columns: [{ header: 'Apunte', role: 'id' }, { header: 'Cuando', role: 'date' }, { header: 'Cuanto', role: 'amount' }, { header: 'Quien', role: 'counterparty' }], dateOrder: 'dmy', decimalSeparator: '.', signConvention: 'signed', ledger: false };
    conn.prepare("INSERT INTO tabular_profiles (company_id, name, side, profile, header_signature, created_at, updated_at) VALUES (NULL, 'ContaFácil', 'books', ?, 'apunte|cuando|cuanto|quien', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')").run(JSON.stringify(profile));
    conn.prepare("INSERT INTO bank_accounts (company_id, name, iban, currency, created_at, updated_at) VALUES (1, 'Main', ?, 'EUR', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')").run(IBAN);
    conn.close();
    const doc = json<{ files: Array<{ added: number }> }>(await cli(['import', odd, '--db', db, '--company', 'Perfiles SL', '--profile', 'contafácil', '--json']));
    expect(doc.files).toMatchObject([{ added: 2 }]);
  });
});

// `cuadra reconcile` and `cuadra report` as DESIGN.md promises them: one JSON document, ids of the
// input files, decimal strings, one-line failures; the report's figures and its exported files.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, tempDir } from './helpers.js';

const HEADER = 'id,date,value_date,amount,currency,description,counterparty,tax_id,reference,due_date,balance';
const BANK = [HEADER,
  'B1,2025-03-03,2025-03-03,1210.00,EUR,TRANSFERENCIA DE DISTRIBUCIONES LOPEZ SL FRA FV-2025-0101,DISTRIBUCIONES LOPEZ SL,,FV-2025-0101,,11210.00',
  'B2,2025-03-05,2025-03-05,-363.00,EUR,RECIBO TELEFONICA DE ESPANA SAU,,,,,10847.00',
  'B3,2025-03-10,2025-03-10,-12.50,EUR,=HYPERLINK("http://x") COMISION,,,,,10834.50',
  'B4,2025-03-12,2025-03-12,2420.00,EUR,TRANSF SEPA GRUPO ARIZA SA FACTURAS 0102 0103,GRUPO ARIZA SA,,,,13254.50',
].join('\n');
const BOOKS = [HEADER,
  'I1,2025-02-10,,1210.00,EUR,Factura FV-2025-0101,Distribuciones López S.L.,B12345674,FV-2025-0101,2025-03-12,',
  'I2,2025-02-28,,-363.00,EUR,Factura proveedor Telefónica,Telefónica de España S.A.U.,A82018474,T-99812,2025-03-05,',
  'I3,2025-02-15,,1000.00,EUR,Factura FV-2025-0102,Grupo Ariza S.A.,A28000032,FV-2025-0102,2025-03-15,',
  'I4,2025-02-16,,1420.00,EUR,Factura FV-2025-0103,Grupo Ariza S.A.,A28000032,FV-2025-0103,2025-03-16,',
  'I5,2025-03-01,,500.00,EUR,Factura FV-2025-0104,Hermanos Ruiz S.L.,B87654323,FV-2025-0104,2025-04-01,',
].join('\n');
const IBAN = 'ES9121000418450200051332';

let home: string;
let db: string;
const cli = (args: readonly string[]) => runCli(home, args);

beforeAll(async () => {
  home = tempDir('cuadra-cli-reconcile-');
  db = join(home, 'c.db');
  writeFileSync(join(home, 'bank.csv'), BANK);
  writeFileSync(join(home, 'books.csv'), BOOKS);
  expect((await cli(['import', join(home, 'bank.csv'), '--db', db, '--company', 'Contrato', '--account', IBAN, '--side', 'bank', '--json'])).status).toBe(0);
  expect((await cli(['import', join(home, 'books.csv'), '--db', db, '--company', 'Contrato', '--side', 'books', '--json'])).status).toBe(0);
}, 60_000);
afterAll(() => removeDir(home));

describe('cuadra reconcile', () => {
  it('prints the matches with the input ids, allocations, confidence, status, kind and reasons', async () => {
    const r = await cli(['reconcile', '--db', db, '--company', 'Contrato', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      counts: { autoApproved: number; unmatchedBank: number };
      matches: Array<{ id: number; bank: string[]; books: string[]; allocations: Array<{ books: string; amount: string }>; difference: string; confidence: number; status: string; kind: string; reasons: string[] }>;
      unmatched: Array<{ bank: string; suggestedTreatment: string | null }>;
    };
    expect(out.matches.map((m) => [m.bank, m.books, m.status])).toEqual([
      [['B1'], ['I1'], 'auto_approved'],
      [['B2'], ['I2'], 'auto_approved'],
      [['B4'], ['I3', 'I4'], 'auto_approved'],
    ]);
    const grouped = out.matches[2]!;
    expect(grouped).toMatchObject({ kind: 'combination', difference: '0.00', allocations: [{ books: 'I3', amount: '1000.00' }, { books: 'I4', amount: '1420.00' }] });
    expect(grouped.confidence).toBeGreaterThanOrEqual(0.95);
    expect(grouped.reasons.join(' ')).toMatch(/One payment for 2 items/);
    expect(out.unmatched).toEqual([expect.objectContaining({ bank: 'B3', suggestedTreatment: 'bank_charge' })]);
  });

  it('takes --threshold, --tolerance-percent and --date-window-days for one run', async () => {
    const r = await cli(['reconcile', '--db', db, '--company', 'Contrato', '--threshold', '0.999', '--tolerance-percent', '1', '--date-window-days', '20', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { run: { parameters: { threshold: number; tolerancePercent: number; dateWindowDays: { before: number } } } };
    expect(out.run.parameters).toMatchObject({ threshold: 0.999, tolerancePercent: 1, dateWindowDays: { before: 20, after: 20 } });
    const bad = await cli(['reconcile', '--db', db, '--company', 'Contrato', '--threshold', '2']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--threshold must be a number from 0.01 to 1/);
    const unknown = await cli(['reconcile', '--db', db, '--company', 'Nadie', '--json']);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
  });
});

describe('cuadra report', () => {
  it('prints the balances, the outstanding lines and the unexplained remainder as decimal strings', async () => {
    const r = await cli(['report', '--db', db, '--company', 'Contrato', '--account', IBAN, '--to', '2025-03-31', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      account: IBAN, to: '2025-03-31', statementBalance: '13254.50', booksBalance: null,
      outstandingBank: [{ id: 'B3', date: '2025-03-10', amount: '-12.50', ageDays: 21 }], outstandingBooks: [],
      unexplained: '13267.00',
    });
  });

  it('writes the report as CSV (formulas neutralised), XLSX and PDF', async () => {
    const csv = join(home, 'r.csv');
    const r = await cli(['report', '--db', db, '--company', 'Contrato', '--account', IBAN, '--to', '2025-03-31', '--out', csv]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain("'=HYPERLINK");
    expect(text).toContain('13254.50');
    const xlsx = join(home, 'r.xlsx');
    expect((await cli(['report', '--db', db, '--company', 'Contrato', '--account', IBAN, '--to', '2025-03-31', '--out', xlsx, '--language', 'es'])).status).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const pdf = join(home, 'r.pdf');
    const p = await cli(['report', '--db', db, '--company', 'Contrato', '--account', IBAN, '--to', '2025-03-31', '--out', pdf]);
    expect(p.status, p.stderr).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(pdfText).toMatch(/13,254\.50/);
    expect(pdfText).toMatch(/13,267\.00/);
  }, 60_000);

  it('fails in one line on a bad date or an unknown account', async () => {
    const bad = await cli(['report', '--db', db, '--company', 'Contrato', '--account', IBAN, '--to', '2025-02-30']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const unknown = await cli(['report', '--db', db, '--company', 'Contrato', '--account', 'ES7620770024003102575766', '--to', '2025-03-31']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/has no account/);
  });
});

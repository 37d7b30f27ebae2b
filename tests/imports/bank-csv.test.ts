// Bank exports as spreadsheets (the canonical CSV, a Spanish bank's semicolon CSV, an XLSX)
// go through the same account resolution, line plan and duplicate detection as statement files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalCsv, type CanonicalRow } from '../books/support.js';
import { commit, companyWithAccount, openImportTest, preview, storedLines } from './support/harness.js';

let t: ReturnType<typeof openImportTest>;
beforeEach(() => {
  t = openImportTest();
});
afterEach(() => t.close());

/** A canonical bank export of consecutive days, with a running balance. */
function bankExport(from: number, to: number): Buffer {
  const rows: CanonicalRow[] = [];
  let balance = 10_000_00;
  for (let day = from; day <= to; day++) {
    const minor = day % 3 === 0 ? -(day * 1000 + 50) : day * 2000;
    balance += minor;
    const date = `2025-03-${String(day).padStart(2, '0')}`;
    rows.push({ id: `B${day}`, date, valueDate: date, amount: (minor / 100).toFixed(2), description: `MOVIMIENTO ${day}`, balance: (balance / 100).toFixed(2) });
  }
  return canonicalCsv(rows);
}

/** The same movements without ids, as a bank's own export writes them (ids make every re-export match). */
function bankExportWithoutIds(from: number, to: number): Buffer {
  return Buffer.from(bankExport(from, to).toString('utf8').replace(/^B\d+,/gm, ','));
}

describe('a bank CSV', () => {
  it('needs the account, since it does not name one', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const shown = await preview(t.cli, companyId, 'march.csv', bankExport(1, 5));
    expect(shown).toMatchObject({ side: 'bank', format: 'csv', books: null, layout: { needsMapping: false } });
    expect(shown.statements).toHaveLength(1);
    expect(shown.statements[0]).toMatchObject({ resolution: { kind: 'choose' }, lineCount: 5, currency: 'EUR' });
    const refused = await t.cli.raw('imports.commit', { companyId, fileName: 'march.csv', contentBase64: bankExport(1, 5).toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/choose an account/) } });

    const chosen = await preview(t.cli, companyId, 'march.csv', bankExport(1, 5), { accountId });
    expect(chosen.statements[0]).toMatchObject({ resolution: { kind: 'existing', accountId, how: 'chosen' }, newLines: 5, balanceChecked: true });
  });

  it('is a no-op the second time, and an overlapping export adds only the new days', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const first = await commit(t.cli, companyId, 'a.csv', bankExportWithoutIds(1, 10), { accountId, side: 'bank' });
    expect(first).toMatchObject({ side: 'bank', format: 'csv', added: 10, skippedDuplicates: 0, books: null });
    const same = await commit(t.cli, companyId, 'a-copy.csv', bankExportWithoutIds(1, 10), { accountId });
    expect(same).toMatchObject({ alreadyImported: true, batchId: first.batchId, side: 'bank' });
    const overlap = await commit(t.cli, companyId, 'b.csv', bankExportWithoutIds(6, 15), { accountId, side: 'bank' });
    expect(overlap).toMatchObject({ added: 5, skippedDuplicates: 5, possibleDuplicates: 0 });
    const lines = storedLines(t.core.deps.db, accountId);
    expect(lines).toHaveLength(15);
    expect(new Set(lines.map((l) => l.date)).size).toBe(15);
  });

  it('keeps the ids of the file as bank ids, so a re-export with other texts still matches', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    await commit(t.cli, companyId, 'a.csv', bankExport(1, 4), { accountId });
    const renamed = Buffer.from(bankExport(1, 6).toString('utf8').replace(/MOVIMIENTO/g, 'MOV.'));
    const again = await commit(t.cli, companyId, 'b.csv', renamed, { accountId });
    expect(again).toMatchObject({ added: 2, skippedDuplicates: 4 });
    expect(storedLines(t.core.deps.db, accountId).map((l) => l.bankId)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5', 'B6']);
  });
});

describe('real bank exports', () => {
  const data = join(process.cwd(), '..', 'shared', 'data');
  it.each([
    ['csv/es_imaginbank_semicolon_eur_suffix.csv', 'csv', 6],
    ['xlsx/es_bbva_movimientos.xlsx', 'xlsx', 6],
  ])('%s imports into the chosen account, once', async (name, format, lines) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(data, name));
    } catch {
      return; // the shared data folder is not part of every checkout
    }
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const result = await commit(t.cli, companyId, name, bytes, { accountId });
    expect(result).toMatchObject({ side: 'bank', format, added: lines });
    const again = await commit(t.cli, companyId, `${name}.copy`, Buffer.concat([bytes]), { accountId });
    expect(again.alreadyImported).toBe(true);
  });
});

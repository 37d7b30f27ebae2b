import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { camt053, dailyMovements, mt940, norma43, ofx, type Movement } from './support/statement-files.js';
import { commit, companyWithAccount, openImportTest, preview, rowCounts, storedLines } from './support/harness.js';

let t: ReturnType<typeof openImportTest>;
beforeEach(() => {
  t = openImportTest();
});
afterEach(() => t.close());

const n43 = (movements: Movement[], from: string, to: string): Buffer => norma43({ movements, from, to, openingMinor: 100_000 });

describe('importing the same file twice', () => {
  it('is a no-op that names the earlier batch', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const file = n43(dailyMovements('2025-01-01', '2025-01-10'), '2025-01-01', '2025-01-10');
    const first = await commit(t.cli, companyId, 'enero.n43', file);
    expect(first).toMatchObject({ alreadyImported: false, added: 20, skippedDuplicates: 0, possibleDuplicates: 0, format: 'norma43' });
    const before = rowCounts(t.core.deps.db);
    t.time.advance(86_400_000);
    const second = await commit(t.cli, companyId, 'copia de enero.n43', file);
    expect(second).toMatchObject({ alreadyImported: true, batchId: first.batchId, added: 0 });
    expect(second.message).toMatch(new RegExp(`already imported on 2025-03-03 as batch ${first.batchId}`));
    expect(rowCounts(t.core.deps.db)).toEqual(before);
    expect(storedLines(t.core.deps.db, accountId)).toHaveLength(20);
    const list = await t.cli.ok('imports.list', { companyId });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: first.batchId, fileName: 'enero.n43', importedBy: 'cli', added: 20, lineCount: 20 });
  });

  it('says so in the preview too', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const file = n43(dailyMovements('2025-01-01', '2025-01-03'), '2025-01-01', '2025-01-03');
    const { batchId } = await commit(t.cli, companyId, 'a.n43', file);
    const p = await preview(t.cli, companyId, 'a.n43', file);
    expect(p.alreadyImported).toEqual({ batchId, importedAt: '2025-03-03T09:00:00.000Z' });
    expect(p.lines).toEqual({ total: 6, new: 0, duplicates: 6, possibleDuplicates: 0 });
  });
});

describe('overlapping statements', () => {
  it('skip exactly the days already imported (Norma 43, no bank ids)', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const all = dailyMovements('2025-01-01', '2025-01-15');
    await commit(t.cli, companyId, '01-10.n43', n43(all.filter((m) => m.date <= '2025-01-10'), '2025-01-01', '2025-01-10'));
    const second = await commit(t.cli, companyId, '06-15.n43', n43(all.filter((m) => m.date >= '2025-01-06'), '2025-01-06', '2025-01-15'));
    expect(second).toMatchObject({ added: 10, skippedDuplicates: 10, possibleDuplicates: 0 });
    const lines = storedLines(t.core.deps.db, accountId);
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map((l) => `${l.date} ${l.amount} ${l.text}`)).size).toBe(30);
  });

  it('skip exactly the overlap in MT940 too', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const all = dailyMovements('2025-02-01', '2025-02-20');
    const part = (from: string, to: string): Buffer =>
      mt940({ movements: all.filter((m) => m.date >= from && m.date <= to), openingMinor: 0, openingDate: from, closingDate: to });
    expect(await commit(t.cli, companyId, 'a.sta', part('2025-02-01', '2025-02-12'))).toMatchObject({ added: 24, skippedDuplicates: 0 });
    expect(await commit(t.cli, companyId, 'b.sta', part('2025-02-10', '2025-02-20'))).toMatchObject({ added: 16, skippedDuplicates: 6 });
    expect(storedLines(t.core.deps.db, accountId)).toHaveLength(40);
  });
});

describe('identical movements on one day', () => {
  const coffee = (date: string): Movement => ({ date, amountMinor: -450, text: 'COMPRA TARJ. CAFETERIA LA ESQUINA' });

  it('stay two lines, and survive the re-import of an overlapping file', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const day1 = [coffee('2025-01-05'), coffee('2025-01-05'), { date: '2025-01-05', amountMinor: 9900, text: 'ABONO' }];
    expect(await commit(t.cli, companyId, 'a.n43', n43(day1, '2025-01-05', '2025-01-05'))).toMatchObject({ added: 3 });
    const stored = storedLines(t.core.deps.db, accountId).filter((l) => l.amount === -450);
    expect(stored.map((l) => l.occurrence)).toEqual([0, 1]);

    // The next file repeats 5 January (both coffees) and adds a third coffee on 6 January.
    const day2 = [...day1, coffee('2025-01-06')];
    expect(await commit(t.cli, companyId, 'b.n43', n43(day2, '2025-01-05', '2025-01-06'))).toMatchObject({ added: 1, skippedDuplicates: 3 });
    // A later extract of 5 January shows a third identical coffee that day: exactly one new line.
    const day3 = [coffee('2025-01-05'), coffee('2025-01-05'), coffee('2025-01-05')];
    expect(await commit(t.cli, companyId, 'c.n43', n43(day3, '2025-01-05', '2025-01-05'))).toMatchObject({ added: 1, skippedDuplicates: 2 });
    expect(storedLines(t.core.deps.db, accountId).filter((l) => l.amount === -450)).toHaveLength(4);
  });
});

describe('bank ids', () => {
  it('prove identity when unique (CAMT AcctSvcrRef): a changed text is still the same line', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const ms: Movement[] = [
      { date: '2025-03-01', amountMinor: -1500, text: 'CUOTA', bankId: 'ACSR-1' },
      { date: '2025-03-01', amountMinor: -1500, text: 'CUOTA', bankId: 'ACSR-2' },
    ];
    expect(await commit(t.cli, companyId, 'a.xml', camt053({ movements: ms, from: '2025-03-01', to: '2025-03-01', openingMinor: 0 }))).toMatchObject({ added: 2 });
    const again: Movement[] = [
      { ...ms[0]!, text: 'CUOTA MENSUAL SOCIO' },
      { date: '2025-03-02', amountMinor: 800, text: 'DEVOLUCION', bankId: 'ACSR-3' },
    ];
    const second = await commit(t.cli, companyId, 'b.xml', camt053({ movements: again, from: '2025-03-01', to: '2025-03-02', openingMinor: 0, id: 'S2' }));
    expect(second).toMatchObject({ added: 1, skippedDuplicates: 1 });
    expect(storedLines(t.core.deps.db, accountId).map((l) => l.bankId)).toEqual(['ACSR-1', 'ACSR-2', 'ACSR-3']);
  });

  it('fall back to fingerprints when an OFX file repeats its FITIDs', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const ms: Movement[] = [
      { date: '2025-04-02', amountMinor: -2000, text: 'FOREIGN TRANSACTION FEE', bankId: 'F1' },
      { date: '2025-04-02', amountMinor: 500, text: 'REWARD CREDIT', bankId: 'F1' },
      { date: '2025-04-03', amountMinor: -7000, text: 'SUPERMARKET', bankId: 'F2' },
    ];
    const first = await commit(t.cli, companyId, 'a.ofx', ofx({ movements: ms, from: '2025-04-01', to: '2025-04-03', closingMinor: 0 }));
    expect(first.added).toBe(3);
    const stored = storedLines(t.core.deps.db, accountId);
    expect(stored.map((l) => l.bankId)).toEqual([null, null, 'F2']);
    // A later download holds the same three and one more: only the new one is added.
    const more = [...ms, { date: '2025-04-04', amountMinor: -100, text: 'ATM', bankId: 'F3' }];
    const second = await commit(t.cli, companyId, 'b.ofx', ofx({ movements: more, from: '2025-04-01', to: '2025-04-04', closingMinor: 0 }));
    expect(second).toMatchObject({ added: 1, skippedDuplicates: 3 });
  });
});

describe('possible duplicates', () => {
  it('are imported, listed and recorded, never dropped', async () => {
    const { companyId, accountId } = await companyWithAccount(t.cli);
    const a: Movement[] = [
      { date: '2025-05-10', amountMinor: -3000, text: 'PAGO PROVEEDOR GARCIA' },
      { date: '2025-05-11', amountMinor: -4500, text: 'RECIBO GIMNASIO' },
    ];
    await commit(t.cli, companyId, 'a.n43', n43(a, '2025-05-10', '2025-05-11'));
    // Another file (another export of the same days, without the overlap being provable).
    const b: Movement[] = [
      { date: '2025-05-10', amountMinor: -3000, text: 'TRANSF. A J. GARCIA SL' }, // same day and amount, other text
      { date: '2025-05-12', amountMinor: -4500, text: 'RECIBO GIMNASIO' }, // same text and amount, one day later
      { date: '2025-05-12', amountMinor: 1200, text: 'ABONO' },
    ];
    const bytes = n43(b, '2025-05-10', '2025-05-12');
    const p = await preview(t.cli, companyId, 'b.n43', bytes);
    expect(p.lines).toEqual({ total: 3, new: 3, duplicates: 0, possibleDuplicates: 2 });
    expect(p.possibleDuplicates.map((d) => [d.reason, d.line.description, d.existing.description])).toEqual([
      ['same_date_amount', 'TRANSF. A J. GARCIA SL', 'PAGO PROVEEDOR GARCIA'],
      ['adjacent_date_same_text', 'RECIBO GIMNASIO', 'RECIBO GIMNASIO'],
    ]);
    const result = await commit(t.cli, companyId, 'b.n43', bytes);
    expect(result).toMatchObject({ added: 3, skippedDuplicates: 0, possibleDuplicates: 2 });
    expect(storedLines(t.core.deps.db, accountId)).toHaveLength(5);
    const pairs = t.core.deps.db
      .prepare(
        `SELECT p.reason, n.description AS line, o.description AS other, p.status FROM possible_duplicates p
           JOIN bank_lines n ON n.id = p.line_id JOIN bank_lines o ON o.id = p.other_line_id ORDER BY p.id`,
      )
      .all();
    expect(pairs).toEqual([
      { reason: 'same_date_amount', line: 'TRANSF. A J. GARCIA SL', other: 'PAGO PROVEEDOR GARCIA', status: 'open' },
      { reason: 'adjacent_date_same_text', line: 'RECIBO GIMNASIO', other: 'RECIBO GIMNASIO', status: 'open' },
    ]);
    expect((await t.cli.ok('imports.list', { companyId }))[0]).toMatchObject({ possibleDuplicates: 2 });
  });

  it('are not raised by lines of the overlap that the new file itself accounts for', async () => {
    const { companyId } = await companyWithAccount(t.cli);
    const all = dailyMovements('2025-06-01', '2025-06-10');
    await commit(t.cli, companyId, 'a.n43', n43(all.filter((m) => m.date <= '2025-06-05'), '2025-06-01', '2025-06-05'));
    const second = await commit(t.cli, companyId, 'b.n43', n43(all.filter((m) => m.date >= '2025-06-03'), '2025-06-03', '2025-06-10'));
    expect(second).toMatchObject({ added: 10, skippedDuplicates: 6, possibleDuplicates: 0 });
  });
});

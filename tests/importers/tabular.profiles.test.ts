/**
 * Layouts and saved profiles: detect → save as a profile → JSON round trip (as the database and
 * IPC carry it) → apply to a file with the same headers in another order; the layout in the
 * contract's shape for the mapping screen.
 */
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../main/core/contract/errors.js';
import { tabularLayoutSchema } from '../../main/core/contract/books-schemas.js';
import {
  applyLayout, detectLayout, layoutFromProfile, parseBankTable, parseBooksTable, parseProfile, profileFromLayout,
  readGrid, tabularProfileSchema, toContractLayout, type TabularProfile,
} from '../../main/core/importers/tabular/index.js';
import { tabular, utf8 } from './tabular-support.js';

function refused(run: () => unknown): CoreError {
  try {
    run();
  } catch (err) {
    if (err instanceof CoreError) return err;
    throw err;
  }
  throw new Error('expected a CoreError');
}

/** The same bank's export with its columns in another order, other rows, and no metadata block. */
const REORDERED = [
  'Saldo;Importe;Concepto;Fecha valor;Fecha operación',
  '500,00 €;-20,00 €;Recibo agua;02/04/2025;01/04/2025',
  '1.500,00 €;1.000,00 €;Transferencia recibida;05/04/2025;05/04/2025',
  '1.487,50 €;-12,50 €;Comisión;30/04/2025;30/04/2025',
].join('\r\n');

describe('profiles', () => {
  it('detect → profile → JSON → apply to a reordered file with the same headers', () => {
    const detected = detectLayout(readGrid(tabular('own_cp1252_euro_metadata_footer.csv')).grid, { side: 'bank' });
    const profile = profileFromLayout(detected, 'Banco Ejemplo');
    expect(profile).toEqual({
      name: 'Banco Ejemplo',
      side: 'bank',
      columns: [
        { header: 'Fecha operación', role: 'date' },
        { header: 'Fecha valor', role: 'valueDate' },
        { header: 'Concepto', role: 'description' },
        { header: 'Importe', role: 'amount' },
        { header: 'Saldo', role: 'balance' },
      ],
      dateOrder: 'dmy',
      decimalSeparator: ',',
      signConvention: 'signed',
      ledger: false,
    });
    const stored: unknown = JSON.parse(JSON.stringify(profile));
    const restored = tabularProfileSchema.parse(stored);

    const grid = readGrid(utf8(REORDERED)).grid;
    const layout = layoutFromProfile(grid, restored);
    expect(layout.columns.map((c) => c.role)).toEqual(['balance', 'amount', 'description', 'valueDate', 'date']);
    expect(layout.reasons[0]).toBe('The saved profile "Banco Ejemplo" was applied.');
    const applied = applyLayout(grid, layout, { currency: 'EUR' });
    expect(applied.records.map((r) => [r.date, r.valueDate, r.amount, r.balance, r.description])).toEqual([
      ['2025-04-01', '2025-04-02', -2000, 50000, 'Recibo agua'],
      ['2025-04-05', '2025-04-05', 100000, 150000, 'Transferencia recibida'],
      ['2025-04-30', '2025-04-30', -1250, 148750, 'Comisión'],
    ]);
    const viaParse = parseBankTable(utf8(REORDERED), { profile: restored });
    expect(viaParse.statements[0]?.lines.map((l) => l.amount.minor)).toEqual([-2000, 100000, -1250]);
    expect(viaParse.statements[0]?.balanceChecked).toBe(true);
  });

  it('a profile settles what the file cannot: the date order of ambiguous dates', () => {
    const profile: TabularProfile = {
      name: 'Cuotas (m/d)', side: 'bank', ledger: false, signConvention: 'signed', dateOrder: 'mdy', decimalSeparator: ',',
      columns: [{ header: 'Fecha', role: 'date' }, { header: 'Concepto', role: 'description' }, { header: 'Importe', role: 'amount' }],
    };
    const r = parseBankTable(tabular('own_dates_ambiguous_monthly.csv'), { profile, currency: 'EUR' });
    expect(r.statements[0]?.lines.map((l) => l.bookingDate)).toEqual(['2025-01-02', '2025-01-03', '2025-01-04']);
    expect(r.layout.ambiguities).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('date_order_ambiguous');
  });

  it('a file without the profile\'s columns is refused, naming them', () => {
    const profile = profileFromLayout(detectLayout(readGrid(tabular('mx_santander_english_synthetic.csv')).grid, { side: 'bank' }), 'Santander MX');
    const err = refused(() => parseBankTable(tabular('es_imaginbank_semicolon_eur_suffix.csv'), { profile }));
    expect(err.code).toBe('import_unreadable');
    expect(err.message).toMatch(/does not have the columns of the profile "Santander MX" \(missing "Date", "Description", "Amount", "Balance", "Reference Number"\)/);
  });

  it('a profile for the other side, or a malformed one, is invalid input', () => {
    const profile = profileFromLayout(detectLayout(readGrid(tabular('mx_santander_english_synthetic.csv')).grid, { side: 'bank' }), 'Santander MX');
    expect(refused(() => parseBooksTable(tabular('mx_santander_english_synthetic.csv'), { profile })).code).toBe('invalid_input');
    expect(refused(() => parseProfile({ ...profile, columns: [] })).code).toBe('invalid_input');
    expect(refused(() => parseProfile({ ...profile, signConvention: 'sideways' })).message).toMatch(/signConvention/);
  });

  it('a books profile keeps the ledger flag: Debe is money into the bank', () => {
    const detected = detectLayout(readGrid(tabular('own_books_ledger_debe_haber.csv')).grid, { side: 'books', ledger: true });
    const profile = profileFromLayout(detected, 'Libro de bancos', { ledger: true });
    const r = parseBooksTable(tabular('own_books_ledger_debe_haber.csv'), { profile });
    expect(r.items.map((i) => [i.kind, i.amount.minor])).toEqual([
      ['ledger_entry', 121000], ['ledger_entry', -36300], ['ledger_entry', -1250], ['ledger_entry', 242000],
    ]);
  });
});

describe('layout in the contract shape', () => {
  it('matches the contract schema, with a preview of the data rows', () => {
    const grid = readGrid(tabular('es_bbva_movimientos.xlsx')).grid;
    const layout = detectLayout(grid, { side: 'bank' });
    const contract = toContractLayout(grid, layout, 7);
    expect(tabularLayoutSchema.parse(contract)).toEqual(contract);
    expect(contract).toMatchObject({ headerRow: 5, profileId: 7, needsMapping: false, signConvention: 'signed', dateOrder: 'dmy' });
    expect(contract.headers).toEqual(['F.Valor', 'Fecha', 'Concepto', 'Movimiento', 'Importe', 'Divisa', 'Disponible', 'Divisa', 'Observaciones']);
    expect(contract.sampleRows).toHaveLength(6);
    expect(contract.sampleRows[0]?.slice(0, 5)).toEqual(['13/11/2025', '13/11/2025', 'Traspaso programa tu cuenta', 'Trp redondeo tarjeta', '0.52']);
  });

  it('detectLayout + applyLayout step by step give what parseBankTable gives', () => {
    const bytes = tabular('es_imaginbank_semicolon_eur_suffix.csv');
    const grid = readGrid(bytes).grid;
    const applied = applyLayout(grid, detectLayout(grid, { side: 'bank' }));
    const parsed = parseBankTable(bytes);
    expect(applied.records.map((r) => r.amount)).toEqual(parsed.statements[0]?.lines.map((l) => l.amount.minor));
    expect(applied.chain.map((r) => r.row)).toEqual([7, 6, 5, 4, 3, 2]);
  });
});

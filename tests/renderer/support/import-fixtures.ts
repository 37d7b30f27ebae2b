import type {
  BankLineRow,
  BookItemRow,
  ImportPreview,
  ImportResult,
  StatementSummary,
  TabularLayout,
} from '../../../main/core/contract/index.js';
import type { DroppedFile } from '../../../renderer/src/stores/types.js';

/** A dropped file with the given text as its bytes (what File gives the app). */
export function droppedFile(name: string, text: string): DroppedFile {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

/** Base64 of a UTF-8 text, computed byte by byte, to compare with what the renderer sent. */
export const base64Of = (text: string): string => btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(''));

export function makeStatement(over: Partial<StatementSummary> = {}): StatementSummary {
  return {
    account: { iban: 'ES9121000418450200051332', number: null, currency: 'EUR' },
    resolution: { kind: 'existing', accountId: 1, name: 'Main account', how: 'matched' },
    currency: 'EUR',
    periodFrom: '2025-03-01',
    periodTo: '2025-03-31',
    lineCount: 24,
    debitCount: 10,
    creditCount: 14,
    openingBalance: { amountMinor: 1000000, date: '2025-02-28' },
    closingBalance: { amountMinor: 1325450, date: '2025-03-31' },
    controlTotals: null,
    balanceChecked: true,
    newLines: 22,
    duplicateLines: 2,
    possibleDuplicates: 0,
    ...over,
  };
}

export function makePreview(over: Partial<ImportPreview> = {}): ImportPreview {
  return {
    fileName: 'marzo.n43',
    sha256: 'a'.repeat(64),
    format: 'norma43',
    encoding: 'windows-1252',
    alreadyImported: null,
    statements: [makeStatement()],
    lines: { total: 24, new: 22, duplicates: 2, possibleDuplicates: 0 },
    possibleDuplicates: [],
    diagnostics: [{ level: 'warning', code: 'invalid_date', message: 'The date 31/02/2025 does not exist.', line: 12 }],
    side: 'bank',
    layout: null,
    books: null,
    ...over,
  };
}

export function makeLayout(over: Partial<TabularLayout> = {}): TabularLayout {
  return {
    headerRow: 1,
    headers: ['Fecha', 'Concepto', 'Importe', 'Saldo'],
    columns: [
      { index: 0, header: 'Fecha', role: 'date', confidence: 0.95 },
      { index: 1, header: 'Concepto', role: 'description', confidence: 0.9 },
      { index: 2, header: 'Importe', role: 'ignore', confidence: 0.3 },
      { index: 3, header: 'Saldo', role: 'balance', confidence: 0.6 },
    ],
    dateOrder: 'dmy',
    decimalSeparator: ',',
    signConvention: 'signed',
    confidence: 0.4,
    needsMapping: true,
    reasons: ['No column says which is the amount.'],
    profileId: null,
    sampleRows: [
      ['03/03/2025', 'TRANSFERENCIA DISTRIBUCIONES LOPEZ', '1.210,00', '11.210,00'],
      ['05/03/2025', 'RECIBO TELEFONICA', '-363,00', '10.847,00'],
    ],
    ...over,
  };
}

export function makeResult(over: Partial<ImportResult> = {}): ImportResult {
  return {
    batchId: 1,
    alreadyImported: false,
    message: 'Imported',
    format: 'norma43',
    encoding: 'windows-1252',
    added: 22,
    skippedDuplicates: 2,
    possibleDuplicates: 0,
    warnings: [],
    createdAccounts: [],
    side: 'bank',
    books: null,
    savedProfileId: null,
    ...over,
  };
}

export function makeLine(id: number, over: Partial<BankLineRow> = {}): BankLineRow {
  return {
    id,
    accountId: 1,
    bookingDate: '2025-03-03',
    valueDate: '2025-03-03',
    amountMinor: id % 2 === 0 ? -36300 : 121000,
    currency: 'EUR',
    description: `Movimiento ${id}`,
    counterpartyName: null,
    reference: `REF-${id}`,
    bankId: null,
    provisional: false,
    status: 'unmatched',
    ...over,
  };
}

export function makeItem(id: number, over: Partial<BookItemRow> = {}): BookItemRow {
  return {
    id,
    externalId: `I${id}`,
    accountId: null,
    kind: 'invoice',
    documentNumber: `FV-2025-${String(id).padStart(4, '0')}`,
    date: '2025-02-10',
    dueDate: '2025-03-12',
    amountMinor: 121000,
    openAmountMinor: 121000,
    currency: 'EUR',
    description: 'Factura',
    counterpartyName: 'Distribuciones López S.L.',
    taxId: 'B12345674',
    paymentReference: null,
    cfdiUuid: null,
    status: 'unmatched',
    ...over,
  };
}

/** A promise with its resolve function outside, to hold a core answer until the test lets it go. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * The reconciliation report as a table (shared by the CSV and XLSX exports) and as CSV: UTF-8
 * with a BOM so Excel reads the accents, CRLF line ends and quoting per RFC 4180, every row
 * padded to the same width. Text cells that a spreadsheet could take for a formula are
 * neutralised; amounts, ids and ages are written as numbers and stay numbers.
 */
import type { ReconciliationReport } from '../contract/match-schemas.js';
import { formatMinor } from '../importers/money.js';

/** Languages the exports are written in. */
export type ReportLocale = 'es' | 'en';

/** Who the report is for, printed in the header when known. */
export interface ReportContext {
  locale: ReportLocale;
  firmName?: string | null;
  companyName?: string | null;
}

/** One cell of the report table: the spreadsheet decides how each kind is stored. */
export type ReportCell =
  | { kind: 'text'; text: string }
  | { kind: 'amount'; minor: number }
  | { kind: 'integer'; value: number }
  | { kind: 'date'; iso: string }
  | { kind: 'dateTime'; iso: string }
  | { kind: 'empty' };

/** Labels shared by every export; the print view adds its own on top. */
export interface TableLabels {
  title: string;
  sheetName: string;
  firm: string;
  company: string;
  account: string;
  iban: string;
  currency: string;
  date: string;
  statementDate: string;
  lockedThrough: string;
  generatedAt: string;
  proof: string;
  statementBalance: string;
  booksBalance: string;
  outstandingBankTotal: string;
  outstandingBooksTotal: string;
  unexplained: string;
  outstandingBank: string;
  outstandingBooks: string;
  side: string;
  id: string;
  externalId: string;
  itemDate: string;
  amount: string;
  ageDays: string;
  description: string;
  sideBank: string;
  sideBooks: string;
}

/** Table labels per locale (the XLSX sheet name too). */
export const tableLabels: Readonly<Record<ReportLocale, TableLabels>> = {
  en: {
    title: 'Bank reconciliation report',
    sheetName: 'Reconciliation',
    firm: 'Firm',
    company: 'Company',
    account: 'Account',
    iban: 'IBAN',
    currency: 'Currency',
    date: 'Reconciliation date',
    statementDate: 'Statement balance date',
    lockedThrough: 'Locked through',
    generatedAt: 'Generated at (UTC)',
    proof: 'Proof',
    statementBalance: 'Statement balance',
    booksBalance: 'Books balance',
    outstandingBankTotal: 'Outstanding bank items total',
    outstandingBooksTotal: 'Outstanding books items total',
    unexplained: 'Unexplained',
    outstandingBank: 'Outstanding bank items',
    outstandingBooks: 'Outstanding books items',
    side: 'Side',
    id: 'Id',
    externalId: 'External id',
    itemDate: 'Date',
    amount: 'Amount',
    ageDays: 'Age (days)',
    description: 'Description',
    sideBank: 'bank',
    sideBooks: 'books',
  },
  es: {
    title: 'Informe de conciliación bancaria',
    sheetName: 'Conciliación',
    firm: 'Despacho',
    company: 'Empresa',
    account: 'Cuenta',
    iban: 'IBAN',
    currency: 'Divisa',
    date: 'Fecha de conciliación',
    statementDate: 'Fecha del saldo del extracto',
    lockedThrough: 'Cerrado hasta',
    generatedAt: 'Generado el (UTC)',
    proof: 'Prueba de conciliación',
    statementBalance: 'Saldo según extracto',
    booksBalance: 'Saldo según contabilidad',
    outstandingBankTotal: 'Total partidas pendientes del banco',
    outstandingBooksTotal: 'Total partidas pendientes de contabilidad',
    unexplained: 'Sin explicar',
    outstandingBank: 'Partidas pendientes del banco',
    outstandingBooks: 'Partidas pendientes de contabilidad',
    side: 'Lado',
    id: 'Id',
    externalId: 'Id externo',
    itemDate: 'Fecha',
    amount: 'Importe',
    ageDays: 'Antigüedad (días)',
    description: 'Concepto',
    sideBank: 'banco',
    sideBooks: 'contabilidad',
  },
};

/** Width of every table row: side, id, external id, date, amount, age, description. */
export const TABLE_WIDTH = 7;

// OWASP's list of characters that make a spreadsheet read a cell as a formula (or, for tab
// and carriage return, let the next character do so once the cell is pasted elsewhere).
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets: a leading =, +, -, @, tab or CR gets a `'` in front. */
export function neutraliseText(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

const text = (value: string): ReportCell => ({ kind: 'text', text: value });
const amountOrEmpty = (minor: number | null): ReportCell => (minor === null ? { kind: 'empty' } : { kind: 'amount', minor });
const dateOrEmpty = (iso: string | null): ReportCell => (iso === null ? { kind: 'empty' } : { kind: 'date', iso });

/** The report laid out as rows: header, proof lines, then one section per side of outstanding items. */
export function reportTable(report: ReconciliationReport, context: ReportContext): ReportCell[][] {
  const l = tableLabels[context.locale];
  const rows: ReportCell[][] = [[text(l.title)]];
  if (context.firmName) rows.push([text(l.firm), text(context.firmName)]);
  if (context.companyName) rows.push([text(l.company), text(context.companyName)]);
  rows.push(
    [text(l.account), text(report.accountName)],
    [text(l.iban), report.iban === null ? { kind: 'empty' } : text(report.iban)],
    [text(l.currency), text(report.currency)],
    [text(l.date), { kind: 'date', iso: report.to }],
    [text(l.statementDate), dateOrEmpty(report.statementBalanceDate)],
    [text(l.lockedThrough), dateOrEmpty(report.lockedThrough)],
    [text(l.generatedAt), { kind: 'dateTime', iso: report.generatedAt }],
    [],
    [text(l.proof)],
    [text(l.statementBalance), amountOrEmpty(report.statementBalanceMinor)],
    [text(l.booksBalance), amountOrEmpty(report.booksBalanceMinor)],
    [text(l.outstandingBankTotal), { kind: 'amount', minor: report.outstandingBankTotalMinor }],
    [text(l.outstandingBooksTotal), { kind: 'amount', minor: report.outstandingBooksTotalMinor }],
    [text(l.unexplained), amountOrEmpty(report.unexplainedMinor)],
  );
  const sections = [
    { title: l.outstandingBank, side: l.sideBank, items: report.outstandingBank },
    { title: l.outstandingBooks, side: l.sideBooks, items: report.outstandingBooks },
  ];
  for (const section of sections) {
    rows.push([], [text(section.title)], [l.side, l.id, l.externalId, l.itemDate, l.amount, l.ageDays, l.description].map(text));
    for (const item of section.items) {
      rows.push([
        text(section.side),
        { kind: 'integer', value: item.id },
        item.externalId === null ? { kind: 'empty' } : text(item.externalId),
        { kind: 'date', iso: item.date },
        { kind: 'amount', minor: item.amountMinor },
        { kind: 'integer', value: item.ageDays },
        text(item.description),
      ]);
    }
  }
  return rows.map((row) => [...row, ...Array.from({ length: TABLE_WIDTH - row.length }, (): ReportCell => ({ kind: 'empty' }))]);
}

/** One field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvCell(cell: ReportCell, currency: string): string {
  switch (cell.kind) {
    case 'text': return csvField(neutraliseText(cell.text));
    case 'amount': return formatMinor(cell.minor, currency);
    case 'integer': return String(cell.value);
    // Valid ISO dates never need it; the guard stays because this function does not validate.
    case 'date': case 'dateTime': return csvField(neutraliseText(cell.iso));
    case 'empty': return '';
  }
}

const BOM = '\uFEFF';

/** The report as CSV bytes: UTF-8 with BOM, CRLF, RFC 4180 quoting, amounts as "-1234.56". */
export function reportToCsv(report: ReconciliationReport, context: ReportContext): Uint8Array {
  const lines = reportTable(report, context).map((row) => row.map((cell) => csvCell(cell, report.currency)).join(','));
  return new TextEncoder().encode(BOM + lines.join('\r\n') + '\r\n');
}

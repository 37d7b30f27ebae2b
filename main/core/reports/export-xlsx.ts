/**
 * The reconciliation report as an .xlsx workbook with one sheet ("Reconciliation" or
 * "Conciliación") holding the same table as the CSV. Amounts are numeric cells with a number
 * format of the currency's decimals, ids and ages are integers, every date is a real date
 * (an Excel serial with a date format, times in UTC), and text cells are neutralised as in the
 * CSV so that a later copy to CSV cannot turn them into formulas. SheetJS is loaded on first
 * use: importing this module does no I/O.
 */
import type { CellObject, WorkSheet } from '@e965/xlsx';
import type { ReconciliationReport } from '../contract/match-schemas.js';
import { currencyExponent, formatMinor } from '../importers/money.js';
import { neutraliseText, reportTable, tableLabels, TABLE_WIDTH, type ReportCell, type ReportContext } from './export-csv.js';

const DAY_MS = 86_400_000;
// Excel's day 0 in the 1900 date system (its phantom 29 Feb 1900 makes it 30 Dec 1899).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
// Side, id, external id, date, amount, age, description (in characters).
const COLUMN_WIDTHS = [34, 10, 18, 12, 16, 16, 60];

/** Excel serial of an ISO date or UTC date-time ("2025-01-31" → 45688). */
export function isoToExcelSerial(iso: string): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(ms)) throw new RangeError(`isoToExcelSerial: "${iso}" is not an ISO date`);
  return (ms - EXCEL_EPOCH_MS) / DAY_MS;
}

/** Excel number format with the currency's minor digits: '#,##0.00' for EUR, '#,##0' for JPY. */
export function amountNumberFormat(currency: string): string {
  const digits = currencyExponent(currency);
  return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
}

function xlsxCell(cell: ReportCell, currency: string): CellObject | null {
  switch (cell.kind) {
    case 'text': return { t: 's', v: neutraliseText(cell.text) };
    // Through the exact decimal string: the double is the one nearest the written amount.
    case 'amount': return { t: 'n', v: Number(formatMinor(cell.minor, currency)), z: amountNumberFormat(currency) };
    case 'integer': return { t: 'n', v: cell.value, z: '0' };
    case 'date': return { t: 'n', v: isoToExcelSerial(cell.iso), z: DATE_FORMAT };
    case 'dateTime': return { t: 'n', v: isoToExcelSerial(cell.iso), z: DATE_TIME_FORMAT };
    case 'empty': return null;
  }
}

/** The report as .xlsx bytes: one sheet named by locale, numeric amounts, real dates. */
export async function reportToXlsx(report: ReconciliationReport, context: ReportContext): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const rows = reportTable(report, context);
  const sheet: WorkSheet = {};
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const value = xlsxCell(cell, report.currency);
      if (value) sheet[XLSX.utils.encode_cell({ r, c })] = value;
    });
  });
  sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: TABLE_WIDTH - 1 } });
  sheet['!cols'] = COLUMN_WIDTHS.map((wch) => ({ wch }));
  const book = XLSX.utils.book_new();
  const labels = tableLabels[context.locale];
  XLSX.utils.book_append_sheet(book, sheet, labels.sheetName);
  book.Props = { Title: `${labels.title} — ${report.accountName} — ${report.to}` };
  const out: unknown = XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true });
  if (!(out instanceof ArrayBuffer)) throw new TypeError('reportToXlsx: SheetJS did not return an ArrayBuffer');
  return new Uint8Array(out);
}

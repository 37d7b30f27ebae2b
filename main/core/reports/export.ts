/**
 * One entry for every export of the reconciliation report: CSV, XLSX and the printable HTML.
 * The PDF is made by the host from the HTML (Electron's printToPDF on the desktop, headless
 * Chromium in tests and the CLI: see pdf-chromium.ts); `reportFileName` names it too.
 */
import type { ReconciliationReport } from '../contract/match-schemas.js';
import { reportToCsv, type ReportContext, type ReportLocale } from './export-csv.js';
import { reportToXlsx } from './export-xlsx.js';
import { reportToHtml } from './print-view.js';

export type { ReportContext, ReportLocale } from './export-csv.js';

/** The formats the core writes itself. */
export type ReportFormat = 'csv' | 'xlsx' | 'html';

export interface ExportReportOptions {
  format: ReportFormat;
  locale: ReportLocale;
  /** The accounting firm, printed above the title when given. */
  firmName?: string | null;
  /** The client company whose account this is. */
  companyName?: string | null;
}

/** A finished file: the host saves it (desktop) or offers it as a download (browser mode). */
export interface ExportedReport {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

const MIME_TYPES: Readonly<Record<ReportFormat | 'pdf', string>> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html;charset=utf-8',
  pdf: 'application/pdf',
};

/** The MIME type of a report file. */
export function reportMimeType(format: ReportFormat | 'pdf'): string {
  return MIME_TYPES[format];
}

/** A portable file name: "conciliacion-cuenta-principal-2025-01-31.xlsx" (ASCII, no spaces). */
export function reportFileName(report: ReconciliationReport, format: ReportFormat | 'pdf', locale: ReportLocale): string {
  const slug = report.accountName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const prefix = locale === 'es' ? 'conciliacion' : 'reconciliation';
  return `${prefix}-${slug || `account-${report.accountId}`}-${report.to}.${format}`;
}

/** Writes the report in the requested format and language, ready to save or download. */
export async function exportReport(report: ReconciliationReport, options: ExportReportOptions): Promise<ExportedReport> {
  const context: ReportContext = { locale: options.locale, firmName: options.firmName ?? null, companyName: options.companyName ?? null };
  const bytes = options.format === 'csv'
    ? reportToCsv(report, context)
    : options.format === 'xlsx'
      ? await reportToXlsx(report, context)
      : new TextEncoder().encode(reportToHtml(report, context));
  return { fileName: reportFileName(report, options.format, options.locale), mimeType: reportMimeType(options.format), bytes };
}

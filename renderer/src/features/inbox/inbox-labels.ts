import type { ImportDiagnostic, StatementFormatName } from '../../../../main/core/contract/index.js';
import type { I18n } from '../../i18n/use-i18n.js';
import type { PlainKey } from '../../i18n/types.js';
import type { Readiness } from '../../stores/slices/inbox-readiness.js';
import type { InboxFile } from '../../stores/types.js';

/** File formats as accountants know them. */
const formatNames: Record<StatementFormatName, string> = {
  norma43: 'Norma 43', camt052: 'CAMT.052', camt053: 'CAMT.053', camt054: 'CAMT.054', mt940: 'MT940', mt942: 'MT942',
  ofx: 'OFX', qfx: 'QFX', csv: 'CSV', xlsx: 'XLSX', xls: 'XLS', html: 'HTML', cfdi: 'CFDI',
};
export const formatName = (format: StatementFormatName): string => formatNames[format];

/** The status word and colour of each readiness (colour is never alone: the word goes with it). */
export const readinessBadge: Record<Readiness, { tone: 'ok' | 'pending' | 'danger' | 'neutral'; key: PlainKey }> = {
  reading: { tone: 'neutral', key: 'inbox.status.reading' },
  checking: { tone: 'neutral', key: 'inbox.status.checking' },
  importing: { tone: 'pending', key: 'inbox.status.importing' },
  imported: { tone: 'ok', key: 'inbox.status.imported' },
  failed: { tone: 'danger', key: 'inbox.status.failed' },
  cancelled: { tone: 'neutral', key: 'inbox.status.cancelled' },
  skipped: { tone: 'neutral', key: 'inbox.status.skipped' },
  error: { tone: 'danger', key: 'inbox.status.error' },
  alreadyImported: { tone: 'neutral', key: 'inbox.status.alreadyImported' },
  needsMapping: { tone: 'pending', key: 'inbox.status.needsMapping' },
  needsAccount: { tone: 'pending', key: 'inbox.status.needsAccount' },
  empty: { tone: 'neutral', key: 'inbox.status.empty' },
  ready: { tone: 'ok', key: 'inbox.status.ready' },
};

/** Diagnostic codes with a sentence of their own in both languages; others show the core's sentence. */
const diagnosticKeys: Partial<Record<string, PlainKey>> = {
  balance_mismatch: 'diag.balance_mismatch',
  balance_row_mismatch: 'diag.balance_mismatch',
  balance_not_checked: 'diag.balance_not_checked',
  control_totals_mismatch: 'diag.control_totals_mismatch',
  record_count_mismatch: 'diag.record_count_mismatch',
  invalid_date: 'diag.invalid_date',
  invalid_amount: 'diag.invalid_amount',
  invalid_line: 'diag.invalid_line',
  row_skipped: 'diag.row_skipped',
  footer_skipped: 'diag.row_skipped',
  informational_rows: 'diag.row_skipped',
  encoding_fallback: 'diag.encoding',
  encoding_mismatch: 'diag.encoding',
  replacement_char: 'diag.encoding',
  currency_mismatch: 'diag.currency_mismatch',
  unknown_currency: 'diag.unknown_currency',
  account_assumed: 'diag.account_assumed',
  account_archived: 'diag.account_archived',
  missing_file_end: 'diag.truncated',
  missing_account_end: 'diag.truncated',
  ofx_truncated: 'diag.truncated',
  amount_rounded: 'diag.amount_rounded',
  amount_precision: 'diag.amount_rounded',
  duplicate_bank_id: 'diag.duplicate_bank_id',
  other_sheets_ignored: 'diag.other_sheets_ignored',
  date_order_ambiguous: 'diag.date_order_ambiguous',
  decimal_separator_ambiguous: 'diag.decimal_separator_ambiguous',
  columns_uncertain: 'diag.columns_uncertain',
  layout_needs_confirmation: 'diag.columns_uncertain',
  sign_inverted: 'diag.sign_inverted',
  rows_newest_first: 'diag.rows_newest_first',
  cfdi_duplicate_uuid: 'diag.cfdi_duplicate_uuid',
  cfdi_direction_unknown: 'diag.cfdi_direction_unknown',
  cfdi_not_a_party: 'diag.cfdi_direction_unknown',
  side_decided: 'diag.side_decided',
  profile_recognised: 'diag.profile_recognised',
  tax_id_invalid: 'diag.tax_id_invalid',
  books_amount_changed: 'diag.books_amount_changed',
  open_amount_exceeds: 'diag.open_amount_exceeds',
  header_not_found: 'diag.header_not_found',
  columns_not_found: 'diag.columns_uncertain',
  currency_unknown: 'diag.unknown_currency',
  credit_notes_by_sign: 'diag.credit_notes_by_sign',
};

/**
 * A diagnostic in the user's language: a sentence of our own when the code is known, with the
 * core's specific sentence (English) as its detail; unknown codes show the core's sentence.
 */
export function describeDiagnostic(t: I18n['t'], diagnostic: ImportDiagnostic): { text: string; detail: string | null } {
  const key = diagnosticKeys[diagnostic.code];
  if (!key) return { text: diagnostic.message, detail: null };
  return { text: t(key), detail: diagnostic.message };
}

/** A file size the way a file manager shows it. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // "622 bytes" reads better than the short form "622 byte"; kB and MB are short.
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** A file's error in the user's language (the card around it names the file). */
export function describeFileError(i18n: I18n, file: InboxFile): string | null {
  if (!file.error) return null;
  if (file.error.details?.['reason'] === 'too_large') return i18n.t('inbox.error.tooLarge');
  return i18n.error(file.error);
}

/** Stages of an import as the core names them, in words. */
const stageKeys: Partial<Record<string, PlainKey>> = {
  start: 'inbox.stage.start',
  parse: 'inbox.stage.parse',
  check: 'inbox.stage.check',
  write: 'inbox.stage.write',
  done: 'inbox.stage.done',
};
export const stageLabel = (t: I18n['t'], stage: string): string => {
  const key = stageKeys[stage];
  return key ? t(key) : stage;
};

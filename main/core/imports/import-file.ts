/**
 * Any importable file, read: what kind of file it is (from its bytes, never its name), which
 * side it belongs to, and its parsed content. Statement formats (Norma 43, CAMT, MT940, OFX)
 * are bank files; CFDI XML are books files (the company's RFC decides receivable or payable);
 * spreadsheets are either, as the caller says or as their columns suggest (tabular-read.ts).
 */
import { CoreError, type ImportDiagnostic, type StatementFormatName, type TabularLayout, type TabularProfile } from '../contract/index.js';
import type { CoreDeps } from '../core.js';
import { listAccounts, type AccountRow } from '../db/repos/accounts-repo.js';
import type { CompanyRow } from '../db/repos/companies-repo.js';
import type { BooksParseResult } from '../importers/books-types.js';
import { looksLikeCfdi, parseCfdi } from '../importers/cfdi/index.js';
import { detectFormat, parseStatementFile } from '../importers/index.js';
import { sniffContainer, type TabularLayout as InternalLayout } from '../importers/tabular/index.js';
import type { ParseResult, StatementFormat } from '../importers/types.js';
import { requireUsableProfile } from '../profiles/profiles.js';
import { cleanFileName, type StatementFileInput } from './statement-file.js';
import { readTable } from './tabular-read.js';

/** An import request: the file and what the caller says about it. */
export interface ImportFileInput extends StatementFileInput {
  /** Bank or books; null or absent: decided from the content. */
  side?: 'bank' | 'books' | null;
  /** A saved spreadsheet profile to apply. */
  profileId?: number | null;
  /** A mapping the person just made (spreadsheets). */
  mapping?: TabularProfile | null;
  /** The caller's id for progress events (and cancellation). */
  taskId?: string | null;
}

interface ReadCommon {
  format: StatementFormatName;
  encoding: string;
  /** Spreadsheets: the layout read (contract shape), else null. */
  layout: TabularLayout | null;
  /** Spreadsheets: the internal layout (to save as a profile), else null. */
  internalLayout: InternalLayout | null;
  /** Spreadsheets: the mapping or saved profile applied, else null. */
  profile: TabularProfile | null;
  /** Spreadsheets: the file's headers in column order. */
  headers: string[];
  /** Remarks of the routing itself (side decided, profile recognised, account ignored). */
  notes: ImportDiagnostic[];
}

/** A bank file read: statements as the line plan takes them. */
export interface BankFileRead extends ReadCommon {
  side: 'bank';
  parsed: ParseResult;
}

/** A books file read: items (and CFDI payment evidence). */
export interface BooksFileRead extends ReadCommon {
  side: 'books';
  parsed: BooksParseResult;
  /** True when the items are ledger entries of the chosen bank account. */
  ledger: boolean;
}

export type FileRead = BankFileRead | BooksFileRead;

type FileKind = 'statement' | 'cfdi' | 'table';

const TABLE_FORMATS = new Set<StatementFormatName>(['csv', 'xlsx', 'xls', 'html']);
const STATEMENT_FORMATS: readonly StatementFormat[] = ['norma43', 'camt052', 'camt053', 'camt054', 'mt940', 'mt942', 'ofx', 'qfx'];

/** True for the bank-statement formats of the statement parsers (not spreadsheets, not CFDI). */
export function isStatementFormat(format: StatementFormatName): format is StatementFormat {
  return (STATEMENT_FORMATS as readonly string[]).includes(format);
}
const SIDE_WORD = { bank: 'a bank statement', books: 'a books file' } as const;

/**
 * Reads a file for an import. Expected problems are diagnostics; a file that cannot be read at
 * all raises `import_unreadable` (a crashing parser is logged and reported the same way).
 */
export function readImportFile(deps: CoreDeps, input: ImportFileInput, company: CompanyRow, chosen: AccountRow | null): FileRead {
  try {
    return readByKind(deps, input, company, chosen);
  } catch (error) {
    if (error instanceof CoreError) throw error;
    deps.logger.error({ err: error, fileName: input.fileName }, 'importer failed on a file');
    throw new CoreError('import_unreadable', `Cuadra could not read ${cleanFileName(input.fileName)}.`);
  }
}

function readByKind(deps: CoreDeps, input: ImportFileInput, company: CompanyRow, chosen: AccountRow | null): FileRead {
  const kind = fileKind(input.bytes, input.format);
  const side = input.side ?? null;
  const encoding = input.encoding !== undefined ? { encoding: input.encoding } : {};
  const none = { layout: null, internalLayout: null, profile: null, headers: [] };
  if (kind === 'statement') {
    refuseSide(side, 'bank', 'a bank-statement file (Norma 43, CAMT, MT940, OFX)');
    const format = input.format !== undefined && isStatementFormat(input.format) ? { format: input.format } : {};
    const parsed = parseStatementFile(input.bytes, { ...encoding, ...format });
    return { side: 'bank', format: parsed.format, encoding: parsed.encoding, parsed, notes: [], ...none };
  }
  if (kind === 'cfdi') {
    refuseSide(side, 'books', 'a Mexican CFDI (an invoice or payment receipt of the books)');
    const notes: ImportDiagnostic[] = [];
    if (chosen) notes.push({ level: 'info', code: 'account_ignored', message: `CFDI are invoices and payment receipts, not entries of a bank account: the chosen account ${chosen.name} is not used.` });
    const parsed = parseCfdi(input.bytes, company.tax_id ? { companyTaxId: company.tax_id } : {});
    return { side: 'books', format: 'cfdi', encoding: parsed.encoding, parsed, ledger: false, notes, ...none };
  }
  const chosenProfile = input.profileId != null && !input.mapping ? requireUsableProfile(deps, company.id, input.profileId) : null;
  const table = readTable(deps.db, input.bytes, {
    companyId: company.id,
    side,
    ...encoding,
    mapping: input.mapping ?? null,
    chosenProfile: chosenProfile ? { id: chosenProfile.id, profile: stripSaved(chosenProfile) } : null,
    ...(chosen ? { currency: chosen.currency } : companyCurrency(deps, company)),
    ledgerAccount: chosen !== null,
  });
  const common = {
    format: table.parsed.format,
    encoding: table.parsed.encoding,
    layout: table.layout,
    internalLayout: table.internal,
    profile: table.profile,
    headers: table.headers,
    notes: table.notes,
  };
  return table.side === 'bank' ? { side: 'bank', parsed: table.parsed, ...common } : { side: 'books', parsed: table.parsed, ledger: table.ledger, ...common };
}

/**
 * The currency of books rows that name none when no account is chosen: the one currency all the
 * company's accounts share (a Spanish company's books are in EUR when its accounts are).
 */
function companyCurrency(deps: CoreDeps, company: CompanyRow): { booksCurrency?: string } {
  const currencies = new Set(listAccounts(deps.db, company.id, false).map((a) => a.currency));
  const only = currencies.size === 1 ? [...currencies][0] : undefined;
  return only !== undefined ? { booksCurrency: only } : {};
}

function stripSaved(p: TabularProfile & { id: number; companyId: number | null; createdAt: string; updatedAt: string }): TabularProfile {
  const { id: _id, companyId: _company, createdAt: _created, updatedAt: _updated, ...profile } = p;
  return profile;
}

function refuseSide(given: 'bank' | 'books' | null, actual: 'bank' | 'books', what: string): void {
  if (given !== null && given !== actual) {
    throw new CoreError('invalid_input', `This is ${what}, not ${SIDE_WORD[given]}: import it on the ${actual} side.`);
  }
}

/** What kind of file the bytes are; a format the caller forces decides it. */
export function fileKind(bytes: Uint8Array, format: StatementFormatName | undefined): FileKind {
  if (format !== undefined) return format === 'cfdi' ? 'cfdi' : TABLE_FORMATS.has(format) ? 'table' : 'statement';
  const container = sniffContainer(bytes);
  if (container === 'xlsx' || container === 'xls' || container === 'html') return 'table';
  const head = headText(bytes);
  if (container === 'xml') return looksLikeCfdi(head) ? 'cfdi' : 'statement';
  if (detectFormat(head) !== null) return 'statement';
  // Text that is neither a statement format nor CSV-like (no delimiter at all) is left to the
  // statement reader, whose message names the formats Cuadra knows.
  return /[;,\t|]/.test(head) ? 'table' : 'statement';
}

/** The first 64 KiB as text good enough for format signatures (BOM and UTF-16 NULs dropped). */
function headText(bytes: Uint8Array): string {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) start = 2;
  const slice = bytes.subarray(start, start + 64 * 1024);
  const out: number[] = [];
  for (const b of slice) if (b !== 0) out.push(b);
  return Buffer.from(out).toString('latin1');
}

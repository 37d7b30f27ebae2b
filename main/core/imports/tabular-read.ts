/**
 * Spreadsheets (CSV, XLSX, XLS, HTML saved as .xls) on their way into an import: a quick look
 * at the head of the file (headers, first rows) decides the side when the caller did not, and
 * finds a saved profile whose headers are the file's; then the whole file is read as a bank
 * statement (through the same line plan as statement files) or as books items. A mapping the
 * person just made wins over a profile chosen by id, which wins over a recognised one.
 */
import type { Database } from 'better-sqlite3';
import type { ImportDiagnostic, TabularLayout as ContractLayout, TabularProfile } from '../contract/index.js';
import type { BooksParseResult } from '../importers/books-types.js';
import {
  detectLayout, parseBankTable, parseBooksTable, readGrid, toContractLayout, type Grid, type TabularLayout,
} from '../importers/tabular/index.js';
import type { ParseResult } from '../importers/types.js';
import { recogniseProfile } from '../profiles/profiles.js';

/** What the import asks of a spreadsheet read. */
export interface TableRequest {
  companyId: number;
  side: 'bank' | 'books' | null;
  encoding?: string;
  /** The mapping the person just made (not saved). */
  mapping: TabularProfile | null;
  /** A saved profile chosen by the caller, already checked to be usable by the company. */
  chosenProfile: { id: number; profile: TabularProfile } | null;
  /** Currency for rows that name none (the chosen account's). */
  currency?: string;
  /** Books only, when no account is chosen: currency for rows that name none (the company's). */
  booksCurrency?: string;
  /** Books: the rows are the ledger of the chosen bank account. */
  ledgerAccount: boolean;
}

interface TableCommon {
  /** The layout in the contract's shape (profileId set when a saved profile was applied). */
  layout: ContractLayout;
  /** The detected or applied layout, as the tabular importer has it (for saving it as a profile). */
  internal: TabularLayout;
  /** The mapping or profile applied, null when the layout was detected. */
  profile: TabularProfile | null;
  /** The file's headers in column order (to complete a profile saved from this import). */
  headers: string[];
  /** Remarks of this step (side decided, profile recognised). */
  notes: ImportDiagnostic[];
}

/** A spreadsheet read as a bank statement. */
export interface BankTable extends TableCommon {
  side: 'bank';
  parsed: ParseResult;
}

/** A spreadsheet read as books items. */
export interface BooksTable extends TableCommon {
  side: 'books';
  parsed: BooksParseResult;
  ledger: boolean;
}

/** A saved profile's header row is looked for among this many first rows. */
const HEADER_SEARCH_ROWS = 30;

/** Only this much of a long text file is read to decide side and profile (cut at a line end). */
const PROBE_BYTES = 512 * 1024;

/** Reads a spreadsheet for an import. Throws CoreError('import_unreadable' | 'invalid_input') for unreadable files. */
export function readTable(db: Database, bytes: Uint8Array, request: TableRequest): BankTable | BooksTable {
  const probe = probeTable(bytes, request.encoding);
  const notes: ImportDiagnostic[] = [];
  let profile = request.mapping ?? request.chosenProfile?.profile ?? null;
  let profileId = request.mapping ? null : (request.chosenProfile?.id ?? null);
  if (profile === null) {
    const candidates = probe.grid.rows.slice(0, HEADER_SEARCH_ROWS).map((r) => r.cells);
    const known = recogniseProfile(db, request.companyId, candidates, request.side);
    if (known) {
      const { id, companyId: _company, createdAt: _created, updatedAt: _updated, ...saved } = known;
      profile = saved;
      profileId = id;
      notes.push({ level: 'info', code: 'profile_recognised', message: `The columns are those of the saved profile "${known.name}"; it was applied.` });
    }
  }
  let side = request.side ?? profile?.side ?? null;
  if (side === null) {
    side = probe.side;
    notes.push({ level: 'info', code: 'side_decided', message: probe.reason });
  }
  const encoding = request.encoding !== undefined ? { encoding: request.encoding } : {};
  const currency = request.currency !== undefined ? { currency: request.currency } : {};
  const withProfile = profile ? { profile } : {};
  const common = (internal: TabularLayout): TableCommon => ({
    layout: toContractLayout(probe.grid, internal, profileId),
    internal,
    profile,
    // A profile finds the header row detection may have missed (headers of unknown words).
    headers: internal.headerRow !== null ? headersOf(probe.grid, internal) : probe.headers,
    notes,
  });
  if (side === 'bank') {
    const { layout, ...parsed } = parseBankTable(bytes, { ...encoding, ...currency, ...withProfile });
    return { side, parsed, ...common(layout) };
  }
  const ledger = request.ledgerAccount || profile?.ledger === true;
  const booksCurrency = request.currency ?? request.booksCurrency;
  const { layout, ...parsed } = parseBooksTable(bytes, { ...encoding, ...(booksCurrency !== undefined ? { currency: booksCurrency } : {}), ...withProfile, ledger });
  return { side, parsed, ledger, ...common(layout) };
}

/** The head of a table and the side its columns suggest. */
export interface Probe {
  grid: Grid;
  headers: string[];
  side: 'bank' | 'books';
  reason: string;
}

/** The header text of each column of a layout, in column order. */
function headersOf(grid: Grid, layout: TabularLayout): string[] {
  return Array.from({ length: grid.width }, (_, i) => layout.columns.find((c) => c.index === i)?.header ?? '');
}

/** Columns whose values say "books": documents with due dates, open amounts, numbers, tax ids. */
const BOOKS_ROLES = new Set(['dueDate', 'openAmount', 'documentNumber', 'taxId']);

/**
 * The head of the table: its grid, headers and the side its columns suggest. A table whose rows
 * fill a due date, open amount, document number or tax id column and that has no running
 * balance (a balance on nearly every row) is books; anything else is a bank export.
 */
export function probeTable(bytes: Uint8Array, encoding: string | undefined): Probe {
  const { grid } = readGrid(headOf(bytes), encoding !== undefined ? { encoding } : {});
  const layout = detectLayout(grid, { side: 'bank' });
  const headers = headersOf(grid, layout);
  const at = layout.headerRow === null ? -1 : grid.rows.findIndex((r) => r.row === layout.headerRow);
  const rows = grid.rows.slice(at + 1);
  const filledIn = (index: number): number => rows.filter((r) => (r.cells[index] ?? '') !== '').length;
  const label = (c: { header: string; index: number }): string => `"${c.header || `column ${c.index + 1}`}"`;
  const books = layout.columns.filter((c) => BOOKS_ROLES.has(c.role) && filledIn(c.index) > 0).map(label);
  // A running balance is on (nearly) every row; a books file's balance column holds the open
  // amount of the few partly paid items only.
  const balance = layout.columns.filter((c) => c.role === 'balance' && rows.length > 0 && filledIn(c.index) >= rows.length * 0.9).map(label);
  if (books.length > 0 && balance.length === 0) {
    return { grid, headers, side: 'books', reason: `Read as a books file: it has ${books.join(', ')} and no running balance. Choose the side if this is a bank export.` };
  }
  const why = balance.length > 0 ? `it has a running balance (${balance.join(', ')})` : 'it has no due dates, open amounts, document numbers or tax ids';
  return { grid, headers, side: 'bank', reason: `Read as a bank export: ${why}. Choose the side if this is a books file.` };
}

/** The first PROBE_BYTES of a text file, cut after a line end (UTF-16 aware); spreadsheets whole. */
function headOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= PROBE_BYTES) return bytes;
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf;
  if (zip || ole) return bytes;
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  for (let i = PROBE_BYTES; i > PROBE_BYTES / 2; i--) {
    if (bytes[i] !== 0x0a) continue;
    if (le && i % 2 === 0 && bytes[i + 1] === 0x00) return bytes.subarray(0, i + 2);
    if (be && i % 2 === 1 && bytes[i - 1] === 0x00) return bytes.subarray(0, i + 1);
    if (!le && !be && bytes[i + 1] !== 0x00 && bytes[i - 1] !== 0x00) return bytes.subarray(0, i + 1);
  }
  return bytes;
}

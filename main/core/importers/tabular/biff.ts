/**
 * Legacy .xls (BIFF8, and BIFF5 "Book" streams) → grid rows, with a bounded reader of our own.
 * SheetJS's BIFF record parsers read past short records and then loop on NaN counts (for
 * example `ExternSheet`), growing arrays until V8 aborts the process, which no try/catch
 * stops. So only the container is opened with SheetJS (after cfb-guard.ts) and its number
 * formats (SSF) are used; the records that carry cells are read here, every read bounds-checked:
 * BOF, CODEPAGE, DATEMODE, FORMAT, XF, BOUNDSHEET, SST (+CONTINUE), LABELSST, LABEL, RSTRING,
 * NUMBER, RK, MULRK, FORMULA (cached value) + STRING, BOOLERR, EOF. Everything else is skipped.
 */
import * as XLSX from '@e965/xlsx';
import { CoreError } from '../../contract/errors.js';
import { resolveEncoding } from '../encoding.js';
import { assertSafeCfb } from './cfb-guard.js';
import { serialToIso } from './date-formats.js';
import { MAX_CELL_CHARS, MAX_COLUMNS } from './limits.js';
import { formatNumber, isDateFormat, numberToDecimal } from './sheet-format.js';
import type { CellKind, GridRow } from './types.js';

/** A record's data, with the CONTINUE records that follow it as further chunks. */
interface BiffRecord {
  type: number;
  offset: number;
  chunks: Uint8Array[];
}

/** Bounded reader over a record's chunks; reads past the end return null. */
class Reader {
  private chunk = 0;
  private at = 0;
  constructor(private readonly chunks: readonly Uint8Array[]) {}
  private byte(): number | null {
    while (this.chunk < this.chunks.length && this.at >= (this.chunks[this.chunk]?.length ?? 0)) {
      this.chunk++;
      this.at = 0;
    }
    const c = this.chunks[this.chunk];
    if (c === undefined) return null;
    return c[this.at++] ?? null;
  }
  /** Little-endian unsigned integer of `n` bytes (1, 2 or 4), or null past the end. */
  uint(n: 1 | 2 | 4): number | null {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const b = this.byte();
      if (b === null) return null;
      v += b * 2 ** (8 * i);
    }
    return v;
  }
  skip(n: number): void {
    for (let i = 0; i < n && this.byte() !== null; i++);
  }
  /** At the start of a CONTINUE chunk (where a split string repeats its flags byte). */
  atChunkStart(): boolean {
    while (this.chunk < this.chunks.length && this.at >= (this.chunks[this.chunk]?.length ?? 0)) {
      this.chunk++;
      this.at = 0;
    }
    return this.chunk > 0 && this.at === 0;
  }
  double(): number | null {
    const bytes = new Uint8Array(8);
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      if (b === null) return null;
      bytes[i] = b;
    }
    return new DataView(bytes.buffer).getFloat64(0, true);
  }
}

interface Context {
  biff8: boolean;
  decodeBytes: (bytes: Uint8Array) => string;
}

/** BIFF8 XLUnicodeString / XLUnicodeRichExtendedString (a CONTINUE chunk restarts with a flags byte); BIFF5 byte string. */
function readString(r: Reader, ctx: Context, cchBytes: 1 | 2): string | null {
  const cch = r.uint(cchBytes);
  if (cch === null) return null;
  if (!ctx.biff8) {
    const bytes: number[] = [];
    for (let i = 0; i < cch; i++) {
      const b = r.uint(1);
      if (b === null) break;
      bytes.push(b);
    }
    return ctx.decodeBytes(Uint8Array.from(bytes));
  }
  const flags = r.uint(1);
  if (flags === null) return null;
  const runs = flags & 0x08 ? (r.uint(2) ?? 0) : 0;
  const ext = flags & 0x04 ? (r.uint(4) ?? 0) : 0;
  let wide = (flags & 0x01) === 1;
  const units: number[] = [];
  for (let i = 0; i < cch; i++) {
    // A CONTINUE chunk that splits the characters starts with the flags byte again.
    if (r.atChunkStart()) wide = ((r.uint(1) ?? 0) & 0x01) === 1;
    const u = r.uint(wide ? 2 : 1);
    if (u === null) break;
    if (units.length < MAX_CELL_CHARS) units.push(u);
  }
  r.skip(4 * runs + ext);
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

/** An RK number: 30-bit integer or the high bits of a double, optionally divided by 100. */
function rkNumber(rk: number): number {
  let v: number;
  if (rk & 0x02) {
    v = (rk | 0) >> 2;
  } else {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(4, rk & 0xfffffffc, true);
    v = view.getFloat64(0, true);
  }
  return rk & 0x01 ? v / 100 : v;
}

/** Split the stream into records, gluing CONTINUE (0x003C) records onto the record before them. */
function records(stream: Uint8Array): BiffRecord[] {
  const out: BiffRecord[] = [];
  let at = 0;
  while (at + 4 <= stream.length) {
    const type = (stream[at] ?? 0) | ((stream[at + 1] ?? 0) << 8);
    const length = (stream[at + 2] ?? 0) | ((stream[at + 3] ?? 0) << 8);
    const data = stream.subarray(at + 4, Math.min(stream.length, at + 4 + length));
    const last = out[out.length - 1];
    if (type === 0x003c && last !== undefined) last.chunks.push(data);
    else out.push({ type, offset: at, chunks: [data] });
    at += 4 + length;
  }
  return out;
}

interface Cell {
  row: number;
  col: number;
  text: string;
  kind: CellKind;
  display: string;
}

export interface BiffSheet {
  name: string;
  rows: GridRow[];
}

/** Open the compound file and return its workbook stream. Throws CoreError('import_unreadable'). */
function workbookStream(bytes: Uint8Array): Uint8Array {
  assertSafeCfb(bytes);
  let entries: unknown;
  try {
    entries = XLSX.CFB.read(bytes, { type: 'array' }).FileIndex;
  } catch {
    throw new CoreError('import_unreadable', 'The spreadsheet cannot be read: it is damaged or not an Excel workbook.');
  }
  const list = Array.isArray(entries) ? entries : [];
  const entry: unknown = list.find((e: unknown) => typeof e === 'object' && e !== null && 'name' in e && (e.name === 'Workbook' || e.name === 'Book'));
  const content: unknown = typeof entry === 'object' && entry !== null && 'content' in entry ? entry.content : undefined;
  if (!(content instanceof Uint8Array) && !Array.isArray(content)) {
    throw new CoreError('import_unreadable', 'This compound file has no Excel workbook inside (it may be a Word document or an encrypted file).');
  }
  return content instanceof Uint8Array ? content : Uint8Array.from(content, (b) => (typeof b === 'number' ? b & 0xff : 0));
}

/** Read every worksheet of a legacy .xls. Throws CoreError('import_unreadable') only. */
export function readBiff(bytes: Uint8Array): { sheets: BiffSheet[]; date1904: boolean } {
  const all = records(workbookStream(bytes));
  const bof = all[0];
  if (bof === undefined || (bof.type & 0xff) !== 0x09) throw new CoreError('import_unreadable', 'The Excel workbook has no valid start record.');
  const version = new Reader(bof.chunks).uint(2);
  const ctx: Context = { biff8: version === 0x0600, decodeBytes: (b) => resolveEncoding('1252')?.decode(b) ?? '' };
  if (version !== 0x0600 && version !== 0x0500) {
    throw new CoreError('import_unreadable', 'This is a very old Excel format (before Excel 95): open it in Excel or LibreOffice and save it as .xlsx.');
  }
  let date1904 = false;
  const formats = new Map<number, string>();
  const xfFormat: number[] = [];
  let sst: string[] = [];
  const sheetNames = new Map<number, string>();
  let i = 1;
  for (; i < all.length; i++) {
    const rec = all[i] as BiffRecord;
    const r = new Reader(rec.chunks);
    if (rec.type === 0x000a) break;
    if (rec.type === 0x002f) throw new CoreError('import_unreadable', 'The workbook is protected with a password: open it in Excel, remove the protection and save it again.');
    if (rec.type === 0x0042) {
      const cp = r.uint(2);
      const codec = cp !== null && cp !== 1200 ? resolveEncoding(String(cp === 1252 || cp === 0x8000 ? 1252 : cp)) : null;
      if (codec) ctx.decodeBytes = (b) => codec.decode(b);
    } else if (rec.type === 0x0022) date1904 = r.uint(2) === 1;
    else if (rec.type === 0x041e) {
      const id = r.uint(2);
      const text = readString(r, ctx, ctx.biff8 ? 2 : 1);
      if (id !== null && text !== null) formats.set(id, text);
    } else if (rec.type === 0x00e0) {
      r.skip(2);
      xfFormat.push(r.uint(2) ?? 0);
    } else if (rec.type === 0x0085) {
      const pos = r.uint(4);
      r.skip(2);
      const name = readString(r, ctx, 1);
      if (pos !== null) sheetNames.set(pos, name ?? '');
    } else if (rec.type === 0x00fc && ctx.biff8) {
      sst = readSst(r, ctx);
    }
  }
  const sheets: BiffSheet[] = [];
  for (i++; i < all.length; i++) {
    const rec = all[i] as BiffRecord;
    if ((rec.type & 0xff) !== 0x09) continue;
    const cells: Cell[] = [];
    const name = sheetNames.get(rec.offset) ?? `Sheet${sheets.length + 1}`;
    for (i++; i < all.length && (all[i] as BiffRecord).type !== 0x000a; i++) {
      readCell(all, i, { ctx, sst, formats, xfFormat, date1904 }, cells);
    }
    sheets.push({ name, rows: toRows(cells, name) });
  }
  return { sheets, date1904 };
}

function readSst(r: Reader, ctx: Context): string[] {
  r.skip(4);
  const unique = r.uint(4) ?? 0;
  const strings: string[] = [];
  for (let k = 0; k < unique; k++) {
    const s = readString(r, ctx, 2);
    if (s === null) break;
    strings.push(s);
  }
  return strings;
}

interface CellContext {
  ctx: Context;
  sst: readonly string[];
  formats: ReadonlyMap<number, string>;
  xfFormat: readonly number[];
  date1904: boolean;
}

function numberCell(row: number, col: number, ixfe: number, value: number, c: CellContext): Cell {
  const id = c.xfFormat[ixfe] ?? 0;
  const format = c.formats.get(id) ?? id;
  if (isDateFormat(format)) {
    const iso = serialToIso(value, c.date1904);
    if (iso !== null) return { row, col, text: iso, kind: 'date', display: formatNumber(format, value) };
  }
  return { row, col, text: numberToDecimal(value), kind: 'number', display: formatNumber(format, value) };
}

/** Read the cell record at `i` (with the STRING record after a string FORMULA), appending cells. */
function readCell(all: readonly BiffRecord[], i: number, c: CellContext, out: Cell[]): void {
  const rec = all[i] as BiffRecord;
  const r = new Reader(rec.chunks);
  const head = (): [number, number, number] | null => {
    const row = r.uint(2);
    const col = r.uint(2);
    const ixfe = r.uint(2);
    return row === null || col === null || ixfe === null ? null : [row, col, ixfe];
  };
  const text = (row: number, col: number, value: string | null): void => {
    if (value !== null && value.trim() !== '') out.push({ row, col, text: value.trim().slice(0, MAX_CELL_CHARS), kind: 'text', display: value.trim() });
  };
  switch (rec.type) {
    case 0x0203: { // NUMBER
      const h = head();
      const v = r.double();
      if (h && v !== null && Number.isFinite(v)) out.push(numberCell(h[0], h[1], h[2], v, c));
      break;
    }
    case 0x027e: { // RK
      const h = head();
      const rk = r.uint(4);
      if (h && rk !== null) out.push(numberCell(h[0], h[1], h[2], rkNumber(rk), c));
      break;
    }
    case 0x00bd: { // MULRK
      const row = r.uint(2);
      const first = r.uint(2);
      const count = Math.floor(((rec.chunks[0]?.length ?? 0) - 6) / 6);
      for (let k = 0; row !== null && first !== null && k < count && k < 256; k++) {
        const ixfe = r.uint(2);
        const rk = r.uint(4);
        if (ixfe === null || rk === null) break;
        out.push(numberCell(row, first + k, ixfe, rkNumber(rk), c));
      }
      break;
    }
    case 0x00fd: { // LABELSST
      const h = head();
      const isst = r.uint(4);
      if (h && isst !== null) text(h[0], h[1], c.sst[isst] ?? null);
      break;
    }
    case 0x0204: // LABEL
    case 0x00d6: { // RSTRING
      const h = head();
      if (h) text(h[0], h[1], readString(r, c.ctx, 2));
      break;
    }
    case 0x0205: { // BOOLERR
      const h = head();
      const v = r.uint(1);
      const isError = r.uint(1);
      if (h && v !== null && isError === 0) text(h[0], h[1], v ? 'TRUE' : 'FALSE');
      break;
    }
    case 0x0006: { // FORMULA: the cached result only
      const h = head();
      const bytes = [0, 1, 2, 3, 4, 5, 6, 7].map(() => r.uint(1));
      if (!h || bytes.some((b) => b === null)) break;
      const b = bytes as number[];
      if (b[6] === 0xff && b[7] === 0xff) {
        const next = all[i + 1];
        if (b[0] === 0x00 && next?.type === 0x0207) text(h[0], h[1], readString(new Reader(next.chunks), c.ctx, 2));
        else if (b[0] === 0x01) text(h[0], h[1], b[2] ? 'TRUE' : 'FALSE');
      } else {
        const v = new DataView(Uint8Array.from(b).buffer).getFloat64(0, true);
        if (Number.isFinite(v)) out.push(numberCell(h[0], h[1], h[2], v, c));
      }
      break;
    }
    default:
      break;
  }
}

/** Cells → rows (1-based sheet row numbers), within the column cap. */
function toRows(cells: readonly Cell[], name: string): GridRow[] {
  const byRow = new Map<number, Cell[]>();
  for (const cell of cells) {
    if (cell.col >= MAX_COLUMNS) {
      throw new CoreError('import_unreadable', `The sheet "${name}" uses more than ${MAX_COLUMNS} columns.`);
    }
    const list = byRow.get(cell.row) ?? [];
    list.push(cell);
    byRow.set(cell.row, list);
  }
  return [...byRow.keys()].sort((a, b) => a - b).map((row) => {
    const list = byRow.get(row) ?? [];
    const width = list.reduce((w, x) => Math.max(w, x.col + 1), 0);
    const out: GridRow = { row: row + 1, cells: Array<string>(width).fill(''), kinds: Array<CellKind>(width).fill('text'), display: Array<string>(width).fill('') };
    for (const x of list) {
      out.cells[x.col] = x.text;
      (out.kinds as CellKind[])[x.col] = x.kind;
      (out.display as string[])[x.col] = x.display;
    }
    return out;
  });
}

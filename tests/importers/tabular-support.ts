/** Helpers for the tabular importer tests: fixtures, spreadsheets and zip archives built in the test. */
import { deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { fixture } from './support.js';
import type { Statement } from '../../main/core/importers/types.js';

/** Bytes of a file under tests/fixtures/tabular/. */
export function tabular(name: string): Uint8Array {
  return fixture(`tabular/${name}`);
}

/** UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** An .xlsx (or .xls with bookType 'biff8') from rows; Date cells become date-formatted serials. */
export function workbook(rows: unknown[][], bookType: 'xlsx' | 'biff8' = 'xlsx', sheetName = 'Movimientos'): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(rows, { cellDates: true, dateNF: 'dd/mm/yyyy' });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetName);
  const out: unknown = XLSX.write(book, { type: 'array', bookType });
  if (!(out instanceof ArrayBuffer)) throw new Error('SheetJS did not return an ArrayBuffer');
  return new Uint8Array(out);
}

/** (date, signed amount) of every line, for sequence comparisons. */
export function dateAmounts(statement: Statement): Array<[string, number]> {
  return statement.lines.map((l) => [l.bookingDate, l.amount.minor]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Store (0) or deflate (8). */
  method?: 0 | 8;
  /** Uncompressed size to declare instead of the real one (a lying archive). */
  declaredSize?: number;
}

/** A zip archive built byte by byte, so tests can make it lie about its sizes. */
export function buildZip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** The 15 MXN movements shared by the Mexican samples: date, signed minor amount, balance after. */
export const MX_MOVEMENTS: ReadonlyArray<readonly [string, number, number]> = [
  ['2025-10-01', 2500000, 12500000], ['2025-10-02', -85050, 12414950], ['2025-10-03', -200000, 12214950],
  ['2025-10-05', 500000, 12714950], ['2025-10-08', -1500000, 11214950], ['2025-10-10', 1850000, 13064950],
  ['2025-10-12', -235075, 12829875], ['2025-10-15', -800000, 12029875], ['2025-10-15', -750000, 11279875],
  ['2025-10-18', 3200000, 14479875], ['2025-10-20', -1250000, 13229875], ['2025-10-22', -12500, 13217375],
  ['2025-10-25', 350000, 13567375], ['2025-10-28', -89900, 13477475], ['2025-10-30', 2800000, 16277475],
];

/** One BIFF record: type and data. */
export function biffRecord(type: number, data: ArrayLike<number> = []): Uint8Array {
  const out = new Uint8Array(4 + data.length);
  out.set([type & 0xff, type >> 8, data.length & 0xff, data.length >> 8]);
  out.set(Array.from(data), 4);
  return out;
}

/** Little-endian bytes of an unsigned integer. */
export function le(value: number, bytes: 2 | 4): number[] {
  return Array.from({ length: bytes }, (_, i) => Math.floor(value / 2 ** (8 * i)) & 0xff);
}

/** A legacy .xls: the records as its Workbook stream inside a compound file written by SheetJS. */
export function biffWorkbook(records: Uint8Array[]): Uint8Array {
  const stream = new Uint8Array(Buffer.concat(records));
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, 'Workbook', stream);
  const out: unknown = XLSX.CFB.write(cfb, { type: 'array' });
  if (!(out instanceof Uint8Array)) throw new Error('SheetJS did not write a compound file');
  return out;
}

/** The entries of a zip (an .xlsx) as name and bytes, read with SheetJS's CFB reader. */
export function zipEntries(bytes: Uint8Array): Array<{ name: string; content: Uint8Array }> {
  const zip: unknown = XLSX.CFB.read(bytes, { type: 'array' });
  const index: unknown = typeof zip === 'object' && zip !== null && 'FileIndex' in zip ? zip.FileIndex : [];
  const paths: unknown = typeof zip === 'object' && zip !== null && 'FullPaths' in zip ? zip.FullPaths : [];
  if (!Array.isArray(index) || !Array.isArray(paths)) return [];
  const out: Array<{ name: string; content: Uint8Array }> = [];
  index.forEach((entry: unknown, i) => {
    const path: unknown = paths[i];
    const content: unknown = typeof entry === 'object' && entry !== null && 'content' in entry ? entry.content : undefined;
    const name = typeof path === 'string' ? path.replace(/^[^/]*\//, '') : '';
    if (name !== '' && content instanceof Uint8Array) out.push({ name, content });
  });
  return out;
}

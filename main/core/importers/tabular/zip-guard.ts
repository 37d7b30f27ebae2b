/**
 * Zip-bomb guard for .xlsx files, run before SheetJS sees the bytes. SheetJS inflates every
 * entry of the archive into a buffer of the size the entry declares (and grows it without
 * limit when the local header declares 0), so the declared sizes are checked against caps
 * and then proven: each deflated entry is inflated natively with `maxOutputLength` equal to its
 * declared size, which stops a lying entry after at most that many bytes.
 */
import { inflateRawSync } from 'node:zlib';
import { CoreError } from '../../contract/errors.js';

/** Largest total uncompressed size of an .xlsx accepted (500 MiB). */
export const MAX_UNZIPPED_BYTES = 500 * 1024 * 1024;
/** Largest ratio of declared uncompressed size to file size. */
export const MAX_ZIP_RATIO = 100;
/** The ratio is only meaningful for archives that expand to something big. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  /** The larger of the sizes the central directory and the local header declare. */
  declaredSize: number;
  /** Offset of the entry's data in the archive. */
  dataStart: number;
}

export interface ZipSummary {
  entries: ZipEntryInfo[];
  totalDeclared: number;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;

function damaged(detail: string): CoreError {
  return new CoreError('import_unreadable', `The Excel workbook is damaged and cannot be read (${detail}).`);
}

function bomb(detail: string): CoreError {
  return new CoreError(
    'import_unreadable',
    `The Excel workbook was refused: ${detail}. A real bank or accounting export is never this large once unpacked; it looks like a zip bomb.`,
  );
}

/** ZIP64 extended information (extra field 0x0001): the 8-byte values replacing 0xFFFFFFFF fields, in order. */
function zip64Values(extra: Uint8Array): number[] {
  const values: number[] = [];
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = u16(extra, at);
    const size = u16(extra, at + 2);
    if (id === 0x0001) {
      for (let p = at + 4; p + 8 <= at + 4 + size && p + 8 <= extra.length; p += 8) values.push(u64(extra, p));
      break;
    }
    at += 4 + size;
  }
  return values;
}

function findEocd(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) if (u32(bytes, i) === SIG_EOCD) return i;
  return -1;
}

/** Read the central directory and local headers; throws CoreError when the archive is damaged. */
export function readZipDirectory(bytes: Uint8Array): ZipSummary {
  const eocd = findEocd(bytes);
  if (eocd < 0) throw damaged('no end of central directory');
  let count = u16(bytes, eocd + 8);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== SIG_EOCD64_LOCATOR) throw damaged('ZIP64 record missing');
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== SIG_EOCD64) throw damaged('ZIP64 record missing');
    count = u64(bytes, record + 24);
    cdOffset = u64(bytes, record + 48);
  }
  if (count > MAX_ENTRIES) throw bomb(`it holds ${count} files`);
  const entries: ZipEntryInfo[] = [];
  let totalDeclared = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== SIG_CENTRAL) throw damaged('bad central directory');
    const method = u16(bytes, at + 10);
    let csz = u32(bytes, at + 20);
    let usz = u32(bytes, at + 24);
    const nameLen = u16(bytes, at + 28);
    const extraLen = u16(bytes, at + 30);
    const commentLen = u16(bytes, at + 32);
    let localOffset = u32(bytes, at + 42);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen));
    const wide = zip64Values(bytes.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen));
    if (usz === 0xffffffff) usz = wide.shift() ?? usz;
    if (csz === 0xffffffff) csz = wide.shift() ?? csz;
    if (localOffset === 0xffffffff) localOffset = wide.shift() ?? localOffset;
    at += 46 + nameLen + extraLen + commentLen;

    if (localOffset + 30 > bytes.length || u32(bytes, localOffset) !== SIG_LOCAL) throw damaged(`bad local header for ${name}`);
    const localNameLen = u16(bytes, localOffset + 26);
    const localExtraLen = u16(bytes, localOffset + 28);
    let localUsz = u32(bytes, localOffset + 22);
    const localWide = zip64Values(bytes.subarray(localOffset + 30 + localNameLen, localOffset + 30 + localNameLen + localExtraLen));
    if (localUsz === 0xffffffff) localUsz = localWide[0] ?? localUsz;
    const declaredSize = Math.max(usz, localUsz);
    const dataStart = localOffset + 30 + localNameLen + localExtraLen;
    if (dataStart + csz > bytes.length) throw damaged(`${name} is cut short`);
    entries.push({ name, method, compressedSize: csz, declaredSize, dataStart });
    totalDeclared += declaredSize;
  }
  return { entries, totalDeclared };
}

/**
 * Refuse an .xlsx whose unpacked size would exceed the caps, or whose entries inflate to more
 * than they declare. Throws CoreError('import_unreadable'); returns the directory otherwise.
 */
export function assertSafeZip(bytes: Uint8Array): ZipSummary {
  const summary = readZipDirectory(bytes);
  const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(0)} MiB`;
  if (summary.totalDeclared > MAX_UNZIPPED_BYTES) {
    throw bomb(`it declares ${mib(summary.totalDeclared)} of content (at most ${mib(MAX_UNZIPPED_BYTES)} are accepted)`);
  }
  const ratio = summary.totalDeclared / Math.max(1, bytes.length);
  if (summary.totalDeclared > RATIO_FLOOR_BYTES && ratio > MAX_ZIP_RATIO) {
    throw bomb(`it would expand ${Math.round(ratio)} times (at most ${MAX_ZIP_RATIO} times is accepted)`);
  }
  for (const entry of summary.entries) {
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize > entry.declaredSize) throw bomb(`${entry.name} is larger than it declares`);
      continue;
    }
    if (entry.method !== 8) throw damaged(`${entry.name} uses compression method ${entry.method}`);
    try {
      inflateRawSync(data, { maxOutputLength: Math.max(1, entry.declaredSize) });
    } catch (err) {
      if (err instanceof RangeError || (err instanceof Error && 'code' in err && err.code === 'ERR_BUFFER_TOO_LARGE')) {
        throw bomb(`${entry.name} unpacks to more than the ${entry.declaredSize} bytes it declares`);
      }
      throw damaged(`${entry.name} cannot be unpacked`);
    }
  }
  return summary;
}

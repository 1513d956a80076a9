// An XLSX is a zip: a 2.5 MB upload can unpack to gigabytes of XML (a zip bomb). Before anything
// inflates it, this reads the zip's own table of contents (the central directory) and refuses a
// file whose entries, as declared, are too many or too large; then it inflates each entry once,
// off the event loop and capped at its declared size, so a file that lies about its sizes is
// refused too instead of being believed. Linear in the file's size, no library.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export interface ZipLimits {
  /** Largest total of the entries' uncompressed sizes. */
  maxUnpackedBytes: number;
  /** Most entries (an XLSX from Excel or LibreOffice has 10–30). */
  maxEntries: number;
}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's bytes start, once verifyEntries has read its local header. */
  dataOffset?: number;
}

export type ZipVerdict =
  | { ok: true; entries: ZipEntry[]; unpackedBytes: number }
  | { ok: false; rule: 'unpackedTooLarge' | 'tooManyEntries'; limit: number }
  | { ok: false; rule: 'zipDamaged' | 'notSpreadsheet' };

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const CDH_SIZE = 46;
const LFH_SIZE = 30;
const STORED = 0;
const DEFLATED = 8;

/** Finds the end-of-central-directory record: the last 22 bytes, or before a comment of up to 64 KB. */
function findEocd(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - EOCD_SIZE - 0xffff);
  for (let i = buf.length - EOCD_SIZE; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG && i + EOCD_SIZE + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  return -1;
}

/** The central directory, checked against the limits from the declared sizes alone (nothing inflated). */
export function readCentralDirectory(buf: Buffer, limits: ZipLimits): ZipVerdict {
  if (buf.length < EOCD_SIZE) return { ok: false, rule: 'notSpreadsheet' };
  const eocd = findEocd(buf);
  if (eocd < 0) return { ok: false, rule: 'notSpreadsheet' };
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64 markers: no spreadsheet we accept needs them (that is > 65,535 entries or > 4 GB).
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    return { ok: false, rule: 'tooManyEntries', limit: limits.maxEntries };
  if (count > limits.maxEntries) return { ok: false, rule: 'tooManyEntries', limit: limits.maxEntries };
  if (cdOffset + cdSize > eocd) return { ok: false, rule: 'zipDamaged' };

  const entries: ZipEntry[] = [];
  let unpackedBytes = 0;
  let packedBytes = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + CDH_SIZE > cdOffset + cdSize || buf.readUInt32LE(p) !== CDH_SIG) return { ok: false, rule: 'zipDamaged' };
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      return { ok: false, rule: 'unpackedTooLarge', limit: limits.maxUnpackedBytes };
    }
    // Encrypted entries and methods other than stored/deflate: not a workbook we can read.
    if (flags & 1 || (method !== STORED && method !== DEFLATED)) return { ok: false, rule: 'notSpreadsheet' };
    const end = p + CDH_SIZE + nameLen + extraLen + commentLen;
    if (end > cdOffset + cdSize) return { ok: false, rule: 'zipDamaged' };
    unpackedBytes += uncompressedSize;
    if (unpackedBytes > limits.maxUnpackedBytes) return { ok: false, rule: 'unpackedTooLarge', limit: limits.maxUnpackedBytes };
    // Entries that share their bytes (overlapping "better zip bombs") add up to more than the
    // space before the directory.
    packedBytes += compressedSize + LFH_SIZE;
    if (packedBytes > cdOffset) return { ok: false, rule: 'zipDamaged' };
    entries.push({
      name: buf.toString('utf8', p + CDH_SIZE, p + CDH_SIZE + nameLen),
      flags,
      method,
      crc,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
    });
    p = end;
  }
  return { ok: true, entries, unpackedBytes };
}

const inflateRaw = promisify(zlib.inflateRaw) as (buf: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>;

/**
 * Inflates every entry once, each capped at its declared size (zlib stops at maxOutputLength),
 * on libuv's thread pool. A declared size that is not the real one means the file is damaged or
 * crafted: refused, whatever the rest says.
 */
export async function verifyEntries(buf: Buffer, entries: ZipEntry[]): Promise<boolean> {
  for (const e of entries) {
    const h = e.localHeaderOffset;
    if (h + LFH_SIZE > buf.length || buf.readUInt32LE(h) !== LFH_SIG) return false;
    const start = h + LFH_SIZE + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    if (start + e.compressedSize > buf.length) return false;
    e.dataOffset = start;
    const data = buf.subarray(start, start + e.compressedSize);
    if (e.method === STORED) {
      if (e.compressedSize !== e.uncompressedSize) return false;
      continue;
    }
    try {
      // maxOutputLength must be ≥ 1; one byte more than declared is enough to catch a lie.
      const out = await inflateRaw(data, { maxOutputLength: e.uncompressedSize + 1 });
      if (out.length !== e.uncompressedSize) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Both checks: the table of contents within the limits, and true to its content. */
export async function checkZip(buf: Buffer, limits: ZipLimits): Promise<ZipVerdict> {
  const verdict = readCentralDirectory(buf, limits);
  if (!verdict.ok) return verdict;
  return (await verifyEntries(buf, verdict.entries)) ? verdict : { ok: false, rule: 'zipDamaged' };
}

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const EMPTY_SST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

function localEntry(
  name: string,
  e: Pick<ZipEntry, 'flags' | 'method' | 'crc' | 'compressedSize' | 'uncompressedSize'>,
  data: Buffer,
): Buffer[] {
  const nameBuf = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(LFH_SIZE);
  h.writeUInt32LE(LFH_SIG, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(e.flags & 0x0800, 6); // UTF-8 names kept; no data descriptor: the sizes are here
  h.writeUInt16LE(e.method, 8);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.compressedSize, 18);
  h.writeUInt32LE(e.uncompressedSize, 22);
  h.writeUInt16LE(nameBuf.length, 26);
  return [h, nameBuf, data];
}

/**
 * The verified entries rewritten for exceljs' streaming reader: local headers carrying the sizes
 * just verified (so the reader inflates exactly what was checked, never a local header's other
 * claim), and the workbook's parts before its sheets — otherwise exceljs parks each sheet in a
 * temporary file until it has read the shared strings, files a stopped read would leave behind.
 * A workbook without shared strings gets an empty table for the same reason.
 */
export function streamingLayout(buf: Buffer, entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const ordered = [...entries.filter((e) => !SHEET.test(e.name)), ...entries.filter((e) => SHEET.test(e.name))];
  let sharedStringsDone = entries.some((e) => e.name === SHARED_STRINGS);
  for (const e of ordered) {
    if (e.dataOffset === undefined) throw new Error('streamingLayout needs verified entries');
    if (!sharedStringsDone && SHEET.test(e.name)) {
      parts.push(
        ...localEntry(
          SHARED_STRINGS,
          { flags: 0, method: STORED, crc: zlib.crc32(EMPTY_SST), compressedSize: EMPTY_SST.length, uncompressedSize: EMPTY_SST.length },
          EMPTY_SST,
        ),
      );
      sharedStringsDone = true;
    }
    parts.push(...localEntry(e.name, e, buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize)));
  }
  const eocd = Buffer.alloc(EOCD_SIZE);
  eocd.writeUInt32LE(EOCD_SIG, 0);
  parts.push(eocd);
  return Buffer.concat(parts);
}

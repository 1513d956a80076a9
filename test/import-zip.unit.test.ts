// The zip guard of XLSX imports (#7 item 11): sizes from the central directory before any
// inflating, then each entry inflated capped at its declared size.
import fs from 'node:fs';
import os from 'node:os';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkZip, readCentralDirectory } from '../src/server/modules/import/zip-guard.ts';
import { parseXlsx, DEFAULT_PARSE_LIMITS } from '../src/server/modules/import/import.parse.ts';
import { hugeSheetXml, makeZip } from './helpers/zip.ts';

const MB = 1024 * 1024;
const limits = { maxUnpackedBytes: 50 * MB, maxEntries: 1000 };

describe('zip guard', () => {
  it('refuses a bomb from the directory alone: 2 entries unpacking to 60 MB, nothing inflated', () => {
    const bomb = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: hugeSheetXml(60 * MB) },
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    // readCentralDirectory is synchronous and never calls zlib: the verdict comes from the declared sizes.
    expect(readCentralDirectory(bomb, limits)).toEqual({ ok: false, rule: 'unpackedTooLarge', limit: 50 * MB });
  });

  it('refuses a bomb that lies about its size, stopping at the declared size', async () => {
    const liar = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: hugeSheetXml(60 * MB), declaredSize: 1000 }]);
    expect(readCentralDirectory(liar, limits)).toMatchObject({ ok: true, unpackedBytes: 1000 });
    expect(await checkZip(liar, limits)).toEqual({ ok: false, rule: 'zipDamaged' });
  });

  it('refuses too many entries, and damaged or foreign zips', async () => {
    const many = makeZip(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect(readCentralDirectory(many, limits)).toEqual({ ok: false, rule: 'tooManyEntries', limit: 1000 });
    const good = makeZip([{ name: 'a', data: Buffer.from('hello') }]);
    expect(await checkZip(good, limits)).toMatchObject({ ok: true, unpackedBytes: 5 });
    expect(readCentralDirectory(good.subarray(0, good.length - 5), limits)).toEqual({ ok: false, rule: 'notSpreadsheet' });
    const shifted = Buffer.from(good);
    shifted.writeUInt32LE(0xdeadbeef, shifted.length - 22 + 16); // central directory offset out of range
    expect(readCentralDirectory(shifted, limits)).toEqual({ ok: false, rule: 'zipDamaged' });
  });

  it('lets a real workbook through', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['code']);
    expect(await checkZip(Buffer.from(await wb.xlsx.writeBuffer()), limits)).toMatchObject({ ok: true });
  });
});

describe('parseXlsx limits', () => {
  it('reports a bomb as too large (413), not as a content problem', async () => {
    const bomb = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: hugeSheetXml(60 * MB) }]);
    expect(await parseXlsx(bomb)).toEqual({
      ok: false,
      tooLarge: true,
      issues: [{ field: 'file', rule: 'unpackedTooLarge', params: { limit: '50 MB' } }],
    });
  });

  it('stops reading one row past the row cap', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['code']);
    for (let i = 0; i < 30; i++) ws.addRow([`C${i}`]);
    const r = await parseXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { ...DEFAULT_PARSE_LIMITS, maxRows: 5 });
    expect(r.ok && r.sheet.rows.map((x) => x.row)).toEqual([2, 3, 4, 5, 6, 7]);
  });
});

describe('streaming without temporary files', () => {
  it('reads a workbook whose sheets come before its shared strings, and one with inline strings, writing no temp file', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('tmp-')));
    // exceljs' streaming writer puts inline strings and no sharedStrings.xml; the DOM writer puts the sheets first.
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const s1 = sw.addWorksheet('a');
    s1.addRow(['code', 'name']).commit();
    s1.addRow(['A1', 'Uno']).commit();
    s1.commit();
    await sw.commit();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('b');
    ws.addRow(['code', 'name']);
    for (let i = 0; i < 20; i++) ws.addRow([`C${i}`, 'testo']);
    for (const [buf, rows] of [
      [Buffer.concat(chunks), 1],
      [Buffer.from(await wb.xlsx.writeBuffer()), 3],
    ] as const) {
      const r = await parseXlsx(buf, { ...DEFAULT_PARSE_LIMITS, maxRows: 2 });
      expect(r.ok && r.sheet.rows.length).toBe(rows);
    }
    const after = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('tmp-') && !before.has(f));
    expect(after).toEqual([]);
  });

  it('refuses entries that share their bytes (overlapping zip bomb)', () => {
    const one = makeZip([{ name: 'a', data: Buffer.alloc(1000, 0x20) }]);
    // A central directory listing the same local entry 50 times.
    const cdStart = one.readUInt32LE(one.length - 22 + 16);
    const cd = one.subarray(cdStart, one.length - 22);
    const eocd = Buffer.from(one.subarray(one.length - 22));
    eocd.writeUInt16LE(50, 8);
    eocd.writeUInt16LE(50, 10);
    eocd.writeUInt32LE(cd.length * 50, 12);
    const overlapping = Buffer.concat([one.subarray(0, cdStart), ...Array.from({ length: 50 }, () => cd), eocd]);
    expect(readCentralDirectory(overlapping, limits)).toEqual({ ok: false, rule: 'zipDamaged' });
  });
});

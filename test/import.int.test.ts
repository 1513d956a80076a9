import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb, type Client, type TestEnv } from './helpers/app.ts';
import { hugeSheetXml, makeZip } from './helpers/zip.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** Generated files (the 20 MB one, the workbooks) live in a temp dir, never in the repository. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'presidio-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
function tmpFile(name: string, content: Buffer | string): Buffer {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return fs.readFileSync(file);
}

async function workbook(rows: unknown[][], name: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dati');
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('Note').addRow(['questo foglio è ignorato']);
  return tmpFile(name, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** 50,010 rows, written once for both engines with exceljs' streaming writer (the fast one). */
let manyRows: Promise<Buffer> | undefined;
function manyRowsXlsx(): Promise<Buffer> {
  manyRows ??= (async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('Dati');
    ws.addRow(['site_code', 'code', 'name', 'address', 'competence']).commit();
    for (let i = 0; i < 50_010; i++) ws.addRow(['MI', `IMP-X${i}`, 'N', 'V', 'central']).commit();
    ws.commit();
    await wb.commit();
    return tmpFile('many.xlsx', Buffer.concat(chunks));
  })();
  return manyRows;
}

function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = `----presidio${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return {
    body: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (client: Client, kind: string, filename: string, content: Buffer, field?: string): Promise<LightMyRequestResponse> => {
  const m = multipart(filename, content, field);
  return client.request('POST', `/api/imports/${kind}`, m.body, m.headers);
};

type Issue = { field: string; code: string; message: string; row?: number };
const issues = (res: LightMyRequestResponse) => (res.json().errors as Issue[]).map((e) => [e.row, e.field, e.code]);

describeEachDb('import of buildings, spaces and assets', (env: TestEnv) => {
  let admin: Client;
  beforeAll(async () => {
    admin = await env.login('admin');
  });

  /** Count, version total and last change of every table an import may touch. */
  async function snapshot() {
    const out: Record<string, unknown> = {};
    for (const t of ['buildings', 'floors', 'spaces', 'assets'] as const) {
      const r = await env.db
        .selectFrom(t)
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('version').as('v'), eb.fn.max('updated_at').as('u')])
        .executeTakeFirstOrThrow();
      out[t] = [Number(r.n), Number(r.v), r.u];
    }
    return out;
  }

  /** Uploads, expects a refusal with `status`, and checks that nothing at all was written. */
  async function refused(kind: string, filename: string, content: Buffer, status = 422, client = admin) {
    const before = await snapshot();
    const res = await upload(client, kind, filename, content);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await snapshot()).toEqual(before);
    return res;
  }

  const building = (code: string) => env.db.selectFrom('buildings').selectAll().where('code', '=', code).executeTakeFirst();
  const buildingId = async (code: string) => (await building(code))!.id;
  const space = async (buildingCode: string, code: string) =>
    env.db
      .selectFrom('spaces')
      .selectAll()
      .where('building_id', '=', await buildingId(buildingCode))
      .where('code', '=', code)
      .executeTakeFirst();
  const asset = (code: string) => env.db.selectFrom('assets').selectAll().where('code', '=', code).executeTakeFirst();

  // --- who may ------------------------------------------------------------------------------

  it('refuses non-admins (403) and anonymous callers (401), writing nothing', async () => {
    const requester = await env.login('richiedente');
    const res = await refused('buildings', 'b.csv', fixture('buildings-good-semicolon.csv'), 403, requester);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await refused('buildings', 'b.csv', fixture('buildings-good-semicolon.csv'), 401, env.anonymous())).json().code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a request that is not multipart (415) has no "file" part, an unknown kind or a cut body (400)', async () => {
    const json = await admin.post('/api/imports/buildings', { rows: [] });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const wrongField = await upload(admin, 'buildings', 'b.csv', fixture('buildings-good-semicolon.csv'), 'upload');
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'file', code: 'required' }] });
    expect((await upload(admin, 'contracts', 'b.csv', fixture('buildings-good-semicolon.csv'))).statusCode).toBe(400);
    const cut = await admin.request(
      'POST',
      '/api/imports/buildings',
      Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nsite_code;code\r\n'),
      { 'content-type': 'multipart/form-data; boundary=b' },
    );
    expect(cut.statusCode).toBe(400);
    expect(cut.json().code).toBe('BAD_REQUEST');
    expect(await building('IMP-B01')).toBeUndefined();
  });

  // --- good files ---------------------------------------------------------------------------

  it('imports buildings from a ";" CSV (BOM, CRLF, Italian competence, quoted ";"), creating and updating', async () => {
    const before = await building('MI-B02');
    const res = await upload(admin, 'buildings', 'edifici.csv', fixture('buildings-good-semicolon.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'buildings', created: 2, updated: 1, unchanged: 0 });
    const b1 = await building('IMP-B01');
    expect(b1).toMatchObject({
      name: 'Palazzina Import Uno',
      address: 'Via Roma 1; scala B, 20133 Milano',
      competence: 'central',
      competence_department_id: null,
      version: 1,
      active: 1,
    });
    const deib = await env.db.selectFrom('departments').select('id').where('code', '=', 'DEIB').executeTakeFirstOrThrow();
    expect(await building('IMP-B02')).toMatchObject({ competence: 'department', competence_department_id: deib.id });
    const after = await building('MI-B02');
    expect(after).toMatchObject({
      id: before!.id,
      name: 'Edificio Aule Nord (rinominato)',
      version: before!.version + 1,
      created_at: before!.created_at,
    });
  });

  it('re-importing the same file updates nothing and duplicates nothing; a changed row is updated', async () => {
    const before = await snapshot();
    const res = await upload(admin, 'buildings', 'edifici.csv', fixture('buildings-good-semicolon.csv'));
    expect(res.json()).toEqual({ kind: 'buildings', created: 0, updated: 0, unchanged: 3 });
    expect(await snapshot()).toEqual(before);

    const changed = fixture('buildings-good-semicolon.csv').toString('utf8').replace('Palazzina Import Uno', 'Palazzina Import Uno bis');
    const again = await upload(admin, 'buildings', 'edifici.csv', Buffer.from(changed));
    expect(again.json()).toEqual({ kind: 'buildings', created: 0, updated: 1, unchanged: 2 });
    expect(await building('IMP-B01')).toMatchObject({ name: 'Palazzina Import Uno bis', version: 2 });
    const count = await env.db
      .selectFrom('buildings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('code', 'like', 'IMP-B0%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('the optional new_ticket_notices column sets which new tickets reach the managers: new buildings default to all, absent it is left alone', async () => {
    const head = 'site_code;code;name;address;competence;new_ticket_notices\n';
    const res = await upload(
      admin,
      'buildings',
      'edifici.csv',
      Buffer.from(`${head}MI;IMP-N01;Avvisi Uno;Via 1;central;pericolo\nMI;IMP-N02;Avvisi Due;Via 2;central;\n`),
    );
    expect(res.json()).toEqual({ kind: 'buildings', created: 2, updated: 0, unchanged: 0 });
    expect(await building('IMP-N01')).toMatchObject({ new_ticket_notices: 'danger' });
    expect(await building('IMP-N02')).toMatchObject({ new_ticket_notices: 'all' });
    // Shown on the building as the registry reads it.
    expect((await admin.get(`/api/buildings/${await buildingId('IMP-N01')}`)).json().newTicketNotices).toBe('danger');

    const update = await upload(admin, 'buildings', 'edifici.csv', Buffer.from(`${head}MI;IMP-N02;Avvisi Due;Via 2;central;none\n`));
    expect(update.json()).toEqual({ kind: 'buildings', created: 0, updated: 1, unchanged: 0 });
    expect(await building('IMP-N02')).toMatchObject({ new_ticket_notices: 'none', version: 2 });
    const without = await upload(
      admin,
      'buildings',
      'edifici.csv',
      Buffer.from('site_code;code;name;address;competence\nMI;IMP-N01;Avvisi Uno bis;Via 1;central\n'),
    );
    expect(without.json()).toEqual({ kind: 'buildings', created: 0, updated: 1, unchanged: 0 });
    expect(await building('IMP-N01')).toMatchObject({ name: 'Avvisi Uno bis', new_ticket_notices: 'danger' });

    const bad = await refused('buildings', 'edifici.csv', Buffer.from(`${head}MI;IMP-N03;Avvisi Tre;Via 3;central;qualcuna\n`));
    expect(bad.json().errors).toMatchObject([{ field: 'new_ticket_notices', code: 'enum', row: 2 }]);
  });

  it('imports buildings from a "," CSV (spaced header names, quoted quotes)', async () => {
    const res = await upload(admin, 'buildings', 'edifici.csv', fixture('buildings-good-comma.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'buildings', created: 2, updated: 0, unchanged: 0 });
    expect(await building('IMP-B03')).toMatchObject({
      name: 'Serra sperimentale',
      address: 'Via Valleggio 11, 22100 Como',
      competence: 'department',
    });
    expect(await building('IMP-B04')).toMatchObject({ name: 'Magazzino "Nord"', competence: 'central' });
  });

  it('imports spaces from a ";" CSV with Italian decimals, creating the new floor', async () => {
    const aulaMagna = await space('MI-B01', 'P0.02');
    const res = await upload(admin, 'spaces', 'spazi.csv', fixture('spaces-good-semicolon.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'spaces', created: 2, updated: 1, unchanged: 0 });
    const floor = await env.db
      .selectFrom('floors')
      .selectAll()
      .where('building_id', '=', await buildingId('MI-B01'))
      .where('code', '=', 'P3')
      .executeTakeFirstOrThrow();
    expect(floor).toMatchObject({ name: 'Terzo piano', level: 3, version: 1 });
    expect(await space('MI-B01', 'P3.01')).toMatchObject({ floor_id: floor.id, name: 'Sala archivio', use: 'Deposito', area_cm2: 125_000 });
    expect(await space('MI-B01', 'P3.02')).toMatchObject({ floor_id: floor.id, area_cm2: 12_345_600 });
    expect(await space('MI-B01', 'P0.02')).toMatchObject({ id: aulaMagna!.id, area_cm2: 6_407_500, version: 2 });

    const again = await upload(admin, 'spaces', 'spazi.csv', fixture('spaces-good-semicolon.csv'));
    expect(again.json()).toEqual({ kind: 'spaces', created: 0, updated: 0, unchanged: 3 });
  });

  it('imports spaces from a "," CSV (negative level, quoted "20,5", dot decimal)', async () => {
    const res = await upload(admin, 'spaces', 'spazi.csv', fixture('spaces-good-comma.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'spaces', created: 2, updated: 0, unchanged: 0 });
    const floor = await env.db
      .selectFrom('floors')
      .selectAll()
      .where('building_id', '=', await buildingId('CO-B03'))
      .where('code', '=', 'S1')
      .executeTakeFirstOrThrow();
    expect(floor.level).toBe(-1);
    expect(await space('CO-B03', 'S1.01')).toMatchObject({ area_cm2: 205_000, use: 'Locale tecnico' });
    expect(await space('CO-B03', 'P0.04')).toMatchObject({ area_cm2: 32_500, use: null });
  });

  it('imports assets from a ";" CSV and a "," CSV, updating an existing code', async () => {
    const lift = await asset('MI-B03-ASC-01');
    const res = await upload(admin, 'assets', 'impianti.csv', fixture('assets-good-semicolon.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'assets', created: 2, updated: 1, unchanged: 0 });
    const atrio = await space('MI-B01', 'P0.01');
    expect(await asset('IMP-A01')).toMatchObject({ name: 'Estintore a polvere 6 kg', space_id: atrio!.id, serial_number: 'EST-2024-0001' });
    expect(await asset('IMP-A02')).toMatchObject({ space_id: null, building_id: await buildingId('MI-B02') });
    expect(await asset('MI-B03-ASC-01')).toMatchObject({ id: lift!.id, name: 'Ascensore (revisionato)', version: lift!.version + 1 });

    const comma = await upload(admin, 'assets', 'impianti.csv', fixture('assets-good-comma.csv'));
    expect(comma.json()).toEqual({ kind: 'assets', created: 1, updated: 0, unchanged: 0 });
    expect(await asset('IMP-A03')).toMatchObject({
      name: 'Pompa di calore, esterna',
      serial_number: null,
      space_id: (await space('CO-B02', 'P0.03'))!.id,
    });
  });

  it('imports XLSX workbooks (first sheet, numeric cells) for each kind', async () => {
    const b = await upload(
      admin,
      'buildings',
      'edifici.xlsx',
      await workbook(
        [
          ['Site_code', 'Code', 'Name', 'Address', 'Competence', 'Department_code'],
          ['MI', 'IMP-X01', 'Padiglione XLSX', 'Via Excel 1', 'Dipartimento', 'DMEC'],
          [],
          ['CO', 'IMP-X02', 'Deposito XLSX', 'Via Excel 2', 'centrale', null],
        ],
        'edifici.xlsx',
      ),
    );
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json()).toEqual({ kind: 'buildings', created: 2, updated: 0, unchanged: 0 });

    const s = await upload(
      admin,
      'spaces',
      'spazi.xlsx',
      await workbook(
        [
          ['building_code', 'floor_code', 'floor_name', 'floor_level', 'code', 'name', 'use', 'area_m2'],
          ['IMP-X01', 'S2', 'Secondo interrato', -2, 101, 'Locale pompe', 'Locale tecnico', 42.5],
          ['IMP-X01', 'S2', 'Secondo interrato', -2, 102, 'Magazzino', null, '17,25'],
        ],
        'spazi.xlsx',
      ),
    );
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toEqual({ kind: 'spaces', created: 2, updated: 0, unchanged: 0 });
    expect(await space('IMP-X01', '101')).toMatchObject({ area_cm2: 425_000, use: 'Locale tecnico' });
    expect(await space('IMP-X01', '102')).toMatchObject({ area_cm2: 172_500, use: null });

    const a = await upload(
      admin,
      'assets',
      'impianti.xlsx',
      await workbook(
        [
          ['code', 'name', 'technology_class_code', 'building_code', 'space_code', 'serial_number'],
          ['IMP-XA1', 'Pompa antincendio', 'ANT', 'IMP-X01', 101, 20240511],
        ],
        'impianti.xlsx',
      ),
    );
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toEqual({ kind: 'assets', created: 1, updated: 0, unchanged: 0 });
    expect(await asset('IMP-XA1')).toMatchObject({ serial_number: '20240511', space_id: (await space('IMP-X01', '101'))!.id });
  });

  // --- bad files: refused whole, every problem listed, nothing written ----------------------

  it('wrong columns: each unknown, repeated or missing column on row 1', async () => {
    const res = await refused('buildings', 'b.csv', fixture('buildings-bad-columns.csv'));
    expect(res.json()).toMatchObject({ code: 'IMPORT_INVALID', detail: 'Il file contiene 5 errori: non è stato importato nulla.' });
    expect(issues(res)).toEqual([
      [1, 'nome', 'unknownColumn'],
      [1, 'colour', 'unknownColumn'],
      [1, 'code', 'duplicateColumn'],
      [1, 'name', 'missingColumn'],
      [1, 'competence', 'missingColumn'],
    ]);
    expect(res.json().errors[3].message).toBe('Colonna mancante.');
  });

  it('bad values: non-numeric level and area, negative area, missing name, unknown competence, missing department', async () => {
    const spaces = await refused('spaces', 's.csv', fixture('spaces-bad-values.csv'));
    expect(issues(spaces)).toEqual([
      [2, 'floor_level', 'number'],
      [3, 'area_m2', 'number'],
      [4, 'area_m2', 'minimum'],
      [5, 'name', 'required'],
    ]);
    expect(spaces.json().detail).toContain('4 errori');
    const buildings = await refused('buildings', 'b.csv', fixture('buildings-bad-values.csv'));
    expect(issues(buildings)).toEqual([
      [2, 'competence', 'enum'],
      [3, 'department_code', 'departmentRequired'],
    ]);
    expect(await building('IMP-BV3')).toBeUndefined(); // the good row is not written either
  });

  it('unknown references: site, department, technology class, building, space within the building', async () => {
    const buildings = await refused('buildings', 'b.csv', fixture('buildings-bad-references.csv'));
    expect(issues(buildings)).toEqual([
      [2, 'site_code', 'notFound'],
      [3, 'department_code', 'notFound'],
    ]);
    const assets = await refused('assets', 'a.csv', fixture('assets-bad-references.csv'));
    expect(issues(assets)).toEqual([
      [2, 'technology_class_code', 'notFound'],
      [3, 'building_code', 'notFound'],
      [4, 'space_code', 'notFound'],
      [5, 'space_code', 'notFound'],
    ]);
  });

  it('codes repeated within the file, naming the first row', async () => {
    const spaces = await refused('spaces', 's.csv', fixture('spaces-duplicates.csv'));
    expect(issues(spaces)).toEqual([[4, 'code', 'duplicateInFile']]);
    expect(spaces.json().errors[0].message).toBe('Codice ripetuto nel file (già alla riga 2).');
    const buildings = await refused('buildings', 'b.csv', fixture('buildings-duplicates.csv'));
    expect(issues(buildings)).toEqual([[4, 'code', 'duplicateInFile']]);
  });

  it('a 20 MB file is refused with 413 before anything is parsed or written', async () => {
    const header = 'site_code;code;name;address;competence;department_code\n';
    const lines: string[] = [header];
    let size = header.length;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const line = `MI;IMP-BIG-${String(i).padStart(7, '0')};Edificio generato;Via Lunga ${i};central;\n`;
      lines.push(line);
      size += line.length;
    }
    const big = tmpFile('big.csv', lines.join(''));
    expect(big.length).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    const res = await refused('buildings', 'big.csv', big, 413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: 'Il file supera il limite di 10 MB.' });
  });

  it('more than 50,000 rows is refused (row of the first one beyond)', async () => {
    const rows = ['site_code,code,name,address,competence'];
    for (let i = 0; i < 50_001; i++) rows.push(`MI,IMP-N${i},N,V,central`);
    const res = await refused('buildings', 'many.csv', tmpFile('many.csv', rows.join('\n')));
    expect(res.json().errors).toEqual([{ field: 'file', code: 'maxItems', message: 'Al massimo 50000 elementi.', row: 50_002 }]);
  });

  it('an XLSX zip bomb (2 entries, 60 MB unpacked) is refused with 413 from its directory, nothing written', async () => {
    const bomb = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
      { name: 'xl/worksheets/sheet1.xml', data: hugeSheetXml(60 * 1024 * 1024) },
    ]);
    const res = await refused('buildings', 'edifici.xlsx', tmpFile('bomb.xlsx', bomb), 413);
    expect(res.json()).toMatchObject({
      code: 'IMPORT_TOO_LARGE',
      detail: "Il file supera i limiti dell'importazione e non è stato letto.",
    });
    expect(res.json().errors).toEqual([{ field: 'file', code: 'unpackedTooLarge', message: 'Il foglio decompresso supera 50 MB.' }]);
    // One that lies about its sizes is refused too, as damaged (inflating stops at the declared size).
    const liar = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: hugeSheetXml(60 * 1024 * 1024), declaredSize: 4096 }]);
    const lied = await refused('buildings', 'edifici.xlsx', liar);
    expect(issues(lied)).toEqual([[undefined, 'file', 'zipDamaged']]);
  });

  it('an XLSX with more than 50,000 rows is refused (row of the first one beyond), read as a stream', async () => {
    const res = await refused('buildings', 'many.xlsx', await manyRowsXlsx());
    expect(res.json().errors).toEqual([{ field: 'file', code: 'maxItems', message: 'Al massimo 50000 elementi.', row: 50_002 }]);
  }, 120_000);

  it('files that are not spreadsheets: PNG, PDF, random binary, an .xlsx that is text, a broken zip', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
    ]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    const goodXlsx = await workbook(
      [
        ['site_code', 'code'],
        ['MI', 'IMP-Z'],
      ],
      'z.xlsx',
    );
    const broken = goodXlsx.subarray(0, Math.floor(goodXlsx.length / 2));
    for (const [name, bytes] of [
      ['logo.png', png],
      ['doc.pdf', pdf],
      ['data.bin', random],
      ['edifici.xlsx', fixture('not-a-workbook.xlsx')],
      ['edifici.xlsx', broken],
      ['renamed.csv', png],
    ] as const) {
      const res = await refused('buildings', name, bytes);
      expect(res.json().errors, name).toEqual([
        { field: 'file', code: 'notSpreadsheet', message: 'Il file non è un CSV o un foglio XLSX leggibile.' },
      ]);
    }
  });

  it("a CSV that is not UTF-8 (Excel's Windows-1252) is refused with its own rule", async () => {
    const res = await refused('buildings', 'edifici.csv', fixture('buildings-cp1252.csv'));
    expect(issues(res)).toEqual([[undefined, 'file', 'notUtf8']]);
  });

  it('an empty file and a header-only file are refused as emptyFile', async () => {
    for (const name of ['empty.csv', 'header-only.csv']) {
      const res = await refused('buildings', name, fixture(name));
      expect(issues(res), name).toEqual([[undefined, 'file', 'emptyFile']]);
    }
    const emptyBook = await refused('spaces', 'vuoto.xlsx', await workbook([], 'vuoto.xlsx'));
    expect(issues(emptyBook)).toEqual([[undefined, 'file', 'emptyFile']]);
  });
});

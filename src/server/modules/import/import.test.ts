import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cellText, detectFormat, detectSeparator, parseCsv, parseSpreadsheet, type Sheet } from './import.parse.ts';
import {
  columnLetter,
  mapHeader,
  pairKey,
  parseAreaCm2,
  parseCompetence,
  parseLevel,
  referencedCodes,
  validateRows,
  type AssetsLookups,
  type BuildingsLookups,
  type SpacesLookups,
} from './import.validate.ts';

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../../../test/fixtures/import', name));

const sheetOf = (text: string): Sheet => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.sheet;
};

describe('values', () => {
  it.each([
    ['12,5', 125_000],
    ['12.5', 125_000],
    ['12', 120_000],
    ['0,01', 100],
    ['1.234,56', 12_345_600],
    ['1,234.56', 12_345_600],
    ['12.345,6', 123_456_000],
    ['100.000', 1_000_000],
    ['38,4', 384_000],
    ['12,34567', 123_457],
    ['12,34564', 123_456],
    ['7 m²', 70_000],
    ['0', 0],
  ])('area %s m² → %d cm²', (s, cm2) => {
    expect(parseAreaCm2(s)).toEqual({ ok: true, value: cm2 });
  });
  it.each([
    ['abc', 'number'],
    ['12,5,3', 'number'],
    ['1.2.3', 'number'],
    ['-3', 'minimum'],
    ['300000', 'maximum'],
    ['1.234.567', 'maximum'],
    ['12,', 'number'],
    [',5', 'number'],
  ])('area %s refused (%s)', (s, rule) => {
    expect(parseAreaCm2(s)).toMatchObject({ ok: false, rule });
  });
  it.each([
    ['0', 0],
    ['-1', -1],
    ['+2', 2],
    ['3.0', 3],
    ['-0', 0],
  ])('level %s → %d', (s, n) => {
    expect(parseLevel(s)).toEqual({ ok: true, value: n });
  });
  it.each([
    ['primo', 'number'],
    ['1.5', 'number'],
    ['', 'number'],
    ['-21', 'minimum'],
    ['201', 'maximum'],
  ])('level %s refused (%s)', (s, rule) => {
    expect(parseLevel(s)).toMatchObject({ ok: false, rule });
  });
  it('competence in English or Italian, any case', () => {
    expect(parseCompetence('Centrale')).toEqual({ ok: true, value: 'central' });
    expect(parseCompetence(' DIPARTIMENTO ')).toEqual({ ok: true, value: 'department' });
    expect(parseCompetence('department')).toEqual({ ok: true, value: 'department' });
    expect(parseCompetence('regionale')).toMatchObject({ ok: false, rule: 'enum' });
  });
  it('column letters', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('parsing', () => {
  it('detects the separator from the header line', () => {
    expect(detectSeparator('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectSeparator('a,b,c\n"x;y",2,3')).toBe(',');
    expect(detectSeparator('"a;b",c,d')).toBe(',');
    expect(detectSeparator('\n\nabc')).toBeNull();
  });

  it('detects the format by content', () => {
    expect(detectFormat(Buffer.alloc(0))).toBe('empty');
    expect(detectFormat(Buffer.from('PK\x03\x04rest', 'latin1'), 'x.csv')).toBe('xlsx');
    expect(detectFormat(Buffer.from('code;name\n1;2'), 'x.xlsx')).toBe('notSpreadsheet');
    expect(detectFormat(Buffer.from('%PDF-1.4\n1 0 obj'), 'x.csv')).toBe('notSpreadsheet');
    expect(detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('notSpreadsheet');
    expect(detectFormat(Buffer.from([0x61, 0x00, 0x62]))).toBe('notSpreadsheet');
    expect(detectFormat(Buffer.from('code;name\nA;Citt\xe0', 'latin1'))).toBe('notUtf8');
    expect(detectFormat(Buffer.from('\ufeffcode;name\nA;Città'))).toBe('csv');
  });

  it('numbers rows as the file does, skipping blank lines but keeping their place; strips the BOM; trims', () => {
    const s = sheetOf('\ufeff Code ; Name \n\nA1;" Aula; magna "\n;;\r\nA2 ;x\n');
    expect(s.header).toEqual({ row: 1, cells: ['Code', 'Name'] });
    expect(s.rows).toEqual([
      { row: 3, cells: ['A1', 'Aula; magna'] },
      { row: 5, cells: ['A2', 'x'] },
    ]);
  });

  it('reads the real Lazio price list (Italian decimals, quoted «;», trailing empty fields)', () => {
    const r = parseCsv(fixture('prezzario-lazio-2023-G.head.csv').toString('utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const item = r.sheet.rows.find((l) => l.cells[1] === '1.01.1.a');
    expect(item?.cells.slice(0, 5)).toEqual([
      'G',
      '1.01.1.a',
      'in piastrelle di cemento, ceramica, cotto, con relativa malta di allettamento',
      'mq',
      '€ 19,01',
    ]);
    const quoted = r.sheet.rows.find((l) => l.cells[1] === '1.01.1');
    expect(quoted?.cells[2]).toContain("macerie nell'ambito del cantiere; la cernita");
    expect(parseAreaCm2(item!.cells[4].replace('€', ''))).toEqual({ ok: true, value: 190_100 });
  });

  it('refuses broken quoting and text without separators', () => {
    expect(parseCsv('a;b\n"unclosed;x\n')).toMatchObject({ ok: false, issues: [{ field: 'file', rule: 'notSpreadsheet' }] });
    expect(parseCsv('just some text\nmore')).toMatchObject({ ok: false, issues: [{ rule: 'notSpreadsheet' }] });
    expect(parseCsv(' \n \n')).toMatchObject({ ok: false, issues: [{ rule: 'emptyFile' }] });
  });

  it('reads the first sheet of an XLSX, cells as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('uno');
    ws.addRow(['code', 'area_m2', 'level', 'formula']);
    ws.addRow(['A', 12.5, -1, { formula: 'B2*2', result: 25 }]);
    ws.addRow([]);
    ws.addRow([{ richText: [{ text: 'B' }, { text: '2' }] }, null, 0]);
    wb.addWorksheet('due').addRow(['ignored']);
    const r = await parseSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer()), 'x.bin');
    expect(r).toEqual({
      ok: true,
      sheet: {
        format: 'xlsx',
        header: { row: 1, cells: ['code', 'area_m2', 'level', 'formula'] },
        rows: [
          { row: 2, cells: ['A', '12.5', '-1', '25'] },
          { row: 4, cells: ['B2', '', '0'] },
        ],
      },
    });
    expect(cellText(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });

  it('refuses a truncated XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['code']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await parseSpreadsheet(buf.subarray(0, buf.length / 2))).toMatchObject({ ok: false, issues: [{ rule: 'notSpreadsheet' }] });
  });
});

describe('validation', () => {
  const ref = (id: string, active = true) => ({ id, active });

  it('reports header problems on row 1', () => {
    const { issues } = mapHeader('buildings', { row: 1, cells: ['Site_Code', 'CODE', 'name', 'colour', 'code', ''] });
    expect(issues).toEqual([
      { field: 'colour', rule: 'unknownColumn', row: 1 },
      { field: 'code', rule: 'duplicateColumn', row: 1 },
      { field: 'address', rule: 'missingColumn', row: 1 },
      { field: 'competence', rule: 'missingColumn', row: 1 },
    ]);
  });

  const buildingsLookups = (): BuildingsLookups => ({
    sites: new Map([
      ['MI', ref('s1')],
      ['OLD', ref('s0', false)],
    ]),
    departments: new Map([['DEIB', ref('d1')]]),
    buildings: new Map([
      [
        'B1',
        {
          id: 'b1',
          site_id: 's1',
          name: 'Uno',
          address: 'Via 1',
          competence: 'central',
          competence_department_id: null,
          notify_occupants_planned: 0,
          new_ticket_notices: 'all',
        },
      ],
    ]),
  });

  it('buildings: every error of every row, with the row of the file', () => {
    const sheet = sheetOf(
      [
        'site_code;code;name;address;competence;department_code',
        'MI;B2;Due;Via 2;dipartimento;DEIB',
        'XX;B3;Tre;Via 3;centrale;',
        'MI;B2;Ancora;Via 2;central;',
        'OLD;B4;;Via 4;regionale;',
        'MI;B5;Cinque;Via 5;department;',
        'MI;B6;Sei;Via 6;department;NOPE;extra',
      ].join('\n'),
    );
    const { columns } = mapHeader('buildings', sheet.header);
    const r = validateRows(sheet, columns, buildingsLookups());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.row, i.field, i.rule, i.params])).toEqual([
      [3, 'site_code', 'notFound', undefined],
      [4, 'code', 'duplicateInFile', { firstRow: 2 }],
      [5, 'name', 'required', undefined],
      [5, 'site_code', 'notFound', undefined],
      [5, 'competence', 'enum', { allowed: 'central, department, centrale, dipartimento' }],
      [6, 'department_code', 'departmentRequired', undefined],
      [7, 'G', 'unknownColumn', undefined],
      [7, 'department_code', 'notFound', undefined],
    ]);
  });

  it('buildings: creates, updates and skips unchanged rows', () => {
    const sheet = sheetOf('site_code,code,name,address,competence\nMI,B1,Uno,Via 1,central\nMI,B2,Due,Via 2,central\n');
    const { columns, issues } = mapHeader('buildings', sheet.header);
    expect(issues).toEqual([]);
    expect(referencedCodes(sheet, columns)).toMatchObject({ sites: new Set(['MI']), own: new Set(['B1', 'B2']) });
    const r = validateRows(sheet, columns, buildingsLookups());
    expect(r).toMatchObject({
      ok: true,
      plan: { kind: 'buildings', counts: { created: 1, updated: 0, unchanged: 1 }, rows: [{ code: 'B2' }] },
    });
  });

  it("buildings: the optional notify_occupants column (yes/no, sì/no) sets the occupants' setting; absent, it is left alone", () => {
    const sheet = sheetOf(
      'site_code;code;name;address;competence;notify_occupants\nMI;B1;Uno;Via 1;central;sì\nMI;B2;Due;Via 2;central;\nMI;B3;Tre;Via 3;central;forse\n',
    );
    const { columns } = mapHeader('buildings', sheet.header);
    const bad = validateRows(sheet, columns, buildingsLookups());
    expect(bad.ok ? [] : bad.issues.map((i) => [i.row, i.field, i.rule])).toEqual([[4, 'notify_occupants', 'enum']]);
    const good = sheetOf('site_code;code;name;address;competence;notify_occupants\nMI;B1;Uno;Via 1;central;sì\nMI;B2;Due;Via 2;central;\n');
    expect(validateRows(good, mapHeader('buildings', good.header).columns, buildingsLookups())).toMatchObject({
      ok: true,
      plan: {
        withNotify: true,
        counts: { created: 1, updated: 1, unchanged: 0 },
        rows: [
          { code: 'B1', notify_occupants_planned: 1 },
          { code: 'B2', notify_occupants_planned: 0 },
        ],
      },
    });
    const without = sheetOf('site_code;code;name;address;competence\nMI;B1;Uno;Via 1;central\n');
    expect(validateRows(without, mapHeader('buildings', without.header).columns, buildingsLookups())).toMatchObject({
      ok: true,
      plan: { withNotify: false, counts: { unchanged: 1 } },
    });
  });

  it('buildings: the optional new_ticket_notices column (all/danger/none, tutte/pericolo/nessuna; blank = all) sets who hears of new tickets', () => {
    const head = 'site_code;code;name;address;competence;new_ticket_notices\n';
    const bad = sheetOf(`${head}MI;B1;Uno;Via 1;central;pericolo\nMI;B2;Due;Via 2;central;qualcuna\n`);
    const badResult = validateRows(bad, mapHeader('buildings', bad.header).columns, buildingsLookups());
    expect(badResult.ok ? [] : badResult.issues.map((i) => [i.row, i.field, i.rule, i.params])).toEqual([
      [3, 'new_ticket_notices', 'enum', { allowed: 'all, danger, none, tutte, pericolo, nessuna' }],
    ]);
    const good = sheetOf(`${head}MI;B1;Uno;Via 1;central;Pericolo\nMI;B2;Due;Via 2;central;\nMI;B3;Tre;Via 3;central;none\n`);
    expect(validateRows(good, mapHeader('buildings', good.header).columns, buildingsLookups())).toMatchObject({
      ok: true,
      plan: {
        withNewTicketNotices: true,
        counts: { created: 2, updated: 1, unchanged: 0 },
        rows: [
          { code: 'B1', new_ticket_notices: 'danger' },
          { code: 'B2', new_ticket_notices: 'all' },
          { code: 'B3', new_ticket_notices: 'none' },
        ],
      },
    });
    // The same value as stored: unchanged; without the column: left alone.
    const same = sheetOf(`${head}MI;B1;Uno;Via 1;central;all\n`);
    expect(validateRows(same, mapHeader('buildings', same.header).columns, buildingsLookups())).toMatchObject({
      ok: true,
      plan: { counts: { unchanged: 1 } },
    });
    const without = sheetOf('site_code;code;name;address;competence\nMI;B1;Uno;Via 1;central\n');
    expect(validateRows(without, mapHeader('buildings', without.header).columns, buildingsLookups())).toMatchObject({
      ok: true,
      plan: { withNewTicketNotices: false },
    });
  });

  const spacesLookups = (): SpacesLookups => ({
    buildings: new Map([['B1', ref('b1')]]),
    floors: new Map([[pairKey('b1', 'P0'), { id: 'f0', name: 'Piano terra', level: 0 }]]),
    spaces: new Map([[pairKey('b1', 'P0.01'), { id: 'x1', floor_id: 'f0', name: 'Atrio', use: 'Atrio', area_cm2: 1_850_000 }]]),
  });

  it('spaces: a new floor needs a name and level on some row; conflicting values are refused', () => {
    const sheet = sheetOf(
      [
        'building_code;floor_code;floor_name;floor_level;code;name;use;area_m2',
        'B1;P1;;;P1.01;Aula;Aula;12,5',
        'B1;P1;Primo piano;1;P1.02;Aula 2;Aula;1.234,5',
        'B1;P1;Piano uno;2;P1.03;Aula 3;;',
        'B1;P2;;;P2.01;Ufficio;;abc',
        'B1;P3;Terzo;terzo;P3.01;Ufficio;;',
        'B1;P0;;;P1.01;Doppio;;',
        'B9;P0;;;X;Y;;',
      ].join('\n'),
    );
    const { columns } = mapHeader('spaces', sheet.header);
    const r = validateRows(sheet, columns, spacesLookups());
    if (r.ok) throw new Error('expected issues');
    expect(r.issues.map((i) => [i.row, i.field, i.rule])).toEqual([
      [4, 'floor_name', 'inconsistentInFile'],
      [4, 'floor_level', 'inconsistentInFile'],
      [5, 'area_m2', 'number'],
      [5, 'floor_name', 'required'],
      [5, 'floor_level', 'required'],
      [6, 'floor_level', 'number'],
      [7, 'code', 'duplicateInFile'],
      [8, 'building_code', 'notFound'],
    ]);
  });

  it('spaces: plan with Italian decimals, new floors and changed spaces only', () => {
    const sheet = sheetOf(
      [
        'building_code;floor_code;floor_name;floor_level;code;name;use;area_m2',
        'B1;P0;;;P0.01;Atrio;Atrio;185',
        'B1;P1;Primo piano;1;P1.01;Aula;Aula;12,5',
        'B1;P0;;;P0.02;Aula Magna;Aula;640,25',
      ].join('\n'),
    );
    const { columns } = mapHeader('spaces', sheet.header);
    const r = validateRows(sheet, columns, spacesLookups());
    expect(r).toMatchObject({
      ok: true,
      plan: {
        counts: { created: 2, updated: 0, unchanged: 1 },
        floors: [{ building_id: 'b1', code: 'P1', name: 'Primo piano', level: 1 }],
        rows: [
          { code: 'P1.01', area_cm2: 125_000, floorKey: pairKey('b1', 'P1') },
          { code: 'P0.02', area_cm2: 6_402_500 },
        ],
        optional: ['use', 'area_cm2'],
      },
    });
  });

  it('assets: references must exist, the space within the building', () => {
    const lk: AssetsLookups = {
      classes: new Map([['ELE', ref('c1')]]),
      buildings: new Map([
        ['B1', ref('b1')],
        ['B2', ref('b2')],
      ]),
      spaces: new Map([[pairKey('b1', 'P0.01'), ref('x1')]]),
      assets: new Map([
        ['A1', { id: 'a1', name: 'Quadro', technology_class_id: 'c1', building_id: 'b1', space_id: 'x1', serial_number: null }],
      ]),
    };
    const sheet = sheetOf(
      [
        'code,name,technology_class_code,building_code,space_code,serial_number',
        'A1,Quadro,ELE,B1,P0.01,',
        'A2,Quadro 2,XXX,B2,P0.01,SN',
        'A3,Quadro 3,ELE,B1,,',
      ].join('\n'),
    );
    const { columns } = mapHeader('assets', sheet.header);
    const r = validateRows(sheet, columns, lk);
    if (r.ok) throw new Error('expected issues');
    expect(r.issues.map((i) => [i.row, i.field, i.rule])).toEqual([
      [3, 'technology_class_code', 'notFound'],
      [3, 'space_code', 'notFound'],
    ]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb, type Client, type TestEnv } from './helpers/app.ts';

type Issue = { field: string; code: string; message: string };
const errs = (res: LightMyRequestResponse) => ((res.json().errors ?? []) as Issue[]).map((e) => `${e.field}:${e.code}`);

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, 'fixtures/plans', name));
function upload(client: Client, kind: string, filename: string, content: Buffer) {
  const boundary = `----presidio${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return client.request('POST', `/api/imports/${kind}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

describeEachDb('maintenance plans and meters', (env: TestEnv) => {
  let admin: Client;
  const ids: Record<string, string> = {};
  const base = () => ({
    code: 'T-EST-01',
    activity: 'Controllo semestrale estintori',
    buildingId: ids['MI-B01'],
    technologyClassId: ids.ANT,
    scheduleKind: 'calendar',
    rrule: 'FREQ=MONTHLY;INTERVAL=6',
    startsOn: '2026-01-15',
    regulation: 'UNI 9994-1',
    checklist: [
      { key: 'pressure', label: 'Pressione', kind: 'measure', unit: 'bar', min: 12, max: 16 },
      { key: 'seal', label: 'Sigillo integro', kind: 'yes_no' },
    ],
    requiredDocuments: ['maintenance_tag'],
  });

  beforeAll(async () => {
    admin = await env.login('admin');
    for (const t of ['buildings', 'technology_classes', 'assets'] as const) {
      for (const r of await env.db.selectFrom(t).select(['id', 'code']).execute()) ids[r.code] = r.id;
    }
  });

  it('creates a plan, reads it back with the rule in words and the next due date, in both languages', async () => {
    const res = await admin.post('/api/maintenance-plans', base());
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({
      code: 'T-EST-01',
      scheduleKind: 'calendar',
      rrule: 'FREQ=MONTHLY;INTERVAL=6',
      buildingCode: 'MI-B01',
      technologyClassCode: 'ANT',
      checklist: [
        { key: 'pressure', kind: 'measure', unit: 'bar', min: 12, max: 16 },
        { key: 'seal', kind: 'yes_no' },
      ],
      requiredDocuments: ['maintenance_tag'],
      version: 1,
      active: true,
      nextDue: '2026-07-15',
      shift: 'next',
    });
    expect(plan.ruleText).toBe('Ogni 6 mesi dal 15/01/2026');
    await env.db.updateTable('users').set({ language: 'en' }).where('username', '=', 'admin').execute();
    try {
      expect((await admin.get(`/api/maintenance-plans/${plan.id}`)).json().ruleText).toBe('Every 6 months from 15 January 2026');
    } finally {
      await env.db.updateTable('users').set({ language: 'it' }).where('username', '=', 'admin').execute();
    }
    const list = (await admin.get(`/api/maintenance-plans?buildingId=${ids['MI-B01']}&q=est-01`)).json();
    expect(list.items.map((p: { code: string }) => p.code)).toEqual(['T-EST-01']);
  });

  it('refuses bad values naming the field and the rule, in Italian and in English', async () => {
    const bad = await admin.post('/api/maintenance-plans', {
      ...base(),
      code: 'T-BAD',
      rrule: 'FREQ=SOMETIMES',
      seasonFrom: '10-15',
      endsOn: '2025-12-31',
      checklist: [
        { key: 'a', label: 'A', kind: 'measure', min: 5, max: 1 },
        { key: 'a', label: 'B', kind: 'yes_no' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(errs(bad).sort()).toEqual([
      'checklist.0.max:checklistRange',
      'checklist.0.unit:checklistUnit',
      'checklist.1.key:checklistKey',
      'endsOn:dateOrder',
      'rrule:rrule',
      'seasonTo:seasonBoth',
    ]);
    expect(bad.json().errors.find((e: Issue) => e.field === 'rrule').message).toContain('Regola di ricorrenza non valida');

    const noRule = await admin.post('/api/maintenance-plans', {
      ...base(),
      code: 'T-BAD',
      rrule: null,
      seasonFrom: '13-01',
      seasonTo: '04-15',
    });
    expect(errs(noRule).sort()).toEqual(['rrule:rruleRequired', 'seasonFrom:mmdd']);
    const meter = await admin.post('/api/maintenance-plans', { ...base(), code: 'T-BAD', scheduleKind: 'meter', meterEvery: 0 });
    expect(errs(meter).sort()).toEqual(['meterEvery:meterEvery', 'meterId:meterRequired']);
    const doc = await admin.post('/api/maintenance-plans', { ...base(), code: 'T-BAD', requiredDocuments: ['receipt'] });
    expect(doc.statusCode).toBe(400);
    expect(errs(doc)[0]).toMatch(/^requiredDocuments/);

    // The asset must be in the plan's building and of its class.
    const asset = await admin.post('/api/maintenance-plans', { ...base(), code: 'T-BAD', assetId: ids['MI-B01-CT-01'] });
    expect(asset.statusCode).toBe(422);
    expect(errs(asset)).toEqual(['assetId:assetClass']);
    const elsewhere = await admin.post('/api/maintenance-plans', { ...base(), code: 'T-BAD', assetId: ids['MI-B07-RI-01'] });
    expect(errs(elsewhere)).toEqual(['assetId:assetBuilding']);

    const dup = await admin.post('/api/maintenance-plans', base());
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'code', code: 'unique' }] });

    await env.db.updateTable('users').set({ language: 'en' }).where('username', '=', 'admin').execute();
    try {
      const enBad = await admin.post('/api/maintenance-plans', { ...base(), code: 'T-BAD', rrule: 'FREQ=HOURLY' });
      expect(enBad.json().errors).toEqual([
        expect.objectContaining({ field: 'rrule', code: 'rrule', message: expect.stringContaining('Invalid recurrence rule') }),
      ]);
    } finally {
      await env.db.updateTable('users').set({ language: 'it' }).where('username', '=', 'admin').execute();
    }
  });

  it('changes a plan with its version, refuses a stale one (409) and deactivates', async () => {
    const created = (await admin.post('/api/maintenance-plans', { ...base(), code: 'T-EST-02' })).json();
    const changed = await admin.patch(`/api/maintenance-plans/${created.id}`, {
      version: 1,
      rrule: 'FREQ=MONTHLY;INTERVAL=12',
      estimatedMinutes: 90,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      rrule: 'FREQ=MONTHLY;INTERVAL=12',
      estimatedMinutes: 90,
      checklist: base().checklist,
    });
    const stale = await admin.patch(`/api/maintenance-plans/${created.id}`, { version: 1, activity: 'X' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 2 } });
    const off = await admin.patch(`/api/maintenance-plans/${created.id}`, { version: 2, active: false });
    expect(off.json()).toMatchObject({ active: false, nextDue: null });
    const listed = (await admin.get('/api/maintenance-plans?q=T-EST-02')).json();
    expect(listed.items).toEqual([]);
    expect((await admin.get('/api/maintenance-plans?q=T-EST-02&active=false')).json().items).toHaveLength(1);
  });

  it('scopes plans by role: building managers their buildings, contractors their contracts read-only, requesters nothing', async () => {
    const ele = (
      await admin.post('/api/maintenance-plans', {
        ...base(),
        code: 'T-ELE-01',
        technologyClassId: ids.ELE,
        activity: 'Verifica impianto di terra',
        checklist: [],
        requiredDocuments: [],
      })
    ).json();
    const est = (await admin.get('/api/maintenance-plans?q=T-EST-01')).json().items[0];

    const deib = await env.login('bm.deib'); // MI-B03, MI-B04
    expect((await deib.get(`/api/maintenance-plans/${est.id}`)).statusCode).toBe(404);
    expect((await deib.post('/api/maintenance-plans', { ...base(), code: 'T-DEIB-X' })).statusCode).toBe(404);
    expect((await deib.patch(`/api/maintenance-plans/${est.id}`, { version: 1, activity: 'X' })).statusCode).toBe(404);
    const own = await deib.post('/api/maintenance-plans', { ...base(), code: 'T-DEIB-01', buildingId: ids['MI-B03'] });
    expect(own.statusCode, own.body).toBe(201);
    // …but may not move it into someone else's building.
    expect((await deib.patch(`/api/maintenance-plans/${own.json().id}`, { version: 1, buildingId: ids['MI-B01'] })).statusCode).toBe(404);

    const centrale = await env.login('bm.centrale');
    expect((await centrale.patch(`/api/maintenance-plans/${est.id}`, { version: est.version, estimatedMinutes: 30 })).statusCode).toBe(200);

    const fire = await env.login('ditta.antincendio');
    const seen = (await fire.get('/api/maintenance-plans?limit=200'))
      .json()
      .items.map((p: { technologyClassCode: string }) => p.technologyClassCode);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['ANT']));
    expect((await fire.get(`/api/maintenance-plans/${ele.id}`)).statusCode).toBe(404);
    expect((await fire.get(`/api/maintenance-plans/${est.id}`)).statusCode).toBe(200);
    expect((await fire.patch(`/api/maintenance-plans/${est.id}`, { version: 2, activity: 'X' })).statusCode).toBe(403);
    expect((await fire.post('/api/maintenance-plans', { ...base(), code: 'T-FIRE' })).statusCode).toBe(403);

    const requester = await env.login('richiedente');
    expect((await requester.get('/api/maintenance-plans')).statusCode).toBe(403);
    expect((await requester.get(`/api/maintenance-plans/${est.id}`)).statusCode).toBe(403);
  });

  it('previews a rule: words and the next five dates', async () => {
    const res = await admin.get(
      '/api/maintenance-plans/preview?rrule=FREQ%3DMONTHLY%3BBYDAY%3DMO%2CTU%2CWE%2CTH%2CFR%3BBYSETPOS%3D-1&startsOn=2026-01-01&shift=previous',
    );
    expect(res.json()).toEqual({
      valid: true,
      ruleText: "L'ultimo giorno lavorativo del mese",
      dates: ['2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30', '2026-07-31'],
    });
    const season = await admin.get(
      '/api/maintenance-plans/preview?rrule=FREQ%3DMONTHLY&startsOn=2026-01-20&seasonFrom=10-15&seasonTo=04-15&count=3',
    );
    expect(season.json().dates).toEqual(['2026-03-20', '2026-10-20', '2026-11-20']);
    expect((await admin.get('/api/maintenance-plans/preview?rrule=NOPE&startsOn=2026-01-01')).json()).toMatchObject({ valid: false });
  });

  it('a reading passing thresholds opens one program item, never the same threshold twice', async () => {
    const meterRes = await admin.post('/api/meters', { assetId: ids['MI-B03-GF-01'], name: 'Ore di funzionamento', unit: 'h' });
    expect(meterRes.statusCode, meterRes.body).toBe(201);
    const meter = meterRes.json();
    const read = (value: number, readAt: string) => admin.post(`/api/meters/${meter.id}/readings`, { value, readAt });
    expect((await read(1500, '2026-01-10T08:00:00Z')).json().opened).toEqual([]);

    const plan = await admin.post('/api/maintenance-plans', {
      code: 'T-GF-01',
      activity: 'Manutenzione gruppo frigorifero (2.000 h)',
      buildingId: ids['MI-B03'],
      technologyClassId: ids.TER,
      assetId: ids['MI-B03-GF-01'],
      scheduleKind: 'meter',
      meterId: meter.id,
      meterEvery: 2000,
      startsOn: '2026-01-01',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json()).toMatchObject({ meterEvery: 2000, meterLastTrigger: 0, nextDue: null, ruleText: 'Ogni 2.000 h di contatore' });

    // 1,500 → 4,100 h passes 2,000 and 4,000: one activity, at 4,000.
    const first = await read(4100.5, '2026-02-20T08:00:00Z');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().reading).toMatchObject({ value: 4100.5, source: 'manual' });
    const opened = first.json().opened;
    expect(opened).toEqual([expect.objectContaining({ planId: plan.json().id, thresholdMilli: 4_000_000, month: '2026-02' })]);
    const items = await env.db.selectFrom('program_items').selectAll().where('plan_id', '=', plan.json().id).execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      occurrence_key: 'meter:4000000',
      source: 'meter',
      due_on: '2026-02-20',
      asset_id: ids['MI-B03-GF-01'],
    });
    const program = await env.db.selectFrom('programs').selectAll().where('id', '=', items[0].program_id).executeTakeFirstOrThrow();
    expect(program).toMatchObject({ month: '2026-02', status: 'draft' });

    // A lower or equal reading (a correction) opens nothing again.
    expect((await read(3000, '2026-02-21T08:00:00Z')).json().opened).toEqual([]);
    expect((await read(5999, '2026-02-22T08:00:00Z')).json().opened).toEqual([]);

    // February's program is submitted: the next threshold goes into March.
    await env.db.updateTable('programs').set({ status: 'submitted' }).where('id', '=', program.id).execute();
    const next = (await read(6010, '2026-02-25T08:00:00Z')).json().opened;
    expect(next).toEqual([expect.objectContaining({ thresholdMilli: 6_000_000, month: '2026-03' })]);
    expect(
      await env.db.selectFrom('program_items').select('due_on').where('plan_id', '=', plan.json().id).orderBy('due_on').execute(),
    ).toEqual([{ due_on: '2026-02-20' }, { due_on: '2026-03-01' }]);

    const readings = (await admin.get(`/api/meters/${meter.id}/readings?limit=2`)).json();
    expect(readings.items.map((r: { value: number }) => r.value)).toEqual([6010, 5999]);
    expect(readings.nextCursor).not.toBeNull();
    expect((await admin.get(`/api/meters/${meter.id}`)).json()).toMatchObject({ lastValue: 6010, unit: 'h', assetCode: 'MI-B03-GF-01' });
    expect((await admin.get(`/api/meters?assetId=${ids['MI-B03-GF-01']}`)).json().items).toHaveLength(2); // the demo's and this one

    // Who reads: the contractor of TER on MI-B03 may add a reading; a requester may not.
    const termica = await env.login('ditta.termica');
    expect((await termica.post(`/api/meters/${meter.id}/readings`, { value: 6100, readAt: '2026-03-01T08:00:00Z' })).statusCode).toBe(201);
    const requester = await env.login('richiedente');
    expect((await requester.post(`/api/meters/${meter.id}/readings`, { value: 6200, readAt: '2026-03-01T08:00:00Z' })).statusCode).toBe(
      403,
    );
    // The electrical contractor sees MI-B03's assets but not this TER pair: it may not read the meter.
    const elettrica = await env.login('ditta.elettrica');
    expect((await elettrica.post(`/api/meters/${meter.id}/readings`, { value: 6200, readAt: '2026-03-01T08:00:00Z' })).statusCode).toBe(
      403,
    );
    // A meter reads like its asset (the registry's asset scope); a requester reads neither.
    expect((await termica.get(`/api/meters/${meter.id}`)).statusCode).toBe(200);
    expect((await termica.get(`/api/meters/${meter.id}/readings`)).statusCode).toBe(200);
    expect((await requester.get(`/api/assets/${ids['MI-B03-GF-01']}`)).statusCode).toBe(403);
    expect((await requester.get(`/api/meters/${meter.id}`)).statusCode).toBe(403);
    expect((await requester.get(`/api/meters/${meter.id}/readings`)).statusCode).toBe(403);
    // A reading in the future is refused, naming the field.
    const future = await admin.post(`/api/meters/${meter.id}/readings`, { value: 6300, readAt: '2026-04-01T08:00:00Z' });
    expect(errs(future)).toEqual(['readAt:maximum']);
    // A building manager adds meters only on the assets of their buildings.
    const deib = await env.login('bm.deib');
    expect((await deib.post('/api/meters', { assetId: ids['MI-B01-CT-01'], name: 'Ore', unit: 'h' })).statusCode).toBe(404);
    expect((await deib.post('/api/meters', { assetId: ids['MI-B03-ASC-01'], name: 'Corse', unit: 'cicli' })).statusCode).toBe(201);
  });

  it('imports plans all or nothing: a file with row errors writes nothing and names row, column and rule', async () => {
    const count = async () =>
      Number(
        (
          await env.db
            .selectFrom('maintenance_plans')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await upload(admin, 'maintenance-plans', 'plans-bad.csv', fixture('plans-bad.csv'));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('IMPORT_INVALID');
    expect((bad.json().errors as Array<Issue & { row: number }>).map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'rrule', 'rrule'],
      [3, 'building_code', 'notFound'],
      [4, 'frequency_months', 'frequencyOrRule'],
      [5, 'required_documents', 'requiredDocument'],
      [5, 'checklist', 'checklistUnit'],
      [6, 'asset_code', 'assetClass'],
      [6, 'starts_on', 'date'],
      [7, 'code', 'duplicateInFile'],
    ]);
    expect(bad.json().errors[0].message).toContain('Regola di ricorrenza non valida');
    expect(await count()).toBe(before);

    const good = await upload(admin, 'maintenance-plans', 'plans-good.csv', fixture('plans-good.csv'));
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ kind: 'maintenance-plans', created: 3, updated: 0, unchanged: 0 });
    const p = (await admin.get('/api/maintenance-plans?q=IMP-P0')).json().items;
    expect(p.map((x: { code: string }) => x.code)).toEqual(['IMP-P01', 'IMP-P02', 'IMP-P03']);
    expect(p[0]).toMatchObject({
      rrule: 'FREQ=MONTHLY;INTERVAL=6',
      requiredDocuments: ['maintenance_tag'],
      checklist: [
        { key: 'sigillo_integro', label: 'Sigillo integro', kind: 'yes_no' },
        { key: 'pressione', label: 'Pressione', kind: 'measure', unit: 'bar', min: 12, max: 16 },
      ],
    });
    expect(p[1]).toMatchObject({
      scheduleKind: 'calendar',
      rrule: 'FREQ=YEARLY;INTERVAL=2',
      startsOn: '2026-10-15',
      seasonFrom: '10-15',
      seasonTo: '04-15',
      checklist: [{ kind: 'measure', unit: '%', min: 90.5 }],
    });
    expect(p[2]).toMatchObject({ scheduleKind: 'floating', endsOn: '2028-12-31', estimatedMinutes: 45 });
    // The same file again: nothing changes.
    expect((await upload(admin, 'maintenance-plans', 'plans-good.csv', fixture('plans-good.csv'))).json()).toMatchObject({
      created: 0,
      unchanged: 3,
    });

    // XLSX goes through the same parser (and its zip guard); camelCase headers are accepted.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Piani');
    ws.addRow(['code', 'activity', 'buildingCode', 'technologyClassCode', 'scheduleKind', 'frequencyMonths', 'startsOn']);
    ws.addRow(['IMP-X01', 'Prova funzionale illuminazione di sicurezza', 'MI-B04', 'ELE', 'calendar', 6, new Date(Date.UTC(2026, 0, 31))]);
    const xlsx = await upload(admin, 'maintenance-plans', 'piani.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(xlsx.json()).toMatchObject({ created: 1 });

    const bm = await env.login('bm.centrale');
    expect((await upload(bm, 'maintenance-plans', 'plans-good.csv', fixture('plans-good.csv'))).statusCode).toBe(403);
  });

  it('imports meter readings: they open meter activities as manual readings do', async () => {
    const meter = (await admin.post('/api/meters', { assetId: ids['MI-B01-CT-02'], name: 'Contatore import', unit: 'h' })).json();
    const plan = await admin.post('/api/maintenance-plans', {
      code: 'T-CT-02',
      activity: 'Manutenzione bruciatore (1.000 h)',
      buildingId: ids['MI-B01'],
      technologyClassId: ids.TER,
      assetId: ids['MI-B01-CT-02'],
      scheduleKind: 'meter',
      meterId: meter.id,
      meterEvery: 1000,
      startsOn: '2026-01-01',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const res = await upload(admin, 'meter-readings', 'readings-good.csv', fixture('readings-good.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'meter-readings', created: 2, updated: 0, unchanged: 0, opened: 2 });
    const items = await env.db
      .selectFrom('program_items')
      .select(['occurrence_key', 'due_on'])
      .where('plan_id', '=', plan.json().id)
      .orderBy('due_on')
      .execute();
    expect(items).toEqual([
      { occurrence_key: 'meter:1000000', due_on: '2026-01-10' },
      { occurrence_key: 'meter:2000000', due_on: '2026-01-25' },
    ]);
    const readings = (await admin.get(`/api/meters/${meter.id}/readings`)).json().items;
    expect(readings.map((r: { value: number; source: string }) => [r.value, r.source])).toEqual([
      [2150, 'import'],
      [1200.5, 'import'],
    ]);

    const bad = await upload(
      admin,
      'meter-readings',
      'r.csv',
      Buffer.from(
        'asset_code,meter_name,value,read_at\nMI-B01-CT-02,Nessuno,10,2026-01-01\nMI-B01-CT-02,Contatore import,abc,2027-01-01\n',
      ),
    );
    expect((bad.json().errors as Array<Issue & { row: number }>).map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'meter_name', 'notFound'],
      [3, 'value', 'number'],
      [3, 'read_at', 'maximum'],
    ]);
  });
});

import { beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDb, type Client, type TestEnv } from './helpers/app.ts';

type Issue = { field: string; code: string; message: string };
const errs = (res: LightMyRequestResponse) => ((res.json().errors ?? []) as Issue[]).map((e) => `${e.field}:${e.code}`);

describeEachDb('maintenance plans and meters', (env: TestEnv) => {
  let admin: Client;
  const ids: Record<string, string> = {};
  const base = () => ({
    code: 'T-EST-01', activity: 'Controllo semestrale estintori', buildingId: ids['MI-B01'], technologyClassId: ids.ANT,
    scheduleKind: 'calendar', rrule: 'FREQ=MONTHLY;INTERVAL=6', startsOn: '2026-01-15', regulation: 'UNI 9994-1',
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
      code: 'T-EST-01', scheduleKind: 'calendar', rrule: 'FREQ=MONTHLY;INTERVAL=6', buildingCode: 'MI-B01', technologyClassCode: 'ANT',
      checklist: [{ key: 'pressure', kind: 'measure', unit: 'bar', min: 12, max: 16 }, { key: 'seal', kind: 'yes_no' }],
      requiredDocuments: ['maintenance_tag'], version: 1, active: true, nextDue: '2026-07-15', shift: 'next',
    });
    expect(plan.ruleText).toBe('ogni 6 mesi, il giorno 15 a partire dal 2026-01-15');
    await env.db.updateTable('users').set({ language: 'en' }).where('username', '=', 'admin').execute();
    try {
      expect((await admin.get(`/api/maintenance-plans/${plan.id}`)).json().ruleText).toBe('every 6 months, on day 15 from 2026-01-15');
    } finally {
      await env.db.updateTable('users').set({ language: 'it' }).where('username', '=', 'admin').execute();
    }
    const list = (await admin.get(`/api/maintenance-plans?buildingId=${ids['MI-B01']}&q=est-01`)).json();
    expect(list.items.map((p: { code: string }) => p.code)).toEqual(['T-EST-01']);
  });

  it('refuses bad values naming the field and the rule, in Italian and in English', async () => {
    const bad = await admin.post('/api/maintenance-plans', {
      ...base(), code: 'T-BAD', rrule: 'FREQ=SOMETIMES', seasonFrom: '10-15', endsOn: '2025-12-31',
      checklist: [
        { key: 'a', label: 'A', kind: 'measure', min: 5, max: 1 },
        { key: 'a', label: 'B', kind: 'yes_no' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(errs(bad).sort()).toEqual([
      'checklist.0.max:checklistRange', 'checklist.0.unit:checklistUnit', 'checklist.1.key:checklistKey',
      'endsOn:dateOrder', 'rrule:rrule', 'seasonTo:seasonBoth',
    ]);
    expect(bad.json().errors.find((e: Issue) => e.field === 'rrule').message).toContain('Regola di ricorrenza non valida');

    const noRule = await admin.post('/api/maintenance-plans', { ...base(), code: 'T-BAD', rrule: null, seasonFrom: '13-01', seasonTo: '04-15' });
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
      expect(enBad.json().errors).toEqual([expect.objectContaining({ field: 'rrule', code: 'rrule', message: expect.stringContaining('Invalid recurrence rule') })]);
    } finally {
      await env.db.updateTable('users').set({ language: 'it' }).where('username', '=', 'admin').execute();
    }
  });

  it('changes a plan with its version, refuses a stale one (409) and deactivates', async () => {
    const created = (await admin.post('/api/maintenance-plans', { ...base(), code: 'T-EST-02' })).json();
    const changed = await admin.patch(`/api/maintenance-plans/${created.id}`, { version: 1, rrule: 'FREQ=MONTHLY;INTERVAL=12', estimatedMinutes: 90 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, rrule: 'FREQ=MONTHLY;INTERVAL=12', estimatedMinutes: 90, checklist: base().checklist });
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
    const ele = (await admin.post('/api/maintenance-plans', { ...base(), code: 'T-ELE-01', technologyClassId: ids.ELE, activity: 'Verifica impianto di terra', checklist: [], requiredDocuments: [] })).json();
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
    const seen = (await fire.get('/api/maintenance-plans?limit=200')).json().items.map((p: { technologyClassCode: string }) => p.technologyClassCode);
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
    const res = await admin.get('/api/maintenance-plans/preview?rrule=FREQ%3DMONTHLY%3BBYDAY%3DMO%2CTU%2CWE%2CTH%2CFR%3BBYSETPOS%3D-1&startsOn=2026-01-01&shift=previous');
    expect(res.json()).toEqual({ valid: true, ruleText: 'l\'ultimo giorno lavorativo del mese', dates: ['2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30', '2026-07-31'] });
    const season = await admin.get('/api/maintenance-plans/preview?rrule=FREQ%3DMONTHLY&startsOn=2026-01-20&seasonFrom=10-15&seasonTo=04-15&count=3');
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
      code: 'T-GF-01', activity: 'Manutenzione gruppo frigorifero (2.000 h)', buildingId: ids['MI-B03'], technologyClassId: ids.TER,
      assetId: ids['MI-B03-GF-01'], scheduleKind: 'meter', meterId: meter.id, meterEvery: 2000, startsOn: '2026-01-01',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json()).toMatchObject({ meterEvery: 2000, meterLastTrigger: 0, nextDue: null, ruleText: 'ogni 2000 h di contatore' });

    // 1,500 → 4,100 h passes 2,000 and 4,000: one activity, at 4,000.
    const first = await read(4100.5, '2026-02-20T08:00:00Z');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().reading).toMatchObject({ value: 4100.5, source: 'manual' });
    const opened = first.json().opened;
    expect(opened).toEqual([expect.objectContaining({ planId: plan.json().id, thresholdMilli: 4_000_000, month: '2026-02' })]);
    const items = await env.db.selectFrom('program_items').selectAll().where('plan_id', '=', plan.json().id).execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ occurrence_key: 'meter:4000000', source: 'meter', due_on: '2026-02-20', asset_id: ids['MI-B03-GF-01'] });
    const program = await env.db.selectFrom('programs').selectAll().where('id', '=', items[0].program_id).executeTakeFirstOrThrow();
    expect(program).toMatchObject({ month: '2026-02', status: 'draft' });

    // A lower or equal reading (a correction) opens nothing again.
    expect((await read(3000, '2026-02-21T08:00:00Z')).json().opened).toEqual([]);
    expect((await read(5999, '2026-02-22T08:00:00Z')).json().opened).toEqual([]);

    // February's program is submitted: the next threshold goes into March.
    await env.db.updateTable('programs').set({ status: 'submitted' }).where('id', '=', program.id).execute();
    const next = (await read(6010, '2026-02-25T08:00:00Z')).json().opened;
    expect(next).toEqual([expect.objectContaining({ thresholdMilli: 6_000_000, month: '2026-03' })]);
    expect(await env.db.selectFrom('program_items').select('due_on').where('plan_id', '=', plan.json().id).orderBy('due_on').execute())
      .toEqual([{ due_on: '2026-02-20' }, { due_on: '2026-03-01' }]);

    const readings = (await admin.get(`/api/meters/${meter.id}/readings?limit=2`)).json();
    expect(readings.items.map((r: { value: number }) => r.value)).toEqual([6010, 5999]);
    expect(readings.nextCursor).not.toBeNull();
    expect((await admin.get(`/api/meters?assetId=${ids['MI-B03-GF-01']}`)).json().items[0]).toMatchObject({ lastValue: 6010 });

    // Who reads: the contractor of TER on MI-B03 may add a reading; a requester may not.
    const termica = await env.login('ditta.termica');
    expect((await termica.post(`/api/meters/${meter.id}/readings`, { value: 6100, readAt: '2026-03-01T08:00:00Z' })).statusCode).toBe(201);
    const requester = await env.login('richiedente');
    expect((await requester.post(`/api/meters/${meter.id}/readings`, { value: 6200, readAt: '2026-03-01T08:00:00Z' })).statusCode).toBe(403);
  });
});

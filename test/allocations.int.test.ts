// Cost allocation (#10 item 3), through the API on both engines: each method allocates an approved
// final account to the cent (floor area, percentages, requesting department, central vs department),
// a rule that cannot apply refuses the approval with nothing saved, shares not making 100 % are
// refused with nothing saved, stale versions, who reads what, the report's totals equal the stored
// allocations, the drill-down, the XLSX (read back) and the PDF, and the idempotent recompute.
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { splitByWeights } from '../src/domain/accounting/split.ts';
import { describeEachDb, type Client } from './helpers/app.ts';
import { acceptDocuments, FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-allocations-${process.pid}`);

describeEachDb(
  'cost allocation',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, requesterEn: Client, bm: Client, bmD: Client, ele: Client, cs: Client, acc: Client, admin: Client;
    let item: Obj;
    let lot2: string;
    const dept: Record<string, string> = {};

    /** An extra-fee ELE work order (Lotto 2) in `building`, done and its final account submitted. */
    const submitted = async (by: Client, building: string, subject: string, spaceId?: string): Promise<Obj> => {
      const t = await openTicket(by, { buildingId: await r.building(building), subject, description: `${subject}: guasto.`, spaceId });
      const manager = building === 'MI-B03' || building === 'MI-B04' ? bmD : bm;
      const w = (
        await move(manager, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: subject })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-11T09:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Da sostituire' });
      await move(ele, 'work-orders', w.id, 'submit_quote', {
        lines: [
          { priceListItemId: item.id, quantity: 3 },
          { description: 'Manodopera', unit: 'h', quantity: 1.5, unitPriceCents: 3217, category: 'labour' },
        ],
      });
      await move(cs, 'work-orders', w.id, 'approve_quote', { note: 'Autorizzato' });
      ok(
        await upload(
          ele,
          `/api/work-orders/${w.id}/attachments`,
          { kind: 'conformity_declaration' },
          { filename: 'DiCo.pdf', data: FILES.pdf },
        ),
        201,
      );
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-12T08:00:00Z' });
      await move(ele, 'work-orders', w.id, 'start_work');
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Fatto', hours: 1.5, materials: 'Plafoniere' });
      await acceptDocuments(ele, manager, w.id);
      const fa = ok(await ele.post(`/api/work-orders/${w.id}/final-account`, {}), 201);
      return ok(await ele.post(`/api/final-accounts/${fa.id}/actions/submit`, { version: fa.version }));
    };
    const approve = (fa: Obj) => acc.post(`/api/final-accounts/${fa.id}/actions/approve`, { version: fa.version });
    const stored = (faId: string) =>
      env.db
        .selectFrom('cost_allocations')
        .select(['department_id', 'share_bp', 'net_cents', 'vat_cents', 'amount_cents', 'method', 'rule_source', 'period'])
        .where('final_account_id', '=', faId)
        .orderBy('position')
        .execute()
        .then((rows) =>
          rows.map((x) => ({ ...x, net_cents: Number(x.net_cents), vat_cents: Number(x.vat_cents), amount_cents: Number(x.amount_cents) })),
        );
    const putRule = (c: Client, url: string, body: Obj) => c.put(url, body);
    const ruleOf = async (url: string) => ok(await admin.get(url));

    /** The stored parts equal the largest-remainder split of net and VAT by `bp`, and add up to the account. */
    const expectSplit = async (fa: Obj, payers: Array<[string | null, number]>, method: string, source: string) => {
      const rows = await stored(fa.id);
      const weights = payers.map(([, bp]) => bp);
      const net = splitByWeights(fa.netCents, weights);
      const vat = splitByWeights(fa.vatCents, weights);
      expect(rows).toEqual(
        payers.map(([d, bp], i) => ({
          department_id: d,
          share_bp: bp,
          net_cents: net[i],
          vat_cents: vat[i],
          amount_cents: net[i] + vat[i],
          method,
          rule_source: source,
          period: '2026-03',
        })),
      );
      expect(rows.reduce((a, x) => a + x.amount_cents, 0)).toBe(fa.totalCents);
      for (const x of rows) expect(x.amount_cents).toBeGreaterThanOrEqual(0);
    };

    it('logs in; the demo gives each lot a rule and classifies the spaces', async () => {
      env.clock.now = new Date('2026-03-10T09:00:00Z');
      r = await refs(env);
      [requester, requesterEn, bm, bmD, ele, cs, acc, admin] = await Promise.all(
        ['richiedente', 'requester.en', 'bm.centrale', 'bm.deib', 'ditta.elettrica', 'capo.servizio', 'contabilita', 'admin'].map((u) =>
          env.login(u),
        ),
      );
      const lists = ok(await ele.get('/api/price-lists')).items as Obj[];
      const items = ok(await ele.get(`/api/price-lists/${lists[0].id}/items?limit=50`)).items as Obj[];
      item = items.find((i) => i.priceCents !== null && i.priceCents > 1000)!;
      for (const d of await env.db.selectFrom('departments').select(['id', 'code']).execute()) dept[d.code] = d.id;
      lot2 = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 2').executeTakeFirstOrThrow()).id;
      expect(await ruleOf(`/api/contracts/${lot2}/allocation-rule`)).toMatchObject({
        owner: 'contract',
        method: 'floor_area',
        version: 1,
        shares: [],
      });
      const b03 = await r.building('MI-B03');
      expect(await ruleOf(`/api/buildings/${b03}/allocation-rule`)).toMatchObject({ method: 'central_vs_department', version: 1 });
      expect(await ruleOf(`/api/buildings/${await r.building('MI-B02')}/allocation-rule`)).toMatchObject({ method: null, version: 0 });
      const aula = ok(await admin.get(`/api/spaces/${await r.space('MI-B01', 'P0.02')}`));
      expect(aula).toMatchObject({ use: 'Aula', allocationKind: 'teaching', departmentId: null });
    });

    it('who reads and writes rules: admin writes, accounting and service head read, others 403; unknown contract 404', async () => {
      const url = `/api/contracts/${lot2}/allocation-rule`;
      for (const c of [acc, cs]) expect((await c.get(url)).statusCode).toBe(200);
      for (const c of [ele, requester, bm]) expect((await c.get(url)).statusCode).toBe(403);
      for (const c of [acc, cs, ele, requester]) expect((await putRule(c, url, { version: 1, method: 'floor_area' })).statusCode).toBe(403);
      expect((await admin.get('/api/contracts/00000000-0000-4000-8000-00000000dead/allocation-rule')).statusCode).toBe(404);
    });

    it('percentages not making exactly 100 % → 400 naming the field and rule, nothing saved; stale version → 409', async () => {
      const url = `/api/contracts/${lot2}/allocation-rule`;
      const bad = await putRule(admin, url, {
        version: 1,
        method: 'percentages',
        shares: [
          { departmentId: null, shareBp: 5000 },
          { departmentId: dept.DEIB, shareBp: 4999 },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'shares', code: 'sharesNotWhole' }] });
      expect(bad.json().errors[0].message).toContain('99,99');
      const dup = await putRule(admin, url, {
        version: 1,
        method: 'percentages',
        shares: [
          { departmentId: dept.DEIB, shareBp: 5000 },
          { departmentId: dept.DEIB, shareBp: 5000 },
        ],
      });
      expect(dup.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'shares.1.departmentId', code: 'duplicatePayer' }] });
      const extra = await putRule(admin, url, { version: 1, method: 'floor_area', shares: [{ departmentId: null, shareBp: 10000 }] });
      expect(extra.json()).toMatchObject({ errors: [{ field: 'shares', code: 'sharesOnlyForPercentages' }] });
      const neg = await putRule(admin, url, { version: 1, method: 'percentages', shares: [{ departmentId: null, shareBp: -1 }] });
      expect(neg.statusCode).toBe(400);
      expect(await ruleOf(url)).toMatchObject({ method: 'floor_area', version: 1, shares: [] });
      const stale = await putRule(admin, url, { version: 0, method: 'floor_area' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { method: 'floor_area', version: 1 } });
    });

    const approved: Obj[] = [];

    it("floor area: MI-B02's departments 40/35/25, to the cent, stored when accounting approves", async () => {
      const fa = await submitted(requester, 'MI-B02', 'Plafoniere aula N.1.1');
      const done = ok(await approve(fa));
      expect(done.status).toBe('approved');
      await expectSplit(
        done,
        // In the order of the departments' codes.
        [
          [dept.DCMC, 2500],
          [dept.DEIB, 4000],
          [dept.DMEC, 3500],
        ],
        'floor_area',
        'contract',
      );
      approved.push(done);
    });

    it('explicit percentages, the central budget included (50 / 33.33 / 16.67 %)', async () => {
      const url = `/api/contracts/${lot2}/allocation-rule`;
      const rule = ok(
        await putRule(admin, url, {
          version: 1,
          method: 'percentages',
          shares: [
            { departmentId: null, shareBp: 5000 },
            { departmentId: dept.DEIB, shareBp: 3333 },
            { departmentId: dept.DMEC, shareBp: 1667 },
          ],
        }),
      );
      expect(rule).toMatchObject({
        method: 'percentages',
        version: 2,
        shares: [{ department: null, shareBp: 5000 }, { department: { code: 'DEIB' } }, {}],
      });
      const fa = await submitted(requester, 'MI-B02', 'Presa aula N.2.1');
      const done = ok(await approve(fa));
      await expectSplit(
        done,
        [
          [null, 5000],
          [dept.DEIB, 3333],
          [dept.DMEC, 1667],
        ],
        'percentages',
        'contract',
      );
      approved.push(done);
    });

    it('to the requesting department; without one the approval is refused (422) and nothing is saved', async () => {
      const b01 = await r.building('MI-B01');
      const url = `/api/buildings/${b01}/allocation-rule`;
      let rule = ok(await putRule(admin, url, { version: 0, method: 'requesting_department' }));
      expect(rule).toMatchObject({ owner: 'building', method: 'requesting_department', version: 1 });
      const fa = await submitted(requester, 'MI-B01', 'Luci corridoio rettorato');
      const done = ok(await approve(fa));
      await expectSplit(done, [[dept.DMEC, 10000]], 'requesting_department', 'building');
      approved.push(done);

      await env.db.updateTable('users').set({ department_id: null }).where('username', '=', 'requester.en').execute();
      const orphan = await submitted(requesterEn, 'MI-B01', 'Lamp in the hall');
      const refused = await approve(orphan);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'ALLOCATION_IMPOSSIBLE',
        errors: [{ field: 'allocationRule', code: 'allocationNoRequestingDepartment' }],
      });
      expect(refused.json().detail).toContain(orphan.workOrder.number);
      expect(ok(await acc.get(`/api/final-accounts/${orphan.id}`))).toMatchObject({ status: 'submitted', version: orphan.version });
      expect(await stored(orphan.id)).toEqual([]);

      // The building's rule removed: the contract's percentages apply, and the approval goes through.
      rule = ok(await admin.get(url));
      expect((await admin.request('DELETE', `${url}?version=${rule.version + 1}`)).statusCode).toBe(409);
      expect((await admin.request('DELETE', `${url}?version=${rule.version}`)).statusCode).toBe(204);
      const later = ok(await approve(orphan));
      expect((await stored(later.id)).map((x) => x.method)).toEqual(['percentages', 'percentages', 'percentages']);
      approved.push(later);
    });

    it("central vs department: a department's own space to it, a teaching space to the central budget", async () => {
      const b02 = await r.building('MI-B02');
      ok(await putRule(admin, `/api/buildings/${b02}/allocation-rule`, { version: 0, method: 'central_vs_department' }));
      // The study room becomes DCMC's own space through the registry.
      const spaceId = await r.space('MI-B02', 'P2.03');
      const space = ok(await admin.get(`/api/spaces/${spaceId}`));
      ok(
        await admin.patch(`/api/spaces/${spaceId}`, { version: space.version, allocationKind: 'department_own', departmentId: dept.DCMC }),
      );
      const own = ok(await approve(await submitted(requester, 'MI-B02', 'Sala studio: luci', spaceId)));
      await expectSplit(own, [[dept.DCMC, 10000]], 'central_vs_department', 'building');
      const teaching = ok(await approve(await submitted(requester, 'MI-B02', 'Aula N.0.1: luci', await r.space('MI-B02', 'P0.01'))));
      await expectSplit(teaching, [[null, 10000]], 'central_vs_department', 'building');
      approved.push(own, teaching);
    });

    it('floor area with no occupancies recorded: refused, nothing saved', async () => {
      const b04 = await r.building('MI-B04');
      ok(await putRule(admin, `/api/buildings/${b04}/allocation-rule`, { version: 0, method: 'floor_area' }));
      await env.db.deleteFrom('building_occupancies').where('building_id', '=', b04).execute();
      const fa = await submitted(requester, 'MI-B04', 'Quadro elettrico');
      const refused = await approve(fa);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'ALLOCATION_IMPOSSIBLE', errors: [{ code: 'allocationNoOccupancies' }] });
      expect(refused.json().detail).toContain('MI-B04');
      expect(await stored(fa.id)).toEqual([]);
      expect(ok(await acc.get(`/api/final-accounts/${fa.id}`)).status).toBe('submitted');
    });

    it('the report: totals equal the stored allocations, per department, building, class and month; scope', async () => {
      const all = await env.db.selectFrom('cost_allocations').select(['amount_cents', 'building_id', 'department_id']).execute();
      const sum = (rows: typeof all) => rows.reduce((a, x) => a + Number(x.amount_cents), 0);
      expect(sum(all)).toBe(approved.reduce((a, f) => a + f.totalCents, 0));
      for (const groupBy of ['department', 'building', 'class', 'period']) {
        const rep = ok(await acc.get(`/api/allocations/report?groupBy=${groupBy}&from=2026-01&to=2026-12`));
        expect(rep.totals.amountCents).toBe(sum(all));
        expect(rep.rows.reduce((a: number, x: Obj) => a + x.amountCents, 0)).toBe(rep.totals.amountCents);
        expect(rep.rows.reduce((a: number, x: Obj) => a + x.netCents + x.vatCents, 0)).toBe(rep.totals.amountCents);
        expect(rep.totals.finalAccounts).toBe(approved.length);
      }
      const byDept = ok(await acc.get('/api/allocations/report?groupBy=department'));
      expect(byDept.rows[0]).toMatchObject({ key: null, label: 'Bilancio centrale (Amministrazione)' });
      expect(ok(await acc.get('/api/allocations/report?from=2026-04')).rows).toEqual([]);
      expect(ok(await acc.get(`/api/allocations/report?contractId=${lot2}`)).totals.amountCents).toBe(sum(all));
      expect((await acc.get('/api/allocations/report?from=2026-05&to=2026-04')).statusCode).toBe(400);

      // A building manager: its buildings only (bm.centrale: MI-B01, MI-B02); contractor and requester 403.
      const mine = new Set([await r.building('MI-B01'), await r.building('MI-B02')]);
      expect(ok(await bm.get('/api/allocations/report')).totals.amountCents).toBe(sum(all.filter((x) => mine.has(x.building_id))));
      expect(ok(await bmD.get('/api/allocations/report')).totals.amountCents).toBe(0);
      for (const c of [ele, requester]) {
        expect((await c.get('/api/allocations/report')).statusCode).toBe(403);
        expect((await c.get('/api/allocations')).statusCode).toBe(403);
      }
      expect(ok(await cs.get('/api/allocations/report')).totals.amountCents).toBe(sum(all));

      // Drill-down: the figure of DEIB in March is the sum of the rows behind it.
      const row = byDept.rows.find((x: Obj) => x.key === dept.DEIB);
      const list = ok(await acc.get(`/api/allocations?departmentId=${dept.DEIB}&period=2026-03`));
      expect(list.totals.amountCents).toBe(row.amountCents);
      expect(list.items.reduce((a: number, x: Obj) => a + x.amountCents, 0)).toBe(row.amountCents);
      expect(list.items[0]).toMatchObject({ department: { code: 'DEIB' }, period: '2026-03', workOrder: { number: expect.any(String) } });
      const central = ok(await acc.get('/api/allocations?departmentId=central'));
      expect(central.totals.amountCents).toBe(byDept.rows[0].amountCents);
      expect(central.items.every((x: Obj) => x.department === null)).toBe(true);
    });

    it('XLSX read back: the rows and the total as the report; PDF is a PDF', async () => {
      const rep = ok(await acc.get('/api/allocations/report?groupBy=building&from=2026-03&to=2026-03'));
      const res = await acc.get('/api/allocations/report?groupBy=building&from=2026-03&to=2026-03&format=xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      expect(sheet.getRow(1).getCell(1).value).toBe('Edificio');
      rep.rows.forEach((x: Obj, i: number) => {
        const row = sheet.getRow(i + 2);
        expect(row.getCell(1).value).toBe(x.label);
        expect(row.getCell(5).value).toBe(x.amountCents / 100);
      });
      const total = sheet.getRow(rep.rows.length + 2);
      expect(total.getCell(1).value).toBe('Totale');
      expect(Math.round((total.getCell(5).value as number) * 100)).toBe(rep.totals.amountCents);
      expect(wb.worksheets[1].rowCount - 1).toBe((await env.db.selectFrom('cost_allocations').select('id').execute()).length);

      const pdf = await acc.get('/api/allocations/report?groupBy=department&format=pdf');
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect((await ele.get('/api/allocations/report?format=pdf')).statusCode).toBe(403);
    });

    it('recompute: allocates approved final accounts left without allocation; a second run changes nothing', async () => {
      const fa = approved[0];
      await env.db.deleteFrom('cost_allocations').where('final_account_id', '=', fa.id).execute();
      expect(ok(await acc.get('/api/allocations/report')).unallocated).toBe(1);
      expect((await requester.post('/api/allocations/recompute', {})).statusCode).toBe(403);
      expect((await cs.post('/api/allocations/recompute', {})).statusCode).toBe(403);
      const first = ok(await acc.post('/api/allocations/recompute', {}));
      expect(first).toEqual({ allocated: 1, problems: [] });
      // Allocated again by today's rules (MI-B02's own now: no space, so the central budget), in the month it was approved.
      expect(await stored(fa.id)).toMatchObject([
        { department_id: null, method: 'central_vs_department', rule_source: 'building', period: '2026-03' },
      ]);
      expect(ok(await acc.post('/api/allocations/recompute', {}))).toEqual({ allocated: 0, problems: [] });
      expect(ok(await admin.post('/api/allocations/recompute', { contractId: lot2 }))).toEqual({ allocated: 0, problems: [] });
      expect(ok(await acc.get('/api/allocations/report')).unallocated).toBe(0);
    });
  },
  { env: { ATTACHMENTS_DIR, PUBLIC_URL: 'https://presidio.example' } },
);

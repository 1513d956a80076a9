// Monthly statements of a contract (#10 item 4), through the API on both engines: two months of
// approved extra-fee final accounts and applied penalties → statement 1 approved → statement 2
// picks up only what is new and carries the penalties larger than it; the progressive 0.50 %
// withholding; an approved statement frozen; the DURC missing or expired refusing approval with
// nothing changed; the final statement releasing the withholding; a concurrent approve; scope;
// the XLSX read back and the PDF.
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { instalmentOf } from '../src/domain/accounting/instalments.ts';
import { statementTotals } from '../src/domain/accounting/statement.ts';
import { describeEachDb, type Client } from './helpers/app.ts';
import { acceptDocuments, FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-statements-${process.pid}`);

describeEachDb(
  'statements',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, bm: Client, ele: Client, ter: Client, cs: Client, acc: Client, admin: Client;
    let item: Obj;
    let contract: Obj; // Lotto 2, the electrical contractor's
    let contractorId: string;
    const fas: Record<string, Obj> = {};
    const pens: Record<string, Obj> = {};
    const st: Record<string, Obj> = {};

    /** Moves the clock; sessions expire, so everyone logs in again. */
    const at = async (iso: string) => {
      env.clock.now = new Date(iso);
      [requester, bm, ele, ter, cs, acc, admin] = await Promise.all(
        ['richiedente', 'bm.centrale', 'ditta.elettrica', 'ditta.termica', 'capo.servizio', 'contabilita', 'admin'].map((u) =>
          env.login(u),
        ),
      );
    };

    /** An extra-fee ELE work order in MI-B01 done, its final account approved by accounting now. */
    const approvedFinalAccount = async (subject: string, quantity: number): Promise<Obj> => {
      const day = env.clock.now.getTime();
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject, description: `${subject}: guasto.` });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: subject })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: new Date(day + 3_600_000).toISOString() });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Da sostituire' });
      await move(ele, 'work-orders', w.id, 'submit_quote', { lines: [{ priceListItemId: item.id, quantity }] });
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
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: new Date(day + 7_200_000).toISOString() });
      await move(ele, 'work-orders', w.id, 'start_work');
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Fatto', hours: 1, materials: 'Interruttore' });
      await acceptDocuments(ele, bm, w.id);
      let fa = ok(await ele.post(`/api/work-orders/${w.id}/final-account`, {}), 201);
      fa = ok(await ele.post(`/api/final-accounts/${fa.id}/actions/submit`, { version: fa.version }));
      fa = ok(await acc.post(`/api/final-accounts/${fa.id}/actions/approve`, { version: fa.version }));
      expect(fa.chargeableNetCents).toBeGreaterThan(0);
      return fa;
    };

    /** A penalty proposed by hand now on `workOrderId`, contested, answered, and applied. */
    const appliedPenalty = async (workOrderId: string, amountCents: number, on = { contractId: '', contractor: '' }): Promise<Obj> => {
      const pact = async (c: Client, id: string, action: string, fields: Obj = {}) =>
        ok(
          await c.post(`/api/penalties/${id}/actions/${action}`, { version: ok(await cs.get(`/api/penalties/${id}`)).version, ...fields }),
        );
      const p = ok(
        await cs.post('/api/penalties', {
          contractId: on.contractId || contract.id,
          workOrderId,
          amountCents,
          reason: 'Ritardo accertato',
        }),
        201,
      );
      await pact(cs, p.id, 'contest', { note: 'Contestazione' });
      await pact(on.contractor === 'ter' ? ter : ele, p.id, 'counter_argue', { text: 'Controdeduzioni' });
      return pact(cs, p.id, 'apply', { reason: 'Controdeduzioni non accolte' });
    };

    const prepare = (c: Client, body: Obj) => c.post(`/api/contracts/${contract.id}/statements`, body);
    const act = (c: Client, s: Obj, action: string) => c.post(`/api/statements/${s.id}/actions/${action}`, { version: s.version });
    const setDurc = async (validUntil: string | null) => {
      const c = ok(await admin.get(`/api/contractors/${contractorId}`));
      ok(await admin.patch(`/api/contractors/${contractorId}`, { version: c.version, durcValidUntil: validUntil }));
    };
    const fee = (period: string) =>
      instalmentOf({ yearlyFeeCents: contract.yearlyFeeCents, startsOn: contract.startsOn, endsOn: contract.endsOn }, period);

    it('logs in; January: a final account approved and a penalty applied', async () => {
      await at('2026-01-12T09:00:00Z');
      r = await refs(env);
      const lists = ok(await ele.get('/api/price-lists')).items as Obj[];
      const items = ok(await ele.get(`/api/price-lists/${lists[0].id}/items?limit=50`)).items as Obj[];
      item = items.find((i) => i.priceCents !== null && i.priceCents > 1000)!;
      fas.jan = await approvedFinalAccount('Nuovo punto luce', 2);
      contract = ok(await acc.get(`/api/contracts/${fas.jan.contract.id}`));
      contractorId = fas.jan.contractor.id;
      expect(contract.conformityCheckedOn).toBeNull();
      pens.jan = await appliedPenalty(fas.jan.workOrder.id, 40_000);
      expect(pens.jan).toMatchObject({ status: 'applied', finalCents: 40_000, period: '2026-01' });
    });

    it('statement 1 (January): instalment, the final account, the penalty; DURC missing refuses approval, nothing changed', async () => {
      await at('2026-02-02T09:00:00Z');
      expect((await prepare(acc, { period: '2026-03' })).json().errors[0]).toMatchObject({ field: 'period', code: 'periodFuture' });
      expect((await prepare(acc, { period: '2024-12' })).json().errors[0]).toMatchObject({ field: 'period', code: 'outsideContract' });
      for (const c of [cs, ele, bm, requester]) expect((await prepare(c, { period: '2026-01' })).statusCode).toBe(403);
      let s = ok(await prepare(acc, { period: '2026-01' }), 201);
      const expected = statementTotals({
        flatFeeCents: fee('2026-01'),
        extraFeeCents: [fas.jan.chargeableNetCents],
        penaltiesCents: 40_000,
        previousNetCents: 0,
        previousWithheldCents: 0,
        vatBp: 2200,
        final: false,
      });
      expect(s).toMatchObject({
        number: 1,
        period: '2026-01',
        status: 'draft',
        final: false,
        durc: { validUntil: null, state: 'missing', recorded: false },
        availableActions: ['refresh', 'approve', 'discard'],
      });
      expect(s.totals).toMatchObject({ ...expected, previousNetCents: 0, vatBp: 2200 });
      expect(s.items.map((i: Obj) => [i.kind, i.amountCents, i.workOrder?.id ?? null])).toEqual([
        ['flat_fee', fee('2026-01'), null],
        ['extra_fee', fas.jan.chargeableNetCents, fas.jan.workOrder.id],
        ['penalty', -40_000, fas.jan.workOrder.id],
      ]);
      expect(s.items[1].finalAccountId).toBe(fas.jan.id);
      expect(s.items[2]).toMatchObject({ penaltyId: pens.jan.id, penaltyPeriod: '2026-01' });
      expect(s.items[1].workOrder.number).toBe(fas.jan.workOrder.number);

      expect((await prepare(acc, { period: '2026-01' })).json().code).toBe('DUPLICATE');
      expect((await prepare(acc, { period: '2026-02' })).json().errors[0]).toMatchObject({ field: 'period', code: 'statementDraftOpen' });

      const refused = await act(acc, s, 'approve');
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'DURC_MISSING' });
      expect(refused.json().detail).toMatch(/DURC/);
      expect(ok(await acc.get(`/api/statements/${s.id}`))).toMatchObject({ status: 'draft', version: s.version });

      await setDurc('2026-02-10'); // expiring in 8 days: a warning, not a refusal
      s = ok(await acc.get(`/api/statements/${s.id}`));
      expect(s.durc).toEqual({ validUntil: '2026-02-10', state: 'expiring', recorded: false });
      s = ok(await act(acc, s, 'approve'));
      expect(s).toMatchObject({
        status: 'approved',
        availableActions: [],
        approvedBy: { label: expect.any(String) },
        durc: { validUntil: '2026-02-10', state: 'expiring', recorded: true },
      });
      st.jan = s;
    });

    it('an approved statement is frozen: refresh and discard 409, what arrives later goes to the next one', async () => {
      for (const a of ['refresh', 'discard', 'approve']) {
        const res = await act(acc, st.jan, a);
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('INVALID_STATE');
      }
      expect((await prepare(acc, { period: '2025-12' })).json().errors[0]).toMatchObject({
        field: 'period',
        code: 'statementNextPeriod',
        message: expect.stringContaining('2026-02'),
      });
    });

    it('statement 2 (February) picks up only the new items and carries the penalties larger than it', async () => {
      await at('2026-02-16T09:00:00Z');
      fas.feb = await approvedFinalAccount('Quadro di piano', 1);
      // Larger than the whole February statement.
      pens.feb = await appliedPenalty(fas.feb.workOrder.id, 5_000_000);
      await at('2026-03-02T09:00:00Z');
      fas.mar = await approvedFinalAccount('Presa industriale', 1); // approved in March: not February's
      let s = ok(await prepare(acc, { period: '2026-02' }), 201);
      expect(s.number).toBe(2);
      expect(s.items.map((i: Obj) => i.kind)).toEqual(['flat_fee', 'extra_fee', 'penalty']);
      expect(s.items[1].finalAccountId).toBe(fas.feb.id);
      expect(s.items[2].penaltyId).toBe(pens.feb.id);
      const gross = fee('2026-02') + fas.feb.chargeableNetCents;
      expect(s.totals).toMatchObject({
        grossCents: gross,
        penaltiesDeductedCents: gross,
        penaltiesCarriedCents: 5_000_000 - gross,
        netCents: 0,
        previousNetCents: st.jan.totals.progressiveNetCents,
        progressiveNetCents: st.jan.totals.progressiveNetCents,
        // The withholding on the progressive net: nothing more this month.
        withheldCents: Math.round((st.jan.totals.progressiveNetCents * 50) / 10_000) - st.jan.totals.withheldCents,
      });

      // Expired DURC: refused, nothing changed.
      const refused = await act(acc, s, 'approve');
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('DURC_EXPIRED');
      expect(refused.json().detail).toContain('10/02/2026');
      expect(ok(await acc.get(`/api/statements/${s.id}`))).toMatchObject({
        status: 'draft',
        version: s.version,
        durc: { state: 'expired' },
      });
      await setDurc('2026-12-31');

      // A refresh keeps the same items (nothing new up to February's end); a stale version is 409.
      const refreshed = ok(await act(acc, s, 'refresh'));
      expect(refreshed.items.map((i: Obj) => i.finalAccountId ?? i.penaltyId)).toEqual(
        s.items.map((i: Obj) => i.finalAccountId ?? i.penaltyId),
      );
      expect((await act(acc, s, 'refresh')).json().code).toBe('VERSION_CONFLICT');
      s = refreshed;

      // Two approvals at once: one wins, the other is a version conflict.
      const both = await Promise.all([act(acc, s, 'approve'), act(acc, s, 'approve')]);
      expect(both.map((b) => b.statusCode).sort()).toEqual([200, 409]);
      st.feb = ok(await acc.get(`/api/statements/${s.id}`));
      expect(st.feb.status).toBe('approved');
    });

    it('the final statement needs the conformity check, carries the penalties in and releases every withholding', async () => {
      await at('2026-04-01T09:00:00Z');
      const noCheck = await prepare(acc, { period: '2026-03', final: true });
      expect(noCheck.statusCode).toBe(400);
      expect(noCheck.json().errors[0]).toMatchObject({ field: 'final', code: 'conformityCheckMissing' });
      const k = ok(await admin.get(`/api/contracts/${contract.id}`));
      ok(await admin.patch(`/api/contracts/${contract.id}`, { version: k.version, conformityCheckedOn: '2026-03-30' }));

      let s = ok(await prepare(acc, { period: '2026-03', final: true }), 201);
      const carried = st.feb.totals.penaltiesCarriedCents;
      expect(s.items.map((i: Obj) => i.kind)).toEqual(['flat_fee', 'extra_fee', 'penalty_carried', 'withholding_release']);
      expect(s.items[1].finalAccountId).toBe(fas.mar.id);
      expect(s.items[2].amountCents).toBe(-carried);
      const t = statementTotals({
        flatFeeCents: fee('2026-03'),
        extraFeeCents: [fas.mar.chargeableNetCents],
        penaltiesCents: carried,
        previousNetCents: st.feb.totals.progressiveNetCents,
        previousWithheldCents: st.jan.totals.withheldCents + st.feb.totals.withheldCents,
        vatBp: 2200,
        final: true,
      });
      expect(s.totals).toMatchObject({ ...t, previousNetCents: st.feb.totals.progressiveNetCents });
      expect(s.totals.releasedCents).toBe(Math.round((t.progressiveNetCents * 50) / 10_000));
      expect(s.items[3].amountCents).toBe(t.releasedCents);
      s = ok(await act(acc, s, 'approve'));
      st.mar = s;
      expect((await prepare(acc, { period: '2026-04' })).json().errors[0]).toMatchObject({ field: 'period', code: 'statementAfterFinal' });
    });

    it('a draft picks up on refresh what arrived since; discarded, its items are free again', async () => {
      // Another contract (Lotto 3, HVAC), its first statement in the middle of March.
      await at('2026-03-20T09:00:00Z');
      const lot3 = (ok(await acc.get('/api/contracts?limit=50')).items as Obj[]).find((c) => c.lot === 'Lotto 3')!;
      let d = ok(await acc.post(`/api/contracts/${lot3.id}/statements`, { period: '2026-03' }), 201);
      expect(d.number).toBe(1);
      expect(d.items.map((i: Obj) => i.kind)).toEqual(['flat_fee']);
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Radiatore freddo.' });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('TER'), priority: 'ordinary', description: 'x' })
      ).workOrders[0];
      const p = await appliedPenalty(w.id, 12_345, { contractId: lot3.id, contractor: 'ter' });
      d = ok(await act(acc, d, 'refresh'));
      expect(d.items.map((i: Obj) => [i.kind, i.penaltyId, i.amountCents])).toEqual([
        ['flat_fee', null, d.totals.flatFeeCents],
        ['penalty', p.id, -12_345],
      ]);
      expect(d.totals.penaltiesDeductedCents).toBe(12_345);
      expect((await act(ele, d, 'discard')).statusCode).toBe(404); // not its contract
      expect((await act(ter, d, 'discard')).statusCode).toBe(403); // its own: read only
      const res = await act(acc, d, 'discard');
      expect(res.statusCode).toBe(204);
      expect((await acc.get(`/api/statements/${d.id}`)).statusCode).toBe(404);
      const again = ok(await acc.post(`/api/contracts/${lot3.id}/statements`, { period: '2026-03' }), 201);
      expect(again.items.map((i: Obj) => i.penaltyId)).toEqual([null, p.id]);
      expect(again.number).toBe(1);
      st.lot3 = again;
    });

    it('scope: accounting, service head, admin all; the contractor its own, read only; building manager and requester 403', async () => {
      const ids = [st.jan.id, st.feb.id, st.mar.id];
      const listOf = async (c: Client, q = '') => (ok(await c.get(`/api/statements${q}`)).items as Obj[]).map((i) => i.id);
      for (const c of [acc, cs, admin]) expect(await listOf(c, `?contractId=${contract.id}`)).toEqual([...ids].reverse());
      expect(await listOf(ele)).toEqual([...ids].reverse());
      expect(await listOf(ter)).toEqual([st.lot3.id]); // its own only
      expect((await ter.get(`/api/statements/${st.jan.id}`)).statusCode).toBe(404);
      for (const c of [bm, requester]) {
        expect((await c.get('/api/statements')).statusCode).toBe(403);
        expect((await c.get(`/api/statements/${st.jan.id}`)).statusCode).toBe(403);
      }
      const own = ok(await ele.get(`/api/statements/${st.jan.id}`));
      expect(own).toMatchObject({ availableActions: [], items: expect.any(Array) });
      expect((await ele.get(`/api/statements/${st.jan.id}/export?format=pdf`)).statusCode).toBe(200);
      // Filters and pages.
      expect(await listOf(acc, `?contractId=${contract.id}&period=2026-02`)).toEqual([st.feb.id]);
      expect(await listOf(acc, `?contractorId=${contractorId}&status=approved`)).toEqual([...ids].reverse());
      const first = ok(await acc.get(`/api/statements?contractId=${contract.id}&limit=2`));
      expect(first.items.map((i: Obj) => i.id)).toEqual([st.mar.id, st.feb.id]);
      const second = ok(await acc.get(`/api/statements?contractId=${contract.id}&limit=2&cursor=${first.nextCursor}`));
      expect(second).toMatchObject({ items: [{ id: st.jan.id }], nextCursor: null });
      expect((await acc.get('/api/statements?period=2026-13')).statusCode).toBe(400);
    });

    it('exports: the XLSX reads back with the totals and every item, the PDF is a PDF', async () => {
      const x = await acc.get(`/api/statements/${st.feb.id}/export?format=xlsx`);
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-disposition']).toContain('.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const valueOf = (label: RegExp) => rows.find((r) => label.test(String(r[0])))?.[1];
      expect(valueOf(/^Totale$/)).toBe(st.feb.totals.totalCents / 100);
      expect(valueOf(/^Penali detratte$/)).toBe(st.feb.totals.penaltiesDeductedCents / 100);
      expect(rows.some((r) => r[3] === fas.feb.workOrder.number && r[4] === fas.feb.chargeableNetCents / 100)).toBe(true);
      const pdf = await acc.get(`/api/statements/${st.mar.id}/export?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
      expect((await acc.get(`/api/statements/${st.mar.id}/export?format=csv`)).statusCode).toBe(400);
    });

    it('the DURC date in the contractor registry: a date, or null', async () => {
      const c = ok(await admin.get(`/api/contractors/${contractorId}`));
      expect(c.durcValidUntil).toBe('2026-12-31');
      const bad = await admin.patch(`/api/contractors/${contractorId}`, { version: c.version, durcValidUntil: '31/12/2026' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('durcValidUntil');
      expect((await acc.patch(`/api/contractors/${contractorId}`, { version: c.version, durcValidUntil: null })).statusCode).toBe(403);
    });
  },
  { env: { ATTACHMENTS_DIR, PUBLIC_URL: 'https://presidio.example' } },
);

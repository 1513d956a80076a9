// Final accounts of work orders (#10 item 2), through the API on both engines: flat-fee work that
// costs nothing extra, extra-fee work with a small variance (reason, then accounting), one over the
// contract's 20 % threshold (service head first), a new price by analysis, bad input saving
// nothing, stale versions, and who reads and writes what.
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { analysisPrice, finalAccountTotals } from '../src/domain/accounting/final-account.ts';
import { describeEachDb, type Client } from './helpers/app.ts';
import { acceptDocuments as acceptDocumentsOf, FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-final-accounts-${process.pid}`);

describeEachDb(
  'final accounts',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let requester: Client, bm: Client, bmD: Client, cc: Client, ele: Client, ter: Client, cs: Client, acc: Client;
    let item: Obj; // a price-list item with a unit price
    const accounts: Record<string, Obj> = {};

    const acceptDocuments = (workOrderId: string) => acceptDocumentsOf(ele, bm, workOrderId);

    /**
     * An ELE work order in MI-B01 taken to completed: flat fee, or extra fee with `quote` approved
     * first; its closing documents accepted unless `documents` is 'as-is'.
     */
    const done = async (subject: string, quote?: Obj[], documents: 'accepted' | 'as-is' = 'accepted'): Promise<Obj> => {
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject, description: `${subject}: guasto.` });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: subject })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-11T09:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Da sostituire' });
      if (quote) {
        await move(ele, 'work-orders', w.id, 'submit_quote', { lines: quote });
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
      }
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-12T08:00:00Z' });
      await move(ele, 'work-orders', w.id, 'start_work');
      const completed = await move(ele, 'work-orders', w.id, 'complete', { report: 'Fatto', hours: 2.5, materials: 'Plafoniera LED 36W' });
      if (documents === 'as-is') return completed;
      await acceptDocuments(w.id);
      return ok(await ele.get(`/api/work-orders/${w.id}`));
    };

    const act = (c: Client, fa: Obj, action: string, body: Obj = {}) =>
      c.post(`/api/final-accounts/${fa.id}/actions/${action}`, { version: fa.version, ...body });

    it('logs in and finds a priced item of the price list', async () => {
      env.clock.now = new Date('2026-03-10T09:00:00Z');
      r = await refs(env);
      [requester, bm, bmD, cc, ele, ter, cs, acc] = await Promise.all(
        ['richiedente', 'bm.centrale', 'bm.deib', 'callcenter', 'ditta.elettrica', 'ditta.termica', 'capo.servizio', 'contabilita'].map(
          (u) => env.login(u),
        ),
      );
      const lists = ok(await ele.get('/api/price-lists')).items as Obj[];
      const items = ok(await ele.get(`/api/price-lists/${lists[0].id}/items?limit=50`)).items as Obj[];
      item = items.find((i) => i.priceCents !== null && i.priceCents > 1000)!;
      expect(item).toBeDefined();
    });

    it('flat-fee work: hours and materials recorded, lines valued, nothing charged; accounting approves', async () => {
      const w = await done('Plafoniera spenta');
      expect(w.extraFee).toBe(false);
      expect((await bm.post(`/api/work-orders/${w.id}/final-account`, {})).statusCode).toBe(403);
      const lines = [
        { description: 'Plafoniera LED 36W', unit: 'cad', quantity: 1, unitPriceCents: 4500, category: 'works' },
        { description: 'Manodopera', unit: 'h', quantity: 2.5, unitPriceCents: 3200, category: 'labour' },
      ];
      let fa = ok(await ele.post(`/api/work-orders/${w.id}/final-account`, { lines }), 201);
      const discountBp = Math.round(w.contract.discountPercent * 100);
      const t = finalAccountTotals('flat_fee', lines.map((l) => ({ ...l, quantityMilli: l.quantity * 1000 })) as never, discountBp);
      expect(fa).toMatchObject({
        basis: 'flat_fee',
        status: 'draft',
        hours: 2.5,
        materials: 'Plafoniera LED 36W',
        netCents: t.netCents,
        totalCents: t.totalCents,
        chargeableNetCents: 0,
        approvedNetCents: null,
        canEdit: true,
        availableActions: ['submit'],
        workOrder: { id: w.id, number: w.number },
      });
      expect(fa.lines.map((l: Obj) => l.amountCents)).toEqual([4500, 8000]);
      const again = await ele.post(`/api/work-orders/${w.id}/final-account`, { lines });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('DUPLICATE');

      fa = ok(await act(ele, fa, 'submit'));
      expect(fa).toMatchObject({ status: 'submitted', varianceCents: null, varianceReason: null, canEdit: false, availableActions: [] });
      expect((await act(bm, fa, 'approve')).statusCode).toBe(403);
      expect((await act(cs, fa, 'approve')).statusCode).toBe(403);
      expect(ok(await acc.get(`/api/final-accounts/${fa.id}`)).availableActions).toEqual(['approve', 'return']);
      fa = ok(await act(acc, fa, 'approve'));
      expect(fa).toMatchObject({ status: 'approved', decidedBy: { label: expect.any(String) }, chargeableNetCents: 0 });
      accounts.flat = fa;
    });

    it('extra-fee work starts from the approved quote; a small variance needs its reason; returned, fixed, approved', async () => {
      const quote = [
        { priceListItemId: item.id, quantity: 2 },
        { description: 'Manodopera', unit: 'h', quantity: 1.5, unitPriceCents: 3200, category: 'labour' },
      ];
      const w = await done('Nuovo punto luce', quote);
      expect(w).toMatchObject({ status: 'completed', extraFee: true, quote: { status: 'approved' } });
      let fa = ok(await ele.post(`/api/work-orders/${w.id}/final-account`, {}), 201);
      expect(fa).toMatchObject({
        basis: 'extra_fee',
        quoteId: w.quote.id,
        approvedNetCents: w.quote.netCents,
        netCents: w.quote.netCents,
        totalCents: w.quote.totalCents,
        chargeableNetCents: w.quote.netCents,
      });
      expect(fa.lines.map((l: Obj) => [l.priceListItemId, l.quantity, l.unitPriceCents, l.category])).toEqual([
        [item.id, 2, item.priceCents, 'works'],
        [null, 1.5, 3200, 'labour'],
      ]);

      // Measured on site: 2.2 instead of 2 (a variance of well under 20 %).
      fa = ok(
        await ele.patch(`/api/final-accounts/${fa.id}`, {
          version: fa.version,
          lines: [{ priceListItemId: item.id, quantity: 2.2 }, quote[1]],
        }),
      );
      const discountBp = Math.round(w.contract.discountPercent * 100);
      const t = finalAccountTotals(
        'extra_fee',
        [
          { quantityMilli: 2200, unitPriceCents: item.priceCents, category: 'works' },
          { quantityMilli: 1500, unitPriceCents: 3200, category: 'labour' },
        ],
        discountBp,
      );
      expect(fa).toMatchObject({ netCents: t.netCents, totalCents: t.totalCents, chargeableNetCents: t.netCents });

      const noReason = await act(ele, fa, 'submit');
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'varianceReason', code: 'varianceReasonRequired' }],
      });
      expect(noReason.json().errors[0].message).toMatch(/motivo dello scostamento/);
      expect(ok(await ele.get(`/api/final-accounts/${fa.id}`))).toMatchObject({ status: 'draft', version: fa.version });

      fa = ok(await act(ele, fa, 'submit', { varianceReason: 'Tratto di canalina più lungo del previsto' }));
      expect(fa).toMatchObject({
        status: 'submitted',
        varianceCents: t.netCents - w.quote.netCents,
        varianceReason: 'Tratto di canalina più lungo del previsto',
      });
      expect(fa.varianceBp).toBeGreaterThan(0);
      expect(fa.varianceBp).toBeLessThanOrEqual(2000);

      const bare = await act(acc, fa, 'return');
      expect(bare.statusCode).toBe(400);
      expect(bare.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })]);
      fa = ok(await act(acc, fa, 'return', { reason: 'Allegare il libretto misure' }));
      expect(fa).toMatchObject({ status: 'returned', returnReason: 'Allegare il libretto misure', canEdit: false });
      const mine = ok(await ele.get(`/api/final-accounts/${fa.id}`));
      expect(mine).toMatchObject({ canEdit: true, availableActions: ['submit'] });
      fa = ok(await ele.patch(`/api/final-accounts/${fa.id}`, { version: fa.version, materials: 'Canalina 20 m' }));
      expect(fa).toMatchObject({ status: 'draft', materials: 'Canalina 20 m', netCents: t.netCents });
      fa = ok(await act(ele, fa, 'submit', { varianceReason: 'Tratto di canalina più lungo del previsto' }));
      expect(fa).toMatchObject({ status: 'submitted', returnReason: null });
      fa = ok(await act(acc, fa, 'approve'));
      expect(fa.status).toBe('approved');
      accounts.small = fa;

      // The timeline of the work order carries the steps; the requester's never shows amounts.
      const actions = (ok(await ele.get(`/api/work-orders/${w.id}`)).timeline as Obj[])
        .filter((i) => i.type === 'event')
        .map((i) => i.event.action)
        .filter((a: string) => a.startsWith('final_account_'));
      expect(actions).toEqual([
        'final_account_create',
        'final_account_edit',
        'final_account_submit',
        'final_account_return',
        'final_account_edit',
        'final_account_submit',
        'final_account_approve',
      ]);
      const seen = ok(await requester.get(`/api/tickets/${w.ticket.id}/timeline`)).items as Obj[];
      expect(seen.some((i) => String(i.event?.action ?? '').startsWith('final_account_'))).toBe(false);
    });

    it('over 20 % of the approved quote it goes to the service head first, then to accounting', async () => {
      const w = await done('Quadro elettrico', [{ priceListItemId: item.id, quantity: 2 }]);
      let fa = ok(await ele.post(`/api/work-orders/${w.id}/final-account`, { lines: [{ priceListItemId: item.id, quantity: 3 }] }), 201);
      fa = ok(await act(ele, fa, 'submit', { varianceReason: 'Secondo quadro da sostituire' }));
      expect(fa).toMatchObject({ status: 'needs_service_head', varianceCents: fa.netCents - w.quote.netCents });
      expect(fa.varianceBp).toBeGreaterThan(2000); // 3 measured against 2 quoted: about 50 %
      const early = await act(acc, fa, 'approve');
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('INVALID_STATE');
      expect((await act(acc, fa, 'approve_variance')).statusCode).toBe(403);
      expect(ok(await cs.get(`/api/final-accounts/${fa.id}`)).availableActions).toEqual(['approve_variance', 'return_variance']);
      expect(ok(await acc.get('/api/final-accounts?state=needs_service_head')).items.map((i: Obj) => i.id)).toContain(fa.id);
      fa = ok(await act(cs, fa, 'approve_variance'));
      expect(fa).toMatchObject({ status: 'submitted', serviceHead: { label: expect.any(String) } });
      fa = ok(await act(acc, fa, 'approve'));
      expect(fa.status).toBe('approved');
      accounts.over = fa;
    });

    it('a new price by analysis: materials + labour + equipment, 13–17 % overheads, 10 % profit', async () => {
      const w = await done('Staffa fuori elenco', [{ priceListItemId: item.id, quantity: 1 }]);
      const analysis = { materialsCents: 10000, labourCents: 5000, equipmentCents: 1000, overheadsBp: 1500 };
      const line = { description: 'Staffa speciale in acciaio zincato', unit: 'cad', quantity: 2, analysis };
      const low = await ele.post(`/api/work-orders/${w.id}/final-account`, {
        lines: [{ ...line, analysis: { ...analysis, overheadsBp: 1200 } }],
      });
      expect(low.statusCode).toBe(400);
      expect(low.json().errors).toEqual([expect.objectContaining({ field: 'lines.0.analysis.overheadsBp', code: 'overheadsRange' })]);
      const priced = await ele.post(`/api/work-orders/${w.id}/final-account`, { lines: [{ ...line, unitPriceCents: 100 }] });
      expect(priced.json().errors).toEqual([expect.objectContaining({ field: 'lines.0.unitPriceCents', code: 'priceFromAnalysis' })]);
      const fa = ok(
        await ele.post(`/api/work-orders/${w.id}/final-account`, { lines: [{ priceListItemId: item.id, quantity: 1 }, line] }),
        201,
      );
      const p = analysisPrice(analysis);
      if (!p.ok) throw new Error('analysis');
      expect(p.price.unitPriceCents).toBe(20240); // 16000 + 2400 overheads + 1840 profit
      expect(fa.lines[1]).toMatchObject({
        priceListItemId: null,
        unitPriceCents: 20240,
        amountCents: 40480,
        category: 'works',
        analysis: { materialsCents: 10000, labourCents: 5000, equipmentCents: 1000, overheadsBp: 1500, profitBp: 1000 },
      });
      accounts.analysis = fa;
    });

    it('a work order whose documents are missing cannot enter the accounts: opening and submitting wait for every acceptance', async () => {
      const w = await done('Linea dedicata al laboratorio', [{ priceListItemId: item.id, quantity: 1 }], 'as-is');
      // Extra-fee electrical work: the DM 37/2008 declaration (uploaded before completing) and the as-built drawings (not yet).
      expect((w.documents.items as Obj[]).map((d) => [d.documentType, d.state])).toEqual([
        ['conformity_declaration', 'uploaded'],
        ['as_built', 'missing'],
      ]);
      const refused = await ele.post(`/api/work-orders/${w.id}/final-account`, {});
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.json()).toMatchObject({
        code: 'DOCUMENTS_INCOMPLETE',
        missing: ['conformity_declaration', 'as_built'],
        states: { conformity_declaration: 'uploaded', as_built: 'missing' },
      });
      expect(refused.json().detail).toContain('Dichiarazione di conformità (DM 37/2008), Elaborati as built');
      expect((ok(await ele.get('/api/final-accounts?limit=500')).items as Obj[]).some((i) => i.workOrder.id === w.id)).toBe(false);

      // The declaration accepted, the drawings returned: still refused, naming only the drawings.
      const dico = (w.documents.items as Obj[])[0];
      ok(await bm.post(`/api/work-orders/${w.id}/documents/conformity_declaration/actions/accept`, { version: dico.version }));
      const drawings = ok(
        await upload(ele, `/api/work-orders/${w.id}/attachments`, { kind: 'as_built' }, { filename: 'schema.pdf', data: FILES.pdf }),
        201,
      );
      ok(await ele.post(`/api/work-orders/${w.id}/documents/as_built/actions/upload`, { version: 1, attachmentId: drawings.id }));
      ok(await bm.post(`/api/work-orders/${w.id}/documents/as_built/actions/return`, { version: 2, reason: 'Manca il quadro di piano' }));
      const still = await ele.post(`/api/work-orders/${w.id}/final-account`, {});
      expect(still.statusCode).toBe(422);
      expect(still.json()).toMatchObject({ code: 'DOCUMENTS_INCOMPLETE', missing: ['as_built'], states: { as_built: 'returned' } });

      await acceptDocuments(w.id);
      const fa = ok(await ele.post(`/api/work-orders/${w.id}/final-account`, {}), 201);
      expect(fa).toMatchObject({ status: 'draft', basis: 'extra_fee' });

      // Opened, then the work order went back to work and completed again with one more document owed:
      // submitting waits for it too (a second completion adds the new type as missing).
      await env.db
        .insertInto('work_order_documents')
        .values({
          id: `zz-${fa.id}`,
          work_order_id: w.id,
          document_type: 'test_report',
          state: 'missing',
          attachment_id: null,
          reason: null,
          uploaded_at: null,
          decided_by_id: null,
          decided_at: null,
          created_at: '2026-03-13T08:00:00Z',
          updated_at: '2026-03-13T08:00:00Z',
        })
        .execute();
      const submit = await act(ele, fa, 'submit');
      expect(submit.statusCode).toBe(422);
      expect(submit.json()).toMatchObject({ code: 'DOCUMENTS_INCOMPLETE', missing: ['test_report'] });
      expect(ok(await ele.get(`/api/final-accounts/${fa.id}`))).toMatchObject({ status: 'draft', version: fa.version });
      await acceptDocuments(w.id);
      expect(ok(await act(ele, fa, 'submit')).status).toBe('submitted');
    });

    it('two opening the same final account at once: one 201, the other 409 DUPLICATE, never 500', async () => {
      const w = await done('Due consuntivi insieme');
      const both = await Promise.all([0, 1].map(() => ele.post(`/api/work-orders/${w.id}/final-account`, {})));
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const refused = both.find((r) => r.statusCode === 409)!.json();
      expect(refused).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'workOrderId', code: 'unique' }] });
      const rows = await env.db.selectFrom('final_accounts').select('id').where('work_order_id', '=', w.id).execute();
      expect(rows).toHaveLength(1);
    });

    it('bad input is refused naming the field and saves nothing; a stale version is 409', async () => {
      const w = await done('Presa bruciata');
      const neg = await ele.post(`/api/work-orders/${w.id}/final-account`, {
        lines: [{ description: 'Presa', unit: 'cad', quantity: -1, unitPriceCents: 500 }],
      });
      expect(neg.statusCode).toBe(400);
      expect(neg.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'lines.0.quantity', code: 'exclusiveMinimum' }] });
      expect(neg.json().errors[0].message).toBe('Deve essere maggiore di 0.');
      const list = ok(await ele.get('/api/final-accounts')).items as Obj[];
      expect(list.some((i) => i.workOrder.id === w.id)).toBe(false);

      const fa = ok(await ele.post(`/api/work-orders/${w.id}/final-account`, {}), 201);
      expect(fa).toMatchObject({ lines: [], netCents: 0, hours: 2.5 });
      const negEdit = await ele.patch(`/api/final-accounts/${fa.id}`, {
        version: fa.version,
        lines: [{ description: 'Presa', unit: 'cad', quantity: -2, unitPriceCents: 500 }],
      });
      expect(negEdit.statusCode).toBe(400);
      const free = await ele.patch(`/api/final-accounts/${fa.id}`, { version: fa.version, lines: [{ quantity: 1 }] });
      expect(free.json().errors.map((e: Obj) => e.field)).toEqual(['lines.0.description', 'lines.0.unit', 'lines.0.unitPriceCents']);
      expect(ok(await ele.get(`/api/final-accounts/${fa.id}`))).toMatchObject({ version: fa.version, lines: [], netCents: 0 });

      const edited = ok(
        await ele.patch(`/api/final-accounts/${fa.id}`, {
          version: fa.version,
          lines: [{ description: 'Presa', unit: 'cad', quantity: 1, unitPriceCents: 500 }],
        }),
      );
      expect(edited.version).toBe(fa.version + 1);
      const stale = await ele.patch(`/api/final-accounts/${fa.id}`, { version: fa.version, materials: 'x' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: edited.version, lines: [{ amountCents: 500 }] } });
      const staleAction = await act(ele, fa, 'submit');
      expect(staleAction.statusCode).toBe(409);
      expect(staleAction.json().code).toBe('VERSION_CONFLICT');

      // Work not done yet: no final account.
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Altro guasto' });
      const open = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: 'x' })
      ).workOrders[0];
      const early = await ele.post(`/api/work-orders/${open.id}/final-account`, {});
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('INVALID_STATE');
    });

    it("scope: the contractor its own, the building manager its buildings' (read only), staff all; others 403", async () => {
      const ids = Object.values(accounts)
        .map((a) => a.id)
        .sort();
      const listOf = async (c: Client, q = '') => (ok(await c.get(`/api/final-accounts${q}`)).items as Obj[]).map((i) => i.id);
      for (const c of [acc, cs]) expect((await listOf(c)).filter((id) => ids.includes(id)).sort()).toEqual(ids);
      expect((await listOf(ele)).filter((id) => ids.includes(id)).sort()).toEqual(ids);
      expect((await listOf(bm)).filter((id) => ids.includes(id)).sort()).toEqual(ids);
      expect(await listOf(ter)).toEqual([]);
      expect(await listOf(bmD)).toEqual([]);
      for (const c of [cc, requester]) expect((await c.get('/api/final-accounts')).statusCode).toBe(403);
      expect((await ter.get(`/api/final-accounts/${accounts.flat.id}`)).statusCode).toBe(404);
      expect((await bmD.get(`/api/final-accounts/${accounts.flat.id}`)).statusCode).toBe(404);
      const read = ok(await bm.get(`/api/final-accounts/${accounts.analysis.id}`));
      expect(read).toMatchObject({ canEdit: false, availableActions: [] });
      expect((await bm.patch(`/api/final-accounts/${read.id}`, { version: read.version, materials: 'x' })).statusCode).toBe(403);
      expect((await ter.patch(`/api/final-accounts/${read.id}`, { version: read.version, materials: 'x' })).statusCode).toBe(404);

      // Accounting's worklist filters.
      const approved = await listOf(acc, '?state=approved');
      expect(approved).toEqual(expect.arrayContaining([accounts.flat.id, accounts.small.id, accounts.over.id]));
      expect(approved).not.toContain(accounts.analysis.id);
      const contractor = accounts.flat.contractor.id;
      expect((await listOf(acc, `?contractorId=${contractor}`)).sort()).toEqual(expect.arrayContaining(ids));
      expect(await listOf(acc, `?contractId=${accounts.flat.contract.id}&state=draft`)).toContain(accounts.analysis.id);
      expect((await acc.get('/api/final-accounts?state=nope')).statusCode).toBe(400);
      expect(await listOf(ele, `?workOrderId=${accounts.small.workOrder.id}`)).toEqual([accounts.small.id]);
      expect(await listOf(ter, `?workOrderId=${accounts.small.workOrder.id}`)).toEqual([]);
    });

    it('pages the list with a cursor in the worklist order, each page with its lines', async () => {
      const whole = ok(await acc.get('/api/final-accounts?limit=500'));
      expect(whole.nextCursor).toBeNull();
      const all = whole.items as Obj[];
      expect(all.length).toBeGreaterThanOrEqual(7);
      const seen: Obj[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Obj = ok(await acc.get(`/api/final-accounts?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(seen.map((i) => i.id)).toEqual(all.map((i) => i.id));
      expect(seen.map((i) => i.lines.length)).toEqual(all.map((i) => i.lines.length));
      // Submitted ones first (oldest submission first), drafts last.
      const firstDraft = seen.findIndex((i) => i.submittedAt === null);
      expect(seen.slice(firstDraft).every((i) => i.submittedAt === null)).toBe(true);
      expect(seen.find((i) => i.id === accounts.small.id)?.lines).toHaveLength(2);

      const drafts = ok(await acc.get('/api/final-accounts?state=draft&limit=1'));
      expect(drafts.items).toHaveLength(1);
      const next = ok(await acc.get(`/api/final-accounts?state=draft&limit=1&cursor=${encodeURIComponent(drafts.nextCursor)}`));
      expect(next.items[0].id).not.toBe(drafts.items[0].id);
      const bad = await acc.get('/api/final-accounts?cursor=garbage');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });

    it("the contract's variance threshold is the admin's to set (percent, two decimals), and the final accounts read it", async () => {
      const admin = await env.login('admin');
      const id = accounts.over.contract.id as string;
      const contract = ok(await admin.get(`/api/contracts/${id}`));
      expect(contract.varianceThresholdPercent).toBe(20);
      const bad = await admin.patch(`/api/contracts/${id}`, { version: contract.version, varianceThresholdPercent: 12.345 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'varianceThresholdPercent' })]);
      expect((await admin.patch(`/api/contracts/${id}`, { version: contract.version, varianceThresholdPercent: 101 })).statusCode).toBe(
        400,
      );
      const saved = ok(await admin.patch(`/api/contracts/${id}`, { version: contract.version, varianceThresholdPercent: 25.5 }));
      expect(saved.varianceThresholdPercent).toBe(25.5);
      expect(ok(await acc.get(`/api/final-accounts/${accounts.over.id}`)).contract.varianceThresholdBp).toBe(2550);
      ok(await admin.patch(`/api/contracts/${id}`, { version: saved.version, varianceThresholdPercent: 20 }));
    });
  },
  { env: { ATTACHMENTS_DIR, PUBLIC_URL: 'https://presidio.example' } },
);

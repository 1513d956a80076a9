import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { workOrderDocumentsComplete } from '../src/server/modules/as-built/as-built.service.ts';
import { describeEachDb, type Client } from './helpers/app.ts';
import { makePlannedWorkOrder } from './helpers/planned.ts';
import { FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';

// #10 item 1: the documents a completed work order carries (the DM 37/2008 declaration and its
// class's own), each uploaded by the contractor and accepted or returned by the building manager;
// documentsComplete is what the final accounts will ask.
describeEachDb(
  'as-built documents',
  (env) => {
    let requester: Client;
    let bm: Client;
    let otherBm: Client;
    let ele: Client;
    let otherContractor: Client;
    let head: Client;
    let admin: Client;
    beforeAll(async () => {
      requester = await env.login('richiedente');
      bm = await env.login('bm.centrale');
      otherBm = await env.login('bm.como');
      ele = await env.login('ditta.elettrica');
      otherContractor = await env.login('ditta.termica');
      head = await env.login('capo.servizio');
      admin = await env.login('admin');
    });

    /** An ELE work order on MI-B01 that changed the installation, completed with its declaration attached. */
    async function completed(): Promise<string> {
      const r = await refs(env);
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Nuovo quadro di piano' });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: 'Quadro' })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-11T09:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Quadro da sostituire', changesInstallation: true });
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-12T08:00:00Z' });
      await move(ele, 'work-orders', w.id, 'start_work');
      ok(
        await upload(
          ele,
          `/api/work-orders/${w.id}/attachments`,
          { kind: 'conformity_declaration' },
          { filename: 'DiCo.pdf', data: FILES.pdf },
        ),
        201,
      );
      await move(ele, 'work-orders', w.id, 'complete', { report: 'Sostituito il quadro', hours: 6 });
      return w.id as string;
    }

    const docs = async (c: Client, id: string) => ok(await c.get(`/api/work-orders/${id}`)).documents as Obj;
    const item = (d: Obj, type: string) => (d.items as Obj[]).find((i) => i.documentType === type)!;
    const attach = async (id: string, kind: string) =>
      ok(await upload(ele, `/api/work-orders/${id}/attachments`, { kind }, { filename: `${kind}.pdf`, data: FILES.pdf }), 201).id as string;
    const docAct = (c: Client, id: string, type: string, action: string, body: Obj) =>
      c.post(`/api/work-orders/${id}/documents/${type}/actions/${action}`, body);

    it('upload → return with a reason → upload again → accept; complete only when all are accepted', async () => {
      const id = await completed();
      let d = await docs(bm, id);
      // The declaration (DM 37/2008, letter a) was attached before completing; as-built drawings are ELE's own rule.
      expect(d.items.map((i: Obj) => [i.documentType, i.state])).toEqual([
        ['conformity_declaration', 'uploaded'],
        ['as_built', 'missing'],
      ]);
      expect(d.complete).toBe(false);
      expect(item(d, 'as_built').availableActions).toEqual([]);
      expect(item(await docs(ele, id), 'as_built').availableActions).toEqual(['upload']);

      const first = await attach(id, 'as_built');
      d = ok(await docAct(ele, id, 'as_built', 'upload', { version: 1, attachmentId: first }));
      expect(item(d, 'as_built')).toMatchObject({ state: 'uploaded', version: 2, attachment: { id: first } });
      expect(item(await docs(bm, id), 'as_built').availableActions).toEqual(['accept', 'return']);

      d = ok(await docAct(bm, id, 'as_built', 'return', { version: 2, reason: 'Manca la planimetria del piano terra' }));
      expect(item(d, 'as_built')).toMatchObject({ state: 'returned', reason: 'Manca la planimetria del piano terra', version: 3 });
      // The contractor is told, in its language, with the reason; nobody else.
      const mails = await env.db
        .selectFrom('outbox')
        .innerJoin('users as u', 'u.id', 'outbox.to_user_id')
        .select(['u.username', 'outbox.subject', 'outbox.text_body'])
        .where('outbox.work_order_id', '=', id)
        .where('outbox.kind', '=', 'document_returned')
        .execute();
      expect(mails.map((m) => m.username)).toEqual(['ditta.elettrica']);
      expect(mails[0].subject).toContain('Elaborati as built');
      expect(mails[0].text_body).toContain('Manca la planimetria del piano terra');
      expect(item(await docs(ele, id), 'as_built').availableActions).toEqual(['upload']);

      const second = await attach(id, 'as_built');
      d = ok(await docAct(ele, id, 'as_built', 'upload', { version: 3, attachmentId: second }));
      expect(item(d, 'as_built')).toMatchObject({ state: 'uploaded', reason: null, attachment: { id: second } });

      ok(await docAct(bm, id, 'conformity_declaration', 'accept', { version: 1 }));
      expect(await workOrderDocumentsComplete(env.db, id)).toBe(false);
      d = ok(await docAct(bm, id, 'as_built', 'accept', { version: 4 }));
      expect(item(d, 'as_built')).toMatchObject({ state: 'accepted', decidedBy: { label: expect.any(String) } });
      expect(d.complete).toBe(true);
      expect((await docs(head, id)).complete).toBe(true);
      expect(await workOrderDocumentsComplete(env.db, id)).toBe(true);
      // An accepted document is final.
      expect((await docAct(ele, id, 'as_built', 'upload', { version: 5, attachmentId: second })).json()).toMatchObject({
        code: 'INVALID_STATE',
      });

      const events = await env.db
        .selectFrom('events')
        .select('action')
        .where('work_order_id', '=', id)
        .orderBy('at')
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.action).filter((a) => a.startsWith('document_'))).toEqual([
        'document_upload',
        'document_return',
        'document_upload',
        'document_accept',
        'document_accept',
      ]);
    });

    it('a work order not completed yet has no documents to check and is not complete', async () => {
      const r = await refs(env);
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Presa guasta' });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('ELE'), priority: 'ordinary', description: 'Presa' })
      ).workOrders[0];
      expect(await docs(bm, w.id)).toMatchObject({ complete: false, items: [] });
      expect(await workOrderDocumentsComplete(env.db, w.id)).toBe(false);
    });

    it('lists the documents still owed: a contractor its own, a building manager its buildings, the service head all', async () => {
      const id = await completed();
      const mine = ok(await ele.get('/api/as-built-documents?limit=200')).items as Obj[];
      expect(mine.filter((i) => i.workOrder.id === id).map((i) => [i.documentType, i.state])).toEqual([['as_built', 'missing']]);
      expect(mine.every((i) => i.contractor.name === mine[0].contractor.name)).toBe(true);
      const contractorId = mine[0].contractor.id as string;

      const theirs = ok(await otherContractor.get('/api/as-built-documents?limit=200')).items as Obj[];
      expect(theirs.some((i) => i.workOrder.id === id)).toBe(false);
      // Naming another contractor does not widen the scope.
      expect(ok(await otherContractor.get(`/api/as-built-documents?limit=200&contractorId=${contractorId}`)).items).toEqual([]);
      expect((ok(await otherBm.get('/api/as-built-documents?limit=200')).items as Obj[]).some((i) => i.workOrder.id === id)).toBe(false);
      expect((ok(await bm.get('/api/as-built-documents?limit=200')).items as Obj[]).some((i) => i.workOrder.id === id)).toBe(true);

      const all = ok(await head.get(`/api/as-built-documents?limit=200&contractorId=${contractorId}&state=uploaded`)).items as Obj[];
      expect(all.filter((i) => i.workOrder.id === id).map((i) => i.documentType)).toEqual(['conformity_declaration']);
      const r = await refs(env);
      expect(ok(await head.get(`/api/as-built-documents?buildingId=${await r.building('MI-B01')}`)).items.length).toBeGreaterThan(0);
      const b02 = ok(await head.get(`/api/as-built-documents?limit=200&buildingId=${await r.building('MI-B02')}`)).items as Obj[];
      expect(b02.every((i) => i.building.code === 'MI-B02')).toBe(true);

      // Out of scope reads as missing: another contractor, another building's manager.
      expect((await docAct(otherContractor, id, 'conformity_declaration', 'accept', { version: 1 })).statusCode).toBe(404);
      expect((await docAct(otherBm, id, 'conformity_declaration', 'accept', { version: 1 })).statusCode).toBe(404);
      // The contractor does not accept its own documents; the manager does not upload them.
      expect((await docAct(ele, id, 'conformity_declaration', 'accept', { version: 1 })).statusCode).toBe(403);
      expect((await docAct(bm, id, 'as_built', 'upload', { version: 1, attachmentId: 'x' })).statusCode).toBe(403);
    });

    it('refuses bad input with the field named, and a stale version with 409', async () => {
      const id = await completed();
      const wrongKind = await attach(id, 'test_report');
      const noReason = await docAct(ele, id, 'as_built', 'upload', { version: 1 });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'attachmentId' }] });
      const kind = await docAct(ele, id, 'as_built', 'upload', { version: 1, attachmentId: wrongKind });
      expect(kind.statusCode).toBe(400);
      expect(kind.json()).toMatchObject({ errors: [{ field: 'attachmentId', message: expect.stringContaining('as_built') }] });
      expect((await docAct(ele, id, 'no_such_type', 'upload', { version: 1 })).statusCode).toBe(400);
      // A document type the work order does not carry.
      expect((await docAct(ele, id, 'logbook_entry', 'upload', { version: 1, attachmentId: wrongKind })).statusCode).toBe(404);

      const file = await attach(id, 'as_built');
      ok(await docAct(ele, id, 'as_built', 'upload', { version: 1, attachmentId: file }));
      const blank = await docAct(bm, id, 'as_built', 'return', { version: 2, reason: '   ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json()).toMatchObject({ errors: [{ field: 'reason' }] });
      const stale = await docAct(bm, id, 'as_built', 'accept', { version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
      expect(item(stale.json().current, 'as_built')).toMatchObject({ state: 'uploaded', version: 2 });
      expect((await docAct(bm, id, 'missing_only', 'accept', { version: 2 })).statusCode).toBe(400);
      expect((await docAct(bm, id, 'as_built', 'accept', { version: 2, extra: 1 })).statusCode).toBe(400);
    });

    it('a planned visit carries the documents of its plan and the "always" ones of its class (HVAC: the F-gas register entry)', async () => {
      const ter = await env.login('ditta.termica');
      const p = await makePlannedWorkOrder(env.db, {
        at: env.clock.now,
        classCode: 'TER',
        requiredDocuments: ['test_report'],
        status: 'in_progress',
      });
      ok(
        await upload(
          ter,
          `/api/work-orders/${p.workOrderId}/attachments`,
          { kind: 'test_report' },
          { filename: 'prova.pdf', data: FILES.pdf },
        ),
        201,
      );
      await move(ter, 'work-orders', p.workOrderId, 'complete', {
        report: 'Pulizia bruciatore',
        hours: 2,
        checklist: [
          { key: 'flame', ok: true },
          { key: 'co', value: 12 },
        ],
      });
      const d = await docs(ter, p.workOrderId);
      expect(d.items.map((i: Obj) => [i.documentType, i.state])).toEqual([
        ['test_report', 'uploaded'],
        ['fgas_register_entry', 'missing'],
      ]);
      expect(d.complete).toBe(false);
    });

    it('lets the admin say per class what its work orders carry (class version checked)', async () => {
      const r = await refs(env);
      const idr = await r.cls('IDR');
      expect(ok(await admin.get('/api/document-types')).items.map((t: Obj) => t.code)).toContain('fgas_register_entry');
      const before = ok(await admin.get(`/api/technology-classes/${idr}/required-documents`));
      expect(before.items).toEqual([]);
      const body = { version: before.version, items: [{ documentType: 'test_report', requiredWhen: 'installation_work' }] };
      expect((await bm.put(`/api/technology-classes/${idr}/required-documents`, body)).statusCode).toBe(403);
      const dup = await admin.put(`/api/technology-classes/${idr}/required-documents`, {
        version: before.version,
        items: [body.items[0], body.items[0]],
      });
      expect(dup.statusCode).toBe(400);
      expect(dup.json()).toMatchObject({ errors: [{ field: 'items.1.documentType' }] });
      const bad = await admin.put(`/api/technology-classes/${idr}/required-documents`, {
        version: before.version,
        items: [{ documentType: 'test_report', requiredWhen: 'sometimes' }],
      });
      expect(bad.statusCode).toBe(400);
      const saved = ok(await admin.put(`/api/technology-classes/${idr}/required-documents`, body));
      expect(saved).toMatchObject({ version: before.version + 1, items: body.items });
      expect((await admin.put(`/api/technology-classes/${idr}/required-documents`, body)).statusCode).toBe(409);
      expect(ok(await ele.get(`/api/technology-classes/${idr}/required-documents`)).items).toEqual(body.items);
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-as-built-${process.pid}`), SESSION_TTL_HOURS: '720' } },
);

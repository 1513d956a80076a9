// #9 item 7: the fixed 'late_documents' penalty rule fires. A contractor may complete with the
// required documents declared "to follow" (due the contract's documents_due_days, default 30, after
// completion, Rome date); the building manager cannot verify until they are attached; once the due day is over
// with a document missing (or attached late), the reconciliation proposes ONE fixed penalty per
// work order, within the contract's cap, in the register; never when the documents came in time.
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { FILES, act, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';
import { createSlaWatcher } from '../src/server/jobs/sla-watcher.ts';
import { lateDocumentsKey, reconcileLateDocuments } from '../src/server/modules/penalties/late-documents.ts';
import { totalsOf } from '../src/server/modules/penalties/penalties.repository.ts';

const quiet = { info() {}, warn() {}, error() {} };

describeEachDb(
  'late documents: completed with documents to follow, one fixed penalty when they are late',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let lot2 = '';
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    const as = (u: string): Promise<Client> => env.login(u);
    const penaltiesOf = (workOrderId: string) =>
      env.db.selectFrom('penalties').selectAll().where('work_order_id', '=', workOrderId).execute();

    /** An electrical work order that changes the installation (a DM 37 declaration is due), in progress. */
    async function inProgress(): Promise<string> {
      const [requester, bm, ele] = [await as('richiedente'), await as('bm.centrale'), await as('ditta.elettrica')];
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Nuova linea prese in laboratorio' });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', {
          technologyClassId: await r.cls('ELE'),
          priority: 'ordinary',
          description: 'Linea prese',
        })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: env.clock.now.toISOString() });
      await move(ele, 'work-orders', w.id, 'record_inspection', { findings: 'Serve una nuova linea', changesInstallation: true });
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: env.clock.now.toISOString() });
      await move(ele, 'work-orders', w.id, 'start_work');
      return w.id as string;
    }

    it('sets up: a fixed late_documents rule of € 250 on Lot 2', async () => {
      at('2026-05-04T08:00:00Z');
      r = await refs(env);
      lot2 = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 2').executeTakeFirstOrThrow()).id;
      ok(
        await (
          await as('admin')
        ).post(`/api/contracts/${lot2}/penalty-rules`, { kind: 'fixed', event: 'late_documents', amountCents: 25_000 }),
        201,
      );
    });

    it('completion: refused without the declaration (as before), accepted with it "to follow"; verification waits for it; the due date shows', async () => {
      at('2026-05-04T08:00:00Z');
      const id = await inProgress();
      const ele = await as('ditta.elettrica');
      const refused = await act(ele, 'work-orders', id, 'complete', { report: 'Posata linea', hours: 4 });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'DOCUMENTS_MISSING', missing: ['conformity_declaration'] });

      at('2026-05-04T21:30:00Z'); // 23:30 in Rome: the due date counts from the Rome day (4 May) + 30
      const done = ok(await act(ele, 'work-orders', id, 'complete', { report: 'Posata linea', hours: 4, documentsToFollow: true }));
      expect(done).toMatchObject({
        status: 'completed',
        documents: { required: ['conformity_declaration'], missing: ['conformity_declaration'], dueOn: '2026-06-03' },
      });
      const ev = done.timeline.find((i: Obj) => i.event?.action === 'complete');
      expect(ev.event.data).toMatchObject({
        documentsToFollow: true,
        documentsMissing: ['conformity_declaration'],
        documentsDueOn: '2026-06-03',
      });

      const bm = await as('bm.centrale');
      const seen = ok(await bm.get(`/api/work-orders/${id}`));
      expect(seen.availableActions).not.toContain('verify');
      expect(seen.availableActions).toContain('reject_completion');
      const early = await act(bm, 'work-orders', id, 'verify');
      expect(early.statusCode).toBe(422);
      expect(early.json()).toMatchObject({ code: 'DOCUMENTS_PENDING', reason: 'documents_pending' });
      expect(early.json().detail).toBe(
        'Non si può verificare finché la ditta non allega: dichiarazione di conformità (DM 37/2008) (da consegnare entro il 03/06/2026).',
      );

      ok(
        await upload(
          ele,
          `/api/work-orders/${id}/attachments`,
          { kind: 'conformity_declaration' },
          { filename: 'DiCo.pdf', data: FILES.pdf },
        ),
        201,
      );
      expect(ok(await act(bm, 'work-orders', id, 'verify'))).toMatchObject({
        status: 'verified',
        documents: { missing: [], dueOn: '2026-06-03' },
      });

      // In time: past the due date, the check proposes nothing.
      at('2026-06-04T08:00:00Z');
      expect((await createSlaWatcher(env.app.ctx, quiet).runOnce()).failed).toBe(0);
      expect(await penaltiesOf(id)).toEqual([]);
    });

    it('still missing after the due day: ONE fixed penalty, in the register; a second run adds nothing; not on the due day itself', async () => {
      at('2026-05-05T08:00:00Z');
      const id = await inProgress();
      ok(
        await act(await as('ditta.elettrica'), 'work-orders', id, 'complete', {
          report: 'Posata linea',
          hours: 3,
          documentsToFollow: true,
        }),
      );

      at('2026-06-04T21:59:00Z'); // 23:59 on 4 June in Rome, the due day: not late yet
      await reconcileLateDocuments(env.app.ctx, quiet);
      expect(await penaltiesOf(id)).toEqual([]);

      at('2026-06-05T06:00:00Z');
      expect((await createSlaWatcher(env.app.ctx, quiet).runOnce()).failed).toBe(0);
      const [p] = await penaltiesOf(id);
      expect(await penaltiesOf(id)).toHaveLength(1);
      expect(p).toMatchObject({ breach_key: lateDocumentsKey(id), status: 'proposed', contract_id: lot2, clock: null, period: '2026-06' });
      expect(Number(p.proposed_cents)).toBe(25_000);
      expect(Number(p.computed_cents)).toBe(25_000);
      const ev = await env.db.selectFrom('events').select(['action', 'data']).where('penalty_id', '=', p.id).execute();
      expect(ev.map((e) => e.action)).toEqual(['propose']);
      expect(JSON.parse(String(ev[0].data))).toMatchObject({
        event: 'late_documents',
        dueOn: '2026-06-04',
        documents: ['conformity_declaration'],
        clippedByCap: false,
      });

      const register = ok(await (await as('capo.servizio')).get(`/api/penalties/register?contractId=${lot2}&period=2026-06`));
      expect(
        register.rows.filter((x: Obj) => x.workOrderId === id || x.workOrder?.id === id || x.penaltyId === p.id || x.id === p.id),
      ).toHaveLength(1);

      // Again, and once more after the documents arrive late: still one.
      expect((await createSlaWatcher(env.app.ctx, quiet).runOnce()).failed).toBe(0);
      ok(
        await upload(
          await as('ditta.elettrica'),
          `/api/work-orders/${id}/attachments`,
          { kind: 'conformity_declaration' },
          { filename: 'DiCo.pdf', data: FILES.pdf },
        ),
        201,
      );
      await reconcileLateDocuments(env.app.ctx, quiet);
      expect(await penaltiesOf(id)).toHaveLength(1);
    });

    it('attached after the due day but before the check: late all the same', async () => {
      at('2026-05-06T08:00:00Z');
      const id = await inProgress();
      const ele = await as('ditta.elettrica');
      ok(await act(ele, 'work-orders', id, 'complete', { report: 'Posata linea', hours: 2, documentsToFollow: true }));
      at('2026-06-05T22:30:00Z'); // 00:30 on 6 June in Rome: one day late
      ok(
        await upload(
          await as('ditta.elettrica'),
          `/api/work-orders/${id}/attachments`,
          { kind: 'conformity_declaration' },
          { filename: 'DiCo.pdf', data: FILES.pdf },
        ),
        201,
      );
      await reconcileLateDocuments(env.app.ctx, quiet);
      expect((await penaltiesOf(id)).map((p) => p.breach_key)).toEqual([lateDocumentsKey(id)]);
    });

    it('respects the cap: clipped to what is left, then nothing more', async () => {
      at('2026-05-07T08:00:00Z');
      const a = await inProgress();
      at('2026-05-07T08:05:00Z'); // b issued after a: the room left goes to a
      const b = await inProgress();
      const ele = await as('ditta.elettrica');
      for (const id of [a, b])
        ok(await act(ele, 'work-orders', id, 'complete', { report: 'Posata linea', hours: 2, documentsToFollow: true }));
      at('2026-06-08T08:00:00Z');
      // The contract's net amount such that its 10 % cap leaves exactly € 100 above what it owes now.
      const owed = await totalsOf(env.db, lot2);
      const before = await env.db.selectFrom('contracts').select('net_amount_cents').where('id', '=', lot2).executeTakeFirstOrThrow();
      await env.db
        .updateTable('contracts')
        .set({ net_amount_cents: (owed.applied + owed.open + 10_000) * 10 })
        .where('id', '=', lot2)
        .execute();
      try {
        await reconcileLateDocuments(env.app.ctx, quiet);
        const [pa] = await penaltiesOf(a);
        expect(Number(pa.computed_cents)).toBe(25_000);
        expect(Number(pa.proposed_cents)).toBe(10_000);
        expect(
          JSON.parse(
            String((await env.db.selectFrom('events').select('data').where('penalty_id', '=', pa.id).executeTakeFirstOrThrow()).data),
          ),
        ).toMatchObject({ clippedByCap: true, proposedCents: 10_000 });
        expect(await penaltiesOf(b)).toEqual([]);
      } finally {
        await env.db.updateTable('contracts').set({ net_amount_cents: before.net_amount_cents }).where('id', '=', lot2).execute();
      }
    });

    it('the days are a contract setting: admins edit them (1..365, version-checked); completion uses the contract days', async () => {
      at('2026-06-10T08:00:00Z');
      const admin = await as('admin');
      const contract = ok(await admin.get(`/api/contracts/${lot2}`));
      expect(contract.documentsDueDays).toBe(30); // the default every contract got
      for (const bad of [0, 366, 2.5]) {
        const res = await admin.patch(`/api/contracts/${lot2}`, { version: contract.version, documentsDueDays: bad });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.stringify(res.json())).toContain('documentsDueDays');
      }
      const bm = await as('bm.centrale');
      expect([403, 404]).toContain(
        (await bm.patch(`/api/contracts/${lot2}`, { version: contract.version, documentsDueDays: 10 })).statusCode,
      );
      const saved = ok(await admin.patch(`/api/contracts/${lot2}`, { version: contract.version, documentsDueDays: 10 }));
      expect(saved).toMatchObject({ documentsDueDays: 10, version: contract.version + 1 });
      expect((await admin.patch(`/api/contracts/${lot2}`, { version: contract.version, documentsDueDays: 12 })).statusCode).toBe(409);

      const id = await inProgress();
      const done = ok(
        await act(await as('ditta.elettrica'), 'work-orders', id, 'complete', {
          report: 'Posata linea',
          hours: 1,
          documentsToFollow: true,
        }),
      );
      expect(done.documents).toMatchObject({ missing: ['conformity_declaration'], dueOn: '2026-06-20' }); // 10 June + 10 days

      at('2026-06-20T21:30:00Z'); // 23:30 on the due day in Rome: not late yet
      await reconcileLateDocuments(env.app.ctx, quiet);
      expect(await penaltiesOf(id)).toEqual([]);
      at('2026-06-21T06:00:00Z'); // the day after: one penalty, as with the default days
      await reconcileLateDocuments(env.app.ctx, quiet);
      expect(await penaltiesOf(id)).toHaveLength(1);
      expect((await penaltiesOf(id))[0]).toMatchObject({ breach_key: lateDocumentsKey(id), status: 'proposed' });
    });
  },
  {
    env: {
      ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-late-docs-${process.pid}`),
      SLA_WATCH_INTERVAL_SECONDS: '0',
      SESSION_TTL_HOURS: '720',
    },
  },
);

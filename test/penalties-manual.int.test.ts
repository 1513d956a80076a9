// Penalties proposed by hand and withdrawn before the formal notice, on both engines: a building
// manager (of the work order's building) or a service head proposes with a reason and evidence,
// clipped by the contract's cap (the clipping stated); a contractor cannot, a building manager of
// another building gets 404; withdraw only from proposed, with a reason: out of the cap, still in
// the register, refused once contested; the SLA watcher never proposes a withdrawn one again.
import { afterAll, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachDb, type Client } from './helpers/app.ts';
import { FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';
import { createSlaWatcher } from '../src/server/jobs/sla-watcher.ts';

const ATTACHMENTS_DIR = path.join(os.tmpdir(), `presidio-penalties-manual-${process.pid}`);
const quiet = { info() {}, warn() {}, error() {} };
const CAP = 29_400_000; // 10% of Lotto 2's € 2,940,000

afterAll(() => {
  fs.rmSync(ATTACHMENTS_DIR, { recursive: true, force: true });
});

describeEachDb(
  'penalties proposed by hand and withdrawn',
  (env) => {
    let r: Awaited<ReturnType<typeof refs>>;
    let admin: Client, bm: Client, requester: Client, ele: Client, capo: Client, bmDeib: Client;
    let lot2 = '';
    let wo = '';
    const at = (iso: string) => {
      env.clock.now = new Date(iso);
    };
    const pact = async (client: Client, id: string, action: string, fields: Record<string, unknown> = {}) => {
      const version = (await capo.get(`/api/penalties/${id}`)).json().version;
      return client.post(`/api/penalties/${id}/actions/${action}`, { version, ...fields });
    };
    const summary = async () => ok(await capo.get(`/api/contracts/${lot2}/penalties/summary`));

    it('sets up a work order of MI-B01 on Lotto 2', async () => {
      at('2026-04-01T07:00:00Z');
      r = await refs(env);
      [admin, bm, requester, ele, capo, bmDeib] = await Promise.all(
        ['admin', 'bm.centrale', 'richiedente', 'ditta.elettrica', 'capo.servizio', 'bm.deib'].map((u) => env.login(u)),
      );
      lot2 = (await env.db.selectFrom('contracts').select('id').where('lot', '=', 'Lotto 2').executeTakeFirstOrThrow()).id;
      const t = await openTicket(requester, {
        buildingId: await r.building('MI-B01'),
        subject: 'Quadro',
        description: 'Salta la corrente.',
      });
      await move(bm, 'tickets', t.id, 'qualify', {});
      const after = await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'urgent',
        description: 'Intervento',
      });
      wo = after.workOrders[0].id as string;
      expect((await summary()).remainingCents).toBe(CAP);
    });

    it("a building manager proposes with a reason and evidence; a contractor cannot; another building's manager gets 404", async () => {
      const file = ok(
        await upload(
          bm,
          `/api/work-orders/${wo}/attachments`,
          { kind: 'photo' },
          { filename: 'quadro.jpg', data: FILES.jpeg, contentType: 'image/jpeg' },
        ),
        201,
      );
      const body = {
        contractId: lot2,
        workOrderId: wo,
        amountCents: 50_000,
        reason: 'Quadro lasciato aperto e non segnalato',
        evidence: 'Verbale di sopralluogo del 01/04',
        attachmentIds: [file.id],
      };
      expect((await ele.post('/api/penalties', body)).statusCode).toBe(403);
      expect((await requester.post('/api/penalties', body)).statusCode).toBe(403);
      expect((await bmDeib.post('/api/penalties', body)).statusCode).toBe(404);
      expect((await bm.post('/api/penalties', { ...body, reason: undefined })).statusCode).toBe(400);
      const other = await env.db.selectFrom('work_orders').select('id').where('contract_id', '<>', lot2).executeTakeFirst();
      if (other)
        expect((await capo.post('/api/penalties', { ...body, workOrderId: other.id })).json().errors[0]).toMatchObject({
          field: 'workOrderId',
          code: 'workOrderNotOfContract',
        });
      expect(
        (await bm.post('/api/penalties', { ...body, attachmentIds: [file.id], workOrderId: undefined })).json().errors[0],
      ).toMatchObject({ field: 'attachmentIds.0', code: 'attachmentNotOfWorkOrder' });

      const p = ok(await bm.post('/api/penalties', body), 201);
      expect(p).toMatchObject({
        status: 'proposed',
        breachKey: `manual:${p.id}`,
        computedCents: 50_000,
        proposedCents: 50_000,
        clippedByCap: false,
        rule: null,
        clock: null,
        workOrder: { id: wo },
        period: '2026-04',
        availableActions: ['contest', 'withdraw'],
      });
      expect(p.timeline).toEqual([expect.objectContaining({ action: 'propose', actor: expect.anything() })]);
      expect(p.timeline[0].data).toMatchObject({
        manual: true,
        reason: 'Quadro lasciato aperto e non segnalato',
        evidence: 'Verbale di sopralluogo del 01/04',
        attachmentIds: [file.id],
      });
      expect(p.attachments.map((a: Obj) => a.id)).toEqual([file.id]);
      expect(ok(await ele.get(`/api/penalties/${p.id}`)).availableActions).toEqual([]);
      expect((await summary()).openCents).toBe(50_000);
      const reg = ok(await capo.get(`/api/penalties/register?contractId=${lot2}&period=2026-04`));
      expect(reg.rows).toEqual([expect.objectContaining({ id: p.id, status: 'proposed', proposedCents: 50_000 })]);
      expect(reg.rows[0].rule).toMatch(
        /^Proposta da .+: Quadro lasciato aperto e non segnalato — evidenze: Verbale di sopralluogo del 01\/04$/,
      );
    });

    it("within the cap: the service head's proposal is clipped (stated), then refused when nothing is left", async () => {
      const big = ok(
        await capo.post('/api/penalties', { contractId: lot2, amountCents: CAP - 60_000, reason: 'Inadempienze documentali ripetute' }),
        201,
      );
      expect(big).toMatchObject({ workOrder: null, proposedCents: CAP - 60_000, clippedByCap: false });
      const clipped = ok(
        await capo.post('/api/penalties', { contractId: lot2, workOrderId: wo, amountCents: 30_000, reason: 'Ritardo nella consegna' }),
        201,
      );
      expect(clipped).toMatchObject({ computedCents: 30_000, proposedCents: 10_000, clippedByCap: true });
      expect(clipped.timeline[0].data).toMatchObject({ clippedByCap: true, computedCents: 30_000, proposedCents: 10_000 });
      const refused = await capo.post('/api/penalties', { contractId: lot2, amountCents: 1, reason: 'Ancora' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0]).toMatchObject({ field: 'amountCents', code: 'penaltyCapReached' });
      expect((await summary()).remainingCents).toBe(0);

      // Withdrawn before the formal notice, with a reason: its room comes back.
      expect((await pact(ele, big.id, 'withdraw', { reason: 'x' })).statusCode).toBe(403);
      expect((await pact(capo, big.id, 'withdraw', {})).statusCode).toBe(400);
      const w = ok(await pact(capo, big.id, 'withdraw', { reason: 'Importo errato' }));
      expect(w).toMatchObject({ status: 'withdrawn', availableActions: [] });
      expect(w.timeline.map((e: Obj) => e.action)).toEqual(['propose', 'withdraw']);
      expect(w.timeline[1].data).toMatchObject({ reason: 'Importo errato' });
      expect((await summary()).remainingCents).toBe(CAP - 60_000);
      const reg = ok(await capo.get(`/api/penalties/register?contractId=${lot2}&period=2026-04`));
      expect(reg.rows.find((x: Obj) => x.id === big.id)).toMatchObject({ status: 'withdrawn', decidedAt: '2026-04-01T07:00:00.000Z' });
      expect(reg.totals.proposedCents).toBe(60_000);
      expect((await pact(capo, big.id, 'withdraw', { reason: 'di nuovo' })).statusCode).toBe(409);
    });

    it('withdraw is refused once contested: the procedure owns it', async () => {
      const p = ok(
        await bm.post('/api/penalties', { contractId: lot2, workOrderId: wo, amountCents: 20_000, reason: 'Mancata pulizia' }),
        201,
      );
      ok(await pact(bm, p.id, 'contest', { note: 'Vedi motivazione' }));
      const res = await pact(bm, p.id, 'withdraw', { reason: 'ripensamento' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('INVALID_STATE');
    });

    it('an SLA proposal withdrawn by hand is never proposed again by the watcher', async () => {
      const url = `/api/contracts/${lot2}/penalty-rules`;
      ok(await admin.post(url, { kind: 'per_hour', clock: 'take_charge', priority: 'urgent', amountCents: 10_000 }), 201);
      at('2026-04-01T09:30:00Z'); // urgent take charge due 09:00Z
      expect((await createSlaWatcher(env.app.ctx, quiet).runOnce()).failed).toBe(0);
      const sla = (ok(await capo.get(`/api/penalties?workOrderId=${wo}&status=proposed`)).items as Obj[]).find(
        (x) => x.clock === 'take_charge',
      )!;
      expect(sla).toMatchObject({ proposedCents: 10_000 });
      ok(await pact(bm, sla.id, 'withdraw', { reason: "Ritardo dovuto all'accesso negato dall'ateneo" }));
      at('2026-04-01T11:30:00Z');
      expect((await createSlaWatcher(env.app.ctx, quiet).runOnce()).failed).toBe(0);
      expect(ok(await capo.get(`/api/penalties/${sla.id}`))).toMatchObject({ status: 'withdrawn' });
    });
  },
  { env: { ATTACHMENTS_DIR, SESSION_TTL_HOURS: '720', PUBLIC_URL: 'https://presidio.example' } },
);

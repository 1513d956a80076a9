import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { FILES, act, move, ok, openTicket, refs, upload } from './fixtures/workflow/workflow.ts';

// DM 37/2008: flat-fee work that changes an installation of a regulated class needs a conformity
// declaration before completion; the contractor says so when it records the inspection.
describeEachDb(
  'closing documents',
  (env) => {
    let requester: Client;
    let bm: Client;
    let ele: Client;
    beforeAll(async () => {
      requester = await env.login('richiedente');
      bm = await env.login('bm.centrale');
      ele = await env.login('ditta.elettrica');
    });

    async function inProgress(changesInstallation: boolean | undefined) {
      const r = await refs(env);
      const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), description: 'Nuova linea prese in aula' });
      const w = (
        await move(bm, 'tickets', t.id, 'issue', {
          technologyClassId: await r.cls('ELE'),
          priority: 'ordinary',
          description: 'Linea prese',
        })
      ).workOrders[0];
      await move(ele, 'work-orders', w.id, 'acknowledge');
      await move(ele, 'work-orders', w.id, 'schedule_inspection', { inspectionAt: '2026-03-11T09:00:00Z' });
      await move(ele, 'work-orders', w.id, 'record_inspection', {
        findings: 'Serve una nuova linea',
        ...(changesInstallation === undefined ? {} : { changesInstallation }),
      });
      await move(ele, 'work-orders', w.id, 'schedule_work', { scheduledAt: '2026-03-12T08:00:00Z' });
      await move(ele, 'work-orders', w.id, 'start_work');
      return w.id as string;
    }

    it('a change to an electrical installation asks the conformity declaration before completion', async () => {
      const id = await inProgress(true);
      expect(ok(await ele.get(`/api/work-orders/${id}`)).documents).toMatchObject({
        required: ['conformity_declaration'],
        missing: ['conformity_declaration'],
      });
      const refused = await act(ele, 'work-orders', id, 'complete', { report: 'Posata linea', hours: 4 });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'DOCUMENTS_MISSING', missing: ['conformity_declaration'] });
      ok(
        await upload(
          ele,
          `/api/work-orders/${id}/attachments`,
          { kind: 'conformity_declaration' },
          { filename: 'DiCo.pdf', data: FILES.pdf },
        ),
        201,
      );
      expect(ok(await act(ele, 'work-orders', id, 'complete', { report: 'Posata linea', hours: 4 })).status).toBe('completed');
    });

    it('a repair that does not change the installation needs no declaration', async () => {
      const id = await inProgress(false);
      expect(ok(await ele.get(`/api/work-orders/${id}`)).documents).toMatchObject({ required: [], missing: [] });
      expect(ok(await act(ele, 'work-orders', id, 'complete', { report: 'Sostituito interruttore', hours: 1 })).status).toBe('completed');
    });

    it('accepts a maintenance tag (the extinguisher\'s "cartellino" a plan may require) as an attachment kind', async () => {
      const id = await inProgress(false);
      const res = ok(
        await upload(
          ele,
          `/api/work-orders/${id}/attachments`,
          { kind: 'maintenance_tag' },
          { filename: 'cartellino.jpg', data: FILES.jpeg },
        ),
        201,
      );
      expect(res).toMatchObject({ kind: 'maintenance_tag' });
    });
  },
  { env: { ATTACHMENTS_DIR: path.join(os.tmpdir(), `presidio-wf-docs-${process.pid}`), SESSION_TTL_HOURS: '720' } },
);

// #9 item 3: cancelling a ticket's last work order closes the ticket — and says why. The requester
// and the call center receive notice 2 with the reason, each in their language, over real SMTP;
// the requester's timeline shows the reason.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.ts';
import { createOutboxSender } from '../src/server/jobs/outbox-sender.ts';
import { MAIL, move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';

let capture: SmtpCapture;
beforeAll(async () => {
  capture = await startSmtpCapture();
});
afterAll(async () => {
  await capture?.close();
});

describeEachDb('cancelling the last work order', (env) => {
  let requester: Client, bm: Client, ter: Client;

  async function deliver() {
    capture.clear();
    const sender = createOutboxSender({
      db: env.db,
      mail: { ...env.config.mail, smtpUrl: capture.url, from: 'Presidio <presidio@ateneo.example>' },
      now: () => env.clock.now,
      log: { info() {}, warn() {}, error() {} },
    });
    try {
      await sender.runOnce();
    } finally {
      sender.close();
    }
    return capture.messages;
  }

  it("closes the ticket and tells the requester (English) and the call center (Italian) why; the requester's timeline shows the reason", async () => {
    env.clock.now = new Date('2026-03-10T09:00:00Z');
    const r = await refs(env);
    [requester, bm, ter] = await Promise.all(['requester.en', 'bm.centrale', 'ditta.termica'].map((u) => env.login(u)));
    const t = await openTicket(requester, { buildingId: await r.building('MI-B02'), description: 'Radiator leaking in room 2' });
    const w = (
      await move(bm, 'tickets', t.id, 'issue', {
        technologyClassId: await r.cls('TER'),
        priority: 'ordinary',
        description: 'Verifica radiatore',
      })
    ).workOrders[0];
    await move(ter, 'work-orders', w.id, 'acknowledge');
    await deliver();

    const reason = 'Già riparato dal personale interno';
    const cancelled = await move(bm, 'work-orders', w.id, 'cancel', { reason });
    expect(cancelled).toMatchObject({ status: 'closed', outcome: 'cancelled', ticket: { status: 'closed' } });

    const mail = await deliver();
    const to = (address: string) => mail.filter((m) => m.envelopeTo.includes(address));
    const [toRequester] = to(MAIL.requesterEn);
    expect(to(MAIL.requesterEn)).toHaveLength(1);
    expect(toRequester.parsed.subject).toBe(`[Presidio ${t.number}] Request closed: ${t.subject}`);
    expect(toRequester.parsed.text).toContain(
      `work order ${w.number} has been cancelled and request ${t.number} has been closed without work.`,
    );
    expect(toRequester.parsed.text).toContain(`Reason: ${reason}`);
    const [toCallCenter] = to(MAIL.callcenter);
    expect(toCallCenter.parsed.subject).toBe(`[Presidio ${t.number}] Segnalazione chiusa: ${t.subject}`);
    expect(toCallCenter.parsed.text).toContain(`Motivo: ${reason}`);
    expect(to(MAIL.termica).map((m) => m.parsed.text)).toEqual([expect.stringContaining(reason)]); // the contractor's own notice, as before

    const items = ok(await requester.get(`/api/tickets/${t.id}/timeline`)).items as Obj[];
    const events = items.filter((i) => i.type === 'event').map((i) => i.event);
    expect(events.find((e) => e.object === 'work_order' && e.action === 'cancel')?.data).toEqual({ reason });
    expect(events.find((e) => e.object === 'ticket' && e.action === 'auto_close')).toMatchObject({
      from: 'in_progress',
      to: 'closed',
      data: { reason },
    });
    expect(ok(await requester.get(`/api/tickets/${t.id}`))).toMatchObject({ status: 'closed' });
  });

  it('a cancel that leaves another work order open closes nothing and tells the requester nothing', async () => {
    const r = await refs(env);
    const t = await openTicket(requester, { buildingId: await r.building('MI-B02'), description: 'Two faults in room 3' });
    const first = (
      await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('TER'), priority: 'ordinary', description: 'Radiatore' })
    ).workOrders[0];
    await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls('TER'), priority: 'ordinary', description: 'Valvola' });
    await deliver();
    await move(bm, 'work-orders', first.id, 'cancel', { reason: 'Doppione' });
    expect(ok(await requester.get(`/api/tickets/${t.id}`))).toMatchObject({ status: 'in_progress' });
    expect((await deliver()).filter((m) => m.envelopeTo.includes(MAIL.requesterEn))).toEqual([]);
  });
});

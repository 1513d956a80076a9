// The contract's penalty/reward scheme (#11 item 2) through the API on both engines: the admin sets
// the schemes, March's reports are generated once March has ended, reviewed by the building manager
// and signed off by the service head — Lotto 2's penalty within what the legal cap leaves (it lands
// in the penalty register and the statement deducts it), Lotto 3's reward (the statement adds it);
// a contractor never sees another's figures.
import { expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { move, ok, openTicket, refs, type Obj } from './fixtures/workflow/workflow.ts';

/** Take-charge compliance: 90 % or more +2 points, under 50 % −3; −3 points cost 3 %, +2 earn 1 %. */
const SCHEME = {
  version: 0,
  period: 'month',
  indicators: [
    {
      indicator: 'takeCharge',
      bands: [
        { from: 0, points: -3 },
        { from: 5000, points: 0 },
        { from: 9000, points: 2 },
      ],
    },
    { indicator: 'satisfactionAverage', bands: [{ from: 100, points: -1 }] },
  ],
  bands: [
    { fromPoints: -100, bp: -300 },
    { fromPoints: 0, bp: 0 },
    { fromPoints: 2, bp: 100 },
  ],
  maxRewardBp: 200,
  acceleration: { enabled: true, bpPerDay: 5, maxBp: 50 },
};
const bp = (cents: number, b: number) => Math.round((cents * b) / 10_000);

describeEachDb('penalty/reward scheme', (env) => {
  let r: Awaited<ReturnType<typeof refs>>;
  let requester: Client, bm: Client, ele: Client, ter: Client, cs: Client, admin: Client, acc: Client;
  let lot2: string, lot3: string;
  let penaltyReport: Obj, rewardReport: Obj, penaltyId: string;
  const logins = async () => {
    [requester, bm, ele, ter, cs, admin, acc] = await Promise.all(
      ['richiedente', 'bm.centrale', 'ditta.elettrica', 'ditta.termica', 'capo.servizio', 'admin', 'contabilita'].map((u) => env.login(u)),
    );
  };
  const issued = async (subject: string, cls: string): Promise<Obj> => {
    const t = await openTicket(requester, { buildingId: await r.building('MI-B01'), subject, description: `${subject}: guasto.` });
    return (await move(bm, 'tickets', t.id, 'issue', { technologyClassId: await r.cls(cls), priority: 'urgent', description: subject }))
      .workOrders[0];
  };

  it('the admin sets the schemes; bad thresholds are refused naming the field; a stale version is 409', async () => {
    env.clock.now = new Date('2026-03-10T09:00:00Z');
    r = await refs(env);
    await logins();
    const contract = async (lot: string) =>
      (await env.db.selectFrom('contracts').select('id').where('lot', '=', lot).executeTakeFirstOrThrow()).id;
    lot2 = await contract('Lotto 2');
    lot3 = await contract('Lotto 3');

    const bad = await admin.put(`/api/contracts/${lot2}/kpi-scheme`, {
      ...SCHEME,
      indicators: [{ indicator: 'takeCharge', bands: [{ from: 12_000, points: 1 }] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'indicators.0.bands.0.from', code: 'kpiRange' });
    expect((await cs.put(`/api/contracts/${lot2}/kpi-scheme`, SCHEME)).statusCode).toBe(403);

    for (const k of [lot2, lot3]) {
      const s = ok(await admin.put(`/api/contracts/${k}/kpi-scheme`, SCHEME));
      expect(s).toMatchObject({ exists: true, version: 1, maxRewardBp: 200 });
    }
    const stale = await admin.put(`/api/contracts/${lot2}/kpi-scheme`, { ...SCHEME, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(1);
    expect(ok(await ele.get(`/api/contracts/${lot2}/kpi-scheme`)).indicators).toHaveLength(2);
    expect((await ele.get(`/api/contracts/${lot3}/kpi-scheme`)).statusCode).toBe(404);
  });

  it('March: Lotto 2 takes charge late twice, Lotto 3 in time', async () => {
    const e1 = await issued('Luce spenta', 'ELE');
    const e2 = await issued('Presa bruciata', 'ELE');
    const h1 = await issued('Termosifone freddo', 'TER');
    env.clock.now = new Date('2026-03-10T09:30:00Z');
    await move(ter, 'work-orders', h1.id, 'acknowledge');
    env.clock.now = new Date('2026-03-13T09:00:00Z');
    await logins();
    await move(ele, 'work-orders', e1.id, 'acknowledge');
    await move(ele, 'work-orders', e2.id, 'acknowledge');
  });

  it('a report is generated only once the period has ended, and once', async () => {
    const early = await cs.post('/api/kpi-reports', { contractId: lot2, period: '2026-03' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0]).toMatchObject({ field: 'period', code: 'kpiPeriodNotEnded' });

    env.clock.now = new Date('2026-04-02T08:00:00Z');
    await logins();
    // Most of Lotto 2's cap is already used by an applied penalty: € 100.00 left.
    const summary = ok(await cs.get(`/api/contracts/${lot2}/penalties/summary`));
    await env.db
      .insertInto('penalties')
      .values({
        id: '00000000-0000-4000-8000-00000000c0de',
        contract_id: lot2,
        work_order_id: null,
        breach_key: 'manual:cap-filler',
        rule_id: null,
        clock: null,
        breached_by_ms: null,
        computed_cents: summary.capCents - 10_000,
        proposed_cents: summary.capCents - 10_000,
        final_cents: summary.capCents - 10_000,
        status: 'applied',
        term_ends_at: null,
        period: '2026-02',
        created_at: env.clock.now.toISOString(),
        updated_at: env.clock.now.toISOString(),
      })
      .execute();

    expect((await ele.post('/api/kpi-reports', { contractId: lot2, period: '2026-03' })).statusCode).toBe(403);
    expect((await cs.post('/api/kpi-reports', { contractId: lot2, period: '2026-Q1' })).json().errors[0]).toMatchObject({
      field: 'period',
      code: 'kpiPeriod',
    });

    penaltyReport = ok(await cs.post('/api/kpi-reports', { contractId: lot2, period: '2026-03' }), 201);
    expect(penaltyReport).toMatchObject({ status: 'generated', from: '2026-03-01', to: '2026-03-31', workOrders: 2, points: -3 });
    expect(penaltyReport.scoring).toEqual([
      { indicator: 'takeCharge', value: 0, numerator: 0, denominator: 2, points: -3 },
      // No ratings: no data, neither way.
      { indicator: 'satisfactionAverage', value: null, numerator: null, denominator: null, points: null },
    ]);
    const fee = penaltyReport.periodFeeCents;
    expect(fee).toBeGreaterThan(0);
    expect(penaltyReport.computedCents).toBe(-bp(fee, 300));
    expect(penaltyReport.capRoomCents).toBe(10_000);
    // The penalty stops at what the cap leaves.
    expect(penaltyReport.proposedCents).toBe(-10_000);

    const again = await bm.post('/api/kpi-reports', { contractId: lot2, period: '2026-03' });
    expect(again.statusCode).toBe(409);

    rewardReport = ok(await bm.post('/api/kpi-reports', { contractId: lot3, period: '2026-03' }), 201);
    expect(rewardReport).toMatchObject({ workOrders: 1, points: 2, bandBp: 100, daysEarly: 0 });
    expect(rewardReport.proposedCents).toBe(bp(rewardReport.periodFeeCents, 100));
  });

  it('a contractor never sees another contractor’s figures', async () => {
    const own = ok(await ele.get('/api/kpi-reports')).items as Obj[];
    expect(own.map((x) => x.id)).toEqual([penaltyReport.id]);
    expect((await ele.get(`/api/kpi-reports/${rewardReport.id}`)).statusCode).toBe(404);
    expect((await ter.get(`/api/kpi-reports/${penaltyReport.id}`)).statusCode).toBe(404);
    expect(ok(await ter.get(`/api/kpi-reports/${rewardReport.id}`)).contract.id).toBe(lot3);
    expect((await (await env.login('callcenter')).get('/api/kpi-reports')).statusCode).toBe(403);
  });

  it('the building manager reviews; the service head signs off within the cap, with a reason for a change', async () => {
    expect((await cs.post(`/api/kpi-reports/${penaltyReport.id}/sign-off`, { version: 1, finalCents: -10_000 })).statusCode).toBe(409);
    expect(ok(await bm.get(`/api/kpi-reports/${penaltyReport.id}`)).availableActions).toEqual(['review']);
    expect((await cs.post(`/api/kpi-reports/${penaltyReport.id}/review`, { version: 1 })).statusCode).toBe(403);
    const reviewed = ok(await bm.post(`/api/kpi-reports/${penaltyReport.id}/review`, { version: 1, note: 'Dati verificati' }));
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewNote: 'Dati verificati', reviewedBy: { label: expect.any(String) } });
    expect(ok(await cs.get(`/api/kpi-reports/${penaltyReport.id}`)).availableActions).toEqual(['sign_off']);
    expect((await cs.post(`/api/kpi-reports/${penaltyReport.id}/review`, { version: 2 })).statusCode).toBe(403);
    expect((await cs.post(`/api/kpi-reports/${penaltyReport.id}/sign-off`, { version: 1, finalCents: -10_000 })).statusCode).toBe(409);

    const beyond = await cs.post(`/api/kpi-reports/${penaltyReport.id}/sign-off`, { version: 2, finalCents: -10_001, reason: 'Più grave' });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().errors[0]).toMatchObject({ field: 'finalCents', code: 'penaltyCapReached' });
    const noReason = await cs.post(`/api/kpi-reports/${penaltyReport.id}/sign-off`, { version: 2, finalCents: -5_000 });
    expect(noReason.json().errors[0]).toMatchObject({ field: 'reason', code: 'kpiReasonRequired' });

    const signed = ok(
      await cs.post(`/api/kpi-reports/${penaltyReport.id}/sign-off`, { version: 2, finalCents: -5_000, reason: 'Guasti in ferie' }),
    );
    expect(signed).toMatchObject({ status: 'signed_off', finalCents: -5_000, reason: 'Guasti in ferie', availableActions: [] });
    // In the penalty register as applied, counted against the cap.
    penaltyId = signed.penaltyId;
    const penalty = ok(await cs.get(`/api/penalties/${signed.penaltyId}`));
    expect(penalty).toMatchObject({ status: 'applied', finalCents: 5_000, period: '2026-03', workOrder: null });
    expect(ok(await cs.get(`/api/contracts/${lot2}/penalties/summary`)).remainingCents).toBe(5_000);
    expect(ok(await ele.get(`/api/penalties/${signed.penaltyId}`)).id).toBe(signed.penaltyId);
    expect((await ter.get(`/api/penalties/${signed.penaltyId}`)).statusCode).toBe(404);

    // The reward: at most the scheme maximum; signed off as proposed, no reason needed.
    ok(await bm.post(`/api/kpi-reports/${rewardReport.id}/review`, { version: 1 }));
    const max = bp(rewardReport.periodFeeCents, 200);
    const tooMuch = await cs.post(`/api/kpi-reports/${rewardReport.id}/sign-off`, { version: 2, finalCents: max + 1, reason: 'Di più' });
    expect(tooMuch.json().errors[0]).toMatchObject({ field: 'finalCents', code: 'maximum' });
    const reward = ok(
      await cs.post(`/api/kpi-reports/${rewardReport.id}/sign-off`, { version: 2, finalCents: rewardReport.proposedCents }),
    );
    expect(reward).toMatchObject({ status: 'signed_off', finalCents: rewardReport.proposedCents, penaltyId: null, reason: null });
  });

  it('the statement of March deducts the penalty and adds the reward', async () => {
    const s2 = ok(await acc.post(`/api/contracts/${lot2}/statements`, { period: '2026-03' }), 201);
    const kpiPenalty = (s2.items as Obj[]).find((i) => i.penaltyId === penaltyId);
    expect(kpiPenalty).toMatchObject({ kind: 'penalty', amountCents: -5_000 });
    const s3 = ok(await acc.post(`/api/contracts/${lot3}/statements`, { period: '2026-03' }), 201);
    const item = (s3.items as Obj[]).find((i) => i.kind === 'kpi_reward');
    expect(item).toMatchObject({ kpiReportId: rewardReport.id, amountCents: rewardReport.proposedCents, description: '2026-03' });
    expect(s3.totals.rewardsCents).toBe(rewardReport.proposedCents);
    expect(s3.totals.grossCents).toBe(s3.totals.flatFeeCents + s3.totals.extraFeeCents + rewardReport.proposedCents);
    expect(ok(await cs.get(`/api/kpi-reports/${rewardReport.id}`)).statementId).toBe(s3.id);
  });
});

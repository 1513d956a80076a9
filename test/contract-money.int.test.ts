// Issue #7 item 14: a contract's money (net amount, yearly fee, discount) is read in the registry
// only by those contractMoneyScope lets read its penalties; every other contract reader (the call
// center) gets the contract with the three amounts null, on the list, by id and when resolved.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;
const MONEY = ['netAmountCents', 'yearlyFeeCents', 'discountPercent'] as const;

describeEachDb('contract money in the registry', (env) => {
  let admin: Client;
  let lotto2: Obj;

  beforeAll(async () => {
    admin = await env.login('admin');
    const list = (await admin.get('/api/contracts?limit=200')).json().items as Obj[];
    lotto2 = list.find((c) => c.lot === 'Lotto 2')!;
    for (const f of MONEY) expect(typeof lotto2[f]).toBe('number');
  });

  const listOf = async (c: Client) => {
    const res = await c.get('/api/contracts?limit=200');
    expect(res.statusCode).toBe(200);
    return res.json().items as Obj[];
  };

  it('the call center reads contracts without their money: list, by id, resolve', async () => {
    const cc = await env.login('callcenter');
    const items = await listOf(cc);
    expect(items.length).toBeGreaterThan(1);
    for (const c of items) for (const f of MONEY) expect(c[f], `${c.lot} ${f}`).toBeNull();
    expect(items.find((c) => c.id === lotto2.id)!.lot).toBe('Lotto 2');

    const one = await cc.get(`/api/contracts/${lotto2.id}`);
    expect(one.statusCode).toBe(200);
    const body = one.json();
    for (const f of MONEY) expect(body[f]).toBeNull();
    expect(body.cig).toBe(lotto2.cig);
    expect(one.body).not.toContain(String(lotto2.netAmountCents));

    const q = new URLSearchParams({
      buildingId: lotto2.buildingIds[0],
      technologyClassId: lotto2.technologyClassIds[0],
      date: lotto2.startsOn,
    });
    const resolved = await cc.get(`/api/contracts/resolve?${q}`);
    expect(resolved.statusCode).toBe(200);
    for (const f of MONEY) expect(resolved.json()[f]).toBeNull();
  });

  it("service head, accounting and admin read every contract's money", async () => {
    for (const u of ['capo.servizio', 'contabilita', 'admin']) {
      const c = await env.login(u);
      for (const k of await listOf(c)) for (const f of MONEY) expect(typeof k[f], `${u} ${k.lot} ${f}`).toBe('number');
      const one = (await c.get(`/api/contracts/${lotto2.id}`)).json();
      for (const f of MONEY) expect(one[f], `${u} ${f}`).toBe(lotto2[f]);
    }
  });

  it('a building manager and a contractor read the money of the contracts they read', async () => {
    for (const u of ['bm.centrale', 'ditta.elettrica']) {
      const c = await env.login(u);
      const items = await listOf(c);
      expect(items.map((k) => k.id)).toContain(lotto2.id);
      for (const k of items) for (const f of MONEY) expect(typeof k[f], `${u} ${k.lot} ${f}`).toBe('number');
      const one = (await c.get(`/api/contracts/${lotto2.id}`)).json();
      for (const f of MONEY) expect(one[f], `${u} ${f}`).toBe(lotto2[f]);
    }
  });

  it("an administrator's change keeps the amounts it did not send", async () => {
    const res = await admin.patch(`/api/contracts/${lotto2.id}`, { version: lotto2.version, title: `${lotto2.title} (agg.)` });
    expect(res.statusCode).toBe(200);
    for (const f of MONEY) expect(res.json()[f]).toBe(lotto2[f]);
  });
});

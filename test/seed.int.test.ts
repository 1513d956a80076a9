import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './helpers/db.ts';
import type { Database } from '../src/server/db/schema.ts';
import { DEMO_PASSWORD, demoAccountsInUse, isDatabaseEmpty, seedDemo } from '../src/server/db/seed/demo.ts';
import { verifyPassword } from '../src/server/auth/password.ts';
import { DEMO_PLAN_COUNT } from '../src/server/db/seed/demo-plans.ts';
import { validateRRule } from '../src/server/modules/plans/rule.ts';

interface TestDb {
  db: Kysely<Database>;
  close: () => Promise<void>;
}

const engines = dialects().map((d) => ({
  name: d.name,
  open: async (): Promise<TestDb> => {
    const made = await d.create();
    return { db: made.db, close: made.drop };
  },
}));

/** Partita IVA check digit: odd positions as they are, even positions doubled (minus 9 above 9). */
function isValidPartitaIva(v: string): boolean {
  if (!/^\d{11}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(v[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(v[10]);
}

const NOW = new Date('2026-11-26T09:00:00.000Z');
const ROLES = ['admin', 'requester', 'call_center', 'building_manager', 'service_head', 'accounting', 'contractor'];

describe('isValidPartitaIva (test helper)', () => {
  it('accepts a real-format number and rejects a wrong check digit', () => {
    expect(isValidPartitaIva('12878470157')).toBe(true);
    expect(isValidPartitaIva('12878470158')).toBe(false);
    expect(isValidPartitaIva('1287847015')).toBe(false);
  });
});

describe.each(engines)('demo seed on $name', ({ open }) => {
  let t: TestDb;
  let db: Kysely<Database>;
  let result: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    t = await open();
    db = t.db;
    expect(await isDatabaseEmpty(db)).toBe(true);
    result = await seedDemo(db, { now: NOW });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('seeds once and reports the logins', async () => {
    expect(result.seeded).toBe(true);
    expect(await isDatabaseEmpty(db)).toBe(false);
    const usernames = result.logins.map((l) => l.username);
    for (const u of [
      'admin',
      'richiedente',
      'requester.en',
      'callcenter',
      'bm.centrale',
      'bm.deib',
      'bm.como',
      'capo.servizio',
      'contabilita',
      'ditta.elettrica',
      'ditta.termica',
      'ditta.ascensori',
    ])
      expect(usernames).toContain(u);
    for (const l of result.logins) {
      expect(l.password).toBe(DEMO_PASSWORD);
      expect(l.note.length).toBeGreaterThan(10);
    }
  });

  it('seeds maintenance plans of every kind, each on a (building, class) one demo contract covers', async () => {
    const plans = await db.selectFrom('maintenance_plans').selectAll().execute();
    expect(plans).toHaveLength(DEMO_PLAN_COUNT);
    expect(new Set(plans.map((p) => p.schedule_kind))).toEqual(new Set(['calendar', 'floating', 'meter']));
    for (const p of plans) {
      if (p.rrule) expect(validateRRule(p.rrule), p.code).toBeNull();
      const covering = await db
        .selectFrom('contracts as c')
        .innerJoin('contract_buildings as cb', 'cb.contract_id', 'c.id')
        .innerJoin('contract_classes as cc', 'cc.contract_id', 'c.id')
        .select('c.id')
        .where('cb.building_id', '=', p.building_id)
        .where('cc.technology_class_id', '=', p.technology_class_id)
        .execute();
      expect(covering, p.code).toHaveLength(1);
      const checklist = JSON.parse(p.checklist) as Array<{ kind: string }>;
      expect(checklist.length, p.code).toBeGreaterThan(0);
    }
    const extinguishers = plans.filter((p) => p.code.startsWith('PM-EST-'));
    expect(
      extinguishers.every((p) => p.rrule === 'FREQ=MONTHLY;INTERVAL=6' && JSON.parse(p.required_documents).includes('maintenance_tag')),
    ).toBe(true);
    const heating = plans.filter((p) => p.code.startsWith('PM-EE-'));
    expect(heating.every((p) => p.season_from === '10-15' && p.season_to === '04-15' && p.rrule === 'FREQ=YEARLY;INTERVAL=2')).toBe(true);
    const meterPlan = plans.find((p) => p.schedule_kind === 'meter')!;
    const readings = await db.selectFrom('meter_readings').select('value_milli').where('meter_id', '=', meterPlan.meter_id!).execute();
    const highest = Math.max(...readings.map((r) => Number(r.value_milli)));
    // Below the next threshold: the demo opens no activity by itself.
    expect(highest).toBeLessThan(Number(meterPlan.meter_last_trigger_milli) + Number(meterPlan.meter_every_milli));
  });

  it('counts what the brief asks for', async () => {
    const count = async (t: keyof Database) =>
      Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('sites')).toBe(2);
    expect(await count('buildings')).toBe(12);
    expect(await count('contractors')).toBe(5);
    expect(await count('contracts')).toBe(5);
    expect(await count('floors')).toBeGreaterThanOrEqual(24);
    expect(await count('spaces')).toBeGreaterThanOrEqual(100);
    expect(await count('assets')).toBeGreaterThanOrEqual(10);

    const sites = await db.selectFrom('sites').select(['city', 'patron_saint']).orderBy('city').execute();
    expect(sites).toEqual([
      { city: 'Como', patron_saint: '08-31' },
      { city: 'Milano', patron_saint: '12-07' },
    ]);

    const rows = await db.selectFrom('buildings').select(['competence', 'competence_department_id']).execute();
    expect(rows.some((b) => b.competence === 'central' && b.competence_department_id === null)).toBe(true);
    expect(rows.some((b) => b.competence === 'department' && b.competence_department_id !== null)).toBe(true);
    for (const b of rows) expect(b.competence === 'department').toBe(b.competence_department_id !== null);

    const stamps = await db.selectFrom('spaces').select(['created_at', 'updated_at', 'active', 'area_cm2']).execute();
    for (const s of stamps) {
      expect(s).toMatchObject({ created_at: NOW.toISOString(), updated_at: NOW.toISOString(), active: 1 });
      expect(Number.isInteger(s.area_cm2)).toBe(true);
    }
    // every building has floors and every floor has spaces
    const empty = await db
      .selectFrom('floors as f')
      .leftJoin('spaces as s', 's.floor_id', 'f.id')
      .select('f.id')
      .where('s.id', 'is', null)
      .execute();
    expect(empty).toEqual([]);
  });

  it('shares of every building sum to exactly 10000 and several buildings are shared', async () => {
    const sums = await db
      .selectFrom('buildings as b')
      .leftJoin('building_occupancies as o', 'o.building_id', 'b.id')
      .select(['b.code', (eb) => eb.fn.sum<number>('o.share_bp').as('total'), (eb) => eb.fn.count<number>('o.department_id').as('n')])
      .groupBy('b.code')
      .execute();
    expect(sums).toHaveLength(12);
    for (const s of sums) expect([s.code, Number(s.total)]).toEqual([s.code, 10000]);
    expect(sums.filter((s) => Number(s.n) > 1).length).toBeGreaterThanOrEqual(3);
  });

  it('every (building, covered class) resolves to exactly one contract on any date of the period', async () => {
    const buildings = await db.selectFrom('buildings').select('id').execute();
    const covered = await db.selectFrom('contract_classes').select('technology_class_id').distinct().execute();
    const classes = await db.selectFrom('technology_classes').select(['id', 'code', 'dm37_letter']).execute();
    expect(covered.length).toBe(8);
    for (const date of ['2025-01-01', '2026-11-26', '2028-12-31']) {
      // the resolving query: one row per (building, class) with the number of active contracts
      const matches = await db
        .selectFrom('buildings as b')
        .crossJoin('technology_classes as tc')
        .leftJoin(
          (eb) =>
            eb
              .selectFrom('contracts as c')
              .innerJoin('contract_buildings as cb', 'cb.contract_id', 'c.id')
              .innerJoin('contract_classes as cc', 'cc.contract_id', 'c.id')
              .where('c.active', '=', 1)
              .where('c.starts_on', '<=', date)
              .where('c.ends_on', '>=', date)
              .select(['cb.building_id', 'cc.technology_class_id', 'c.id as contract_id'])
              .as('m'),
          (join) => join.onRef('m.building_id', '=', 'b.id').onRef('m.technology_class_id', '=', 'tc.id'),
        )
        .select(['b.id as building_id', 'tc.code', (eb) => eb.fn.count<number>('m.contract_id').as('n')])
        .groupBy(['b.id', 'tc.code'])
        .execute();
      expect(matches).toHaveLength(buildings.length * classes.length);
      for (const m of matches) {
        // VER (grounds) is deliberately left without a lot; every other class has exactly one
        expect([m.code, Number(m.n)]).toEqual([m.code, m.code === 'VER' ? 0 : 1]);
      }
    }
    // outside the period nothing resolves
    const outside = await db
      .selectFrom('contracts')
      .select('id')
      .where('starts_on', '<=', '2029-01-01')
      .where('ends_on', '>=', '2029-01-01')
      .execute();
    expect(outside).toEqual([]);
    expect(
      classes
        .filter((c) => c.dm37_letter !== null)
        .map((c) => c.dm37_letter)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('contracts carry lot, CIG, period, money', async () => {
    const contracts = await db.selectFrom('contracts').selectAll().orderBy('lot').execute();
    expect(contracts.map((c) => c.lot)).toEqual(['Lotto 1', 'Lotto 2', 'Lotto 3', 'Lotto 4', 'Lotto 5']);
    for (const c of contracts) {
      expect(c.cig).toMatch(/^[0-9A-Z]{10}$/);
      expect([c.starts_on, c.ends_on]).toEqual(['2025-01-01', '2028-12-31']);
      expect(Number(c.net_amount_cents)).toBeGreaterThanOrEqual(100_000_000);
      expect(Number(c.yearly_fee_cents)).toBeGreaterThan(0);
      expect(c.discount_bp).toBeGreaterThan(0);
      expect(c.discount_bp).toBeLessThan(10000);
    }
  });

  it('every contractor VAT number passes the Partita IVA checksum', async () => {
    const contractors = await db.selectFrom('contractors').select(['vat_number', 'pec']).execute();
    expect(contractors).toHaveLength(5);
    for (const c of contractors) {
      expect([c.vat_number, isValidPartitaIva(c.vat_number)]).toEqual([c.vat_number, true]);
      expect(c.pec).toMatch(/@pec\.it$/);
    }
  });

  it('every role has a user; contractor users point at the electrical, HVAC and lifts lots', async () => {
    const roles = await db.selectFrom('user_roles').select('role').distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());

    const lotOf = async (username: string) =>
      db
        .selectFrom('users as u')
        .innerJoin('contracts as c', 'c.contractor_id', 'u.contractor_id')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .where('u.username', '=', username)
        .where('r.role', '=', 'contractor')
        .select('c.lot')
        .execute();
    expect(await lotOf('ditta.elettrica')).toEqual([{ lot: 'Lotto 2' }]);
    expect(await lotOf('ditta.termica')).toEqual([{ lot: 'Lotto 3' }]);
    expect(await lotOf('ditta.ascensori')).toEqual([{ lot: 'Lotto 5' }]);

    const en = await db
      .selectFrom('users')
      .select(['language', 'department_id'])
      .where('username', '=', 'requester.en')
      .executeTakeFirstOrThrow();
    expect(en.language).toBe('en');
    expect(en.department_id).not.toBeNull();

    const admin = await db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(await verifyPassword(DEMO_PASSWORD, admin.password_hash)).toBe(true);
  });

  it('records the demo password hash: every seeded account counts as a demo account', async () => {
    const marker = await db.selectFrom('demo_marker').selectAll().execute();
    expect(marker).toHaveLength(1);
    expect(marker[0].seeded_at).toBe(NOW.toISOString());
    expect(await verifyPassword(DEMO_PASSWORD, marker[0].password_hash)).toBe(true);
    expect(await demoAccountsInUse(db)).toEqual(result.logins.map((l) => l.username).sort());
  });

  it('building managers hold disjoint building sets and every building has one', async () => {
    const rows = await db
      .selectFrom('building_managers as bm')
      .innerJoin('users as u', 'u.id', 'bm.user_id')
      .innerJoin('user_roles as r', (j) => j.onRef('r.user_id', '=', 'u.id').on('r.role', '=', 'building_manager'))
      .innerJoin('buildings as b', 'b.id', 'bm.building_id')
      .select(['u.username', 'b.code'])
      .execute();
    const byManager = new Map<string, Set<string>>();
    for (const r of rows) byManager.set(r.username, (byManager.get(r.username) ?? new Set()).add(r.code));
    expect(byManager.size).toBeGreaterThanOrEqual(2);
    const all = rows.map((r) => r.code);
    expect(new Set(all).size).toBe(all.length); // no building in two managers' sets
    expect(new Set(all).size).toBe(12);
    expect([...byManager.get('bm.deib')!].sort()).toEqual(['MI-B03', 'MI-B04']);
    expect([...byManager.get('bm.como')!].every((c) => c.startsWith('CO-'))).toBe(true);
  });

  it('seeding a second time is a no-op', async () => {
    const before = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const again = await seedDemo(db, { now: new Date('2027-01-01T00:00:00Z') });
    expect(again).toEqual({ seeded: false, logins: [] });
    const after = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const stamp = await db
      .selectFrom('sites')
      .select(sql<number>`count(*)`.as('n'))
      .where('created_at', '!=', NOW.toISOString())
      .executeTakeFirstOrThrow();
    expect(Number(stamp.n)).toBe(0);
  });
});

describe.each(engines)('concurrent demo seeders on $name', ({ open }) => {
  it('exactly one of two simultaneous seeders writes; the other is a no-op', async () => {
    const t = await open();
    try {
      const [a, b] = await Promise.all([seedDemo(t.db, { now: NOW }), seedDemo(t.db, { now: NOW })]);
      expect([a.seeded, b.seeded].sort()).toEqual([false, true]);
      const n = await t.db
        .selectFrom('buildings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(12);
    } finally {
      await t.close();
    }
  });
});

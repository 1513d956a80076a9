import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { uniqueViolationColumns } from '../src/server/modules/registry/common.ts';
import { resolveContract } from '../src/server/modules/registry/index.ts';
import { buildingIdScope } from '../src/server/scope.ts';
import type { Principal } from '../src/server/auth/principal.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

/** The id of the object with this code (or username / lot / name) in a collection, as admin sees it. */
async function idOf(c: Client, collection: string, code: string, key = 'code'): Promise<string> {
  const res = await c.get(`/api/${collection}?q=${encodeURIComponent(code)}&active=all&limit=200`);
  const hit = (res.json().items as Obj[]).find((x) => x[key] === code);
  if (!hit) throw new Error(`${collection} ${code} not found`);
  return hit.id;
}

/** Every item of a list, following nextCursor. */
async function listAll(c: Client, url: string): Promise<Obj[]> {
  const out: Obj[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await c.get(`${url}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode).toBe(200);
    out.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return out;
}

const fieldErrors = (res: { json(): Obj }) => (res.json().errors ?? []).map((e: Obj) => `${e.field}:${e.code}`).sort();

describeEachDb('registry', (env) => {
  let admin: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    admin = await env.login('admin');
    ids.MI = await idOf(admin, 'sites', 'MI');
    ids.DEIB = await idOf(admin, 'departments', 'DEIB');
    ids.DMEC = await idOf(admin, 'departments', 'DMEC');
    ids.AMM = await idOf(admin, 'departments', 'AMM');
    ids.B01 = await idOf(admin, 'buildings', 'MI-B01');
    ids.B03 = await idOf(admin, 'buildings', 'MI-B03');
    ids.ELE = await idOf(admin, 'technology-classes', 'ELE');
    ids.TER = await idOf(admin, 'technology-classes', 'TER');
    ids.VER = await idOf(admin, 'technology-classes', 'VER');
    ids.bmDeib = await idOf(admin, 'users', 'bm.deib', 'username');
    ids.bmCentrale = await idOf(admin, 'users', 'bm.centrale', 'username');
    ids.callcenter = await idOf(admin, 'users', 'callcenter', 'username');
    ids.elettrica = await idOf(admin, 'contractors', 'Elettrosistemi Lombardi S.p.A.', 'name');
  });

  describe('sites', () => {
    it('creates, reads, lists, patches with version and answers a stale version with 409 and the current object', async () => {
      const created = await admin.post('/api/sites', { code: 'LC', name: 'Campus di Lecco', city: 'Lecco', patronSaint: '12-06' });
      expect(created.statusCode).toBe(201);
      const site = created.json();
      expect(site).toMatchObject({ code: 'LC', name: 'Campus di Lecco', city: 'Lecco', patronSaint: '12-06', active: true, version: 1 });
      expect(site.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(site.createdAt).toBe('2026-03-10T09:00:00.000Z');

      expect((await admin.get(`/api/sites/${site.id}`)).json()).toEqual(site);
      expect((await admin.get('/api/sites?q=lEcCo')).json().items.map((s: Obj) => s.code)).toEqual(['LC']);

      const patched = await admin.patch(`/api/sites/${site.id}`, { name: 'Polo di Lecco', patronSaint: null, version: 1 });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ name: 'Polo di Lecco', patronSaint: null, city: 'Lecco', version: 2 });

      const stale = await admin.patch(`/api/sites/${site.id}`, { name: 'Lecco', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: site.id, name: 'Polo di Lecco', version: 2 } });
      expect((await admin.get(`/api/sites/${site.id}`)).json().name).toBe('Polo di Lecco');
    });

    it('refuses a duplicate code with 409 DUPLICATE naming the field', async () => {
      const res = await admin.post('/api/sites', { code: 'MI', name: 'Altro', city: 'Milano' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'code', code: 'unique' }] });
      expect(res.json().detail).toContain('«MI»');
    });

    it("checks the patron saint is a real MM-DD day, in the user's language", async () => {
      for (const bad of ['02-30', '13-01', '7-12', '12/07', '00-10']) {
        const res = await admin.post('/api/sites', { code: `X${bad}`, name: 'X', city: 'X', patronSaint: bad });
        expect(res.statusCode, bad).toBe(400);
        expect(res.json()).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'patronSaint', code: 'mmdd', message: 'Data nel formato MM-GG (es. 12-07).' }],
        });
      }
      expect((await admin.post('/api/sites', { code: 'LEAP', name: 'X', city: 'X', patronSaint: '02-29' })).statusCode).toBe(201);
    });

    it('rejects unknown fields, blank required text and a missing version', async () => {
      const unknown = await admin.post('/api/sites', { code: 'U1', name: 'U', city: 'U', region: 'Lombardia' });
      expect(unknown.statusCode).toBe(400);
      expect(fieldErrors(unknown)).toEqual(['region:unknownField']);
      const blank = await admin.post('/api/sites', { code: 'U2', name: '   ', city: 'U' });
      expect(fieldErrors(blank)).toEqual(['name:required']);
      const noVersion = await admin.patch(`/api/sites/${ids.MI}`, { name: 'X' });
      expect(noVersion.statusCode).toBe(400);
      expect(fieldErrors(noVersion)).toEqual(['version:required']);
      const id = (await admin.get(`/api/sites/${ids.MI}`)).json();
      const unknownPatch = await admin.patch(`/api/sites/${ids.MI}`, { version: id.version, createdAt: 'x' });
      expect(fieldErrors(unknownPatch)).toEqual(['createdAt:unknownField']);
    });

    it('deactivates and reactivates through PATCH active; lists active by default, false or all on request', async () => {
      const site = (await admin.post('/api/sites', { code: 'OFF', name: 'Sede dismessa', city: 'Milano' })).json();
      const off = await admin.patch(`/api/sites/${site.id}`, { active: false, version: site.version });
      expect(off.json()).toMatchObject({ active: false, version: 2 });
      const codes = async (q: string) => (await admin.get(`/api/sites?limit=200${q}`)).json().items.map((s: Obj) => s.code);
      expect(await codes('')).not.toContain('OFF');
      expect(await codes('&active=false')).toEqual(['OFF']);
      expect(await codes('&active=all')).toEqual(expect.arrayContaining(['OFF', 'MI', 'CO']));
      expect((await admin.get(`/api/sites/${site.id}`)).statusCode).toBe(200);
      const on = await admin.patch(`/api/sites/${site.id}`, { active: true, version: 2 });
      expect(on.json()).toMatchObject({ active: true, version: 3 });
      expect(await codes('')).toContain('OFF');
    });

    it('has no DELETE route and answers unknown ids with 404', async () => {
      expect((await admin.delete(`/api/sites/${ids.MI}`)).statusCode).toBe(404);
      const missing = await admin.get('/api/sites/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('NOT_FOUND');
      const patchMissing = await admin.patch('/api/sites/00000000-0000-4000-8000-000000000000', { name: 'x', version: 1 });
      expect(patchMissing.statusCode).toBe(404);
    });
  });

  describe('departments', () => {
    it('creates, patches, refuses duplicates', async () => {
      const d = await admin.post('/api/departments', { code: 'DFIS', name: 'Dipartimento di Fisica', costCentre: 'CDC-2600' });
      expect(d.statusCode).toBe(201);
      expect(d.json()).toMatchObject({ code: 'DFIS', costCentre: 'CDC-2600' });
      const p = await admin.patch(`/api/departments/${d.json().id}`, { costCentre: 'CDC-2601', version: 1 });
      expect(p.json()).toMatchObject({ costCentre: 'CDC-2601', version: 2 });
      const dup = await admin.patch(`/api/departments/${d.json().id}`, { code: 'DEIB', version: 2 });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'code' }] });
      expect(fieldErrors(await admin.post('/api/departments', { code: 'X', name: 'X' }))).toEqual(['costCentre:required']);
    });
  });

  describe('buildings', () => {
    const body = () => ({
      siteId: ids.MI,
      code: 'MI-B50',
      name: 'Nuovo edificio',
      address: 'Via Roma 1, Milano',
      competence: 'department',
      competenceDepartmentId: ids.DEIB,
      managerIds: [ids.bmDeib],
      occupancies: [
        { departmentId: ids.DEIB, sharePercent: 33.33 },
        { departmentId: ids.DMEC, sharePercent: 33.33 },
        { departmentId: ids.AMM, sharePercent: 33.34 },
      ],
    });

    it('creates a building with managers and occupancies in one go, shares exact to the hundredth', async () => {
      const res = await admin.post('/api/buildings', body());
      expect(res.statusCode).toBe(201);
      const b = res.json();
      expect(b).toMatchObject({ code: 'MI-B50', competence: 'department', competenceDepartmentId: ids.DEIB, managerIds: [ids.bmDeib] });
      expect(b.occupancies).toHaveLength(3);
      expect(b.occupancies).toEqual(
        expect.arrayContaining([
          { departmentId: ids.AMM, sharePercent: 33.34 },
          { departmentId: ids.DEIB, sharePercent: 33.33 },
        ]),
      );
      const rows = await env.db.selectFrom('building_occupancies').select(['share_bp']).where('building_id', '=', b.id).execute();
      expect(rows.map((r) => Number(r.share_bp)).sort()).toEqual([3333, 3333, 3334]);
      expect((await admin.get(`/api/buildings?siteId=${ids.MI}&q=b50`)).json().items).toHaveLength(1);
      expect((await admin.get(`/api/buildings?siteId=${await idOf(admin, 'sites', 'CO')}&q=b50`)).json().items).toHaveLength(0);

      // PATCH replaces managers and occupancies; central competence drops the department.
      const p = await admin.patch(`/api/buildings/${b.id}`, {
        version: 1,
        competence: 'central',
        managerIds: [ids.bmCentrale, ids.bmDeib, ids.bmCentrale],
        occupancies: [{ departmentId: ids.AMM, sharePercent: 100 }],
      });
      expect(p.statusCode).toBe(200);
      expect(p.json()).toMatchObject({
        competence: 'central',
        competenceDepartmentId: null,
        occupancies: [{ departmentId: ids.AMM, sharePercent: 100 }],
        version: 2,
      });
      expect([...p.json().managerIds].sort()).toEqual([ids.bmCentrale, ids.bmDeib].sort());
    });

    it('checks shares, competence and managers, naming each field', async () => {
      const shares = await admin.post('/api/buildings', {
        ...body(),
        code: 'MI-B51',
        occupancies: [
          { departmentId: ids.DEIB, sharePercent: 50 },
          { departmentId: ids.DMEC, sharePercent: 40 },
        ],
      });
      expect(shares.statusCode).toBe(400);
      expect(shares.json().errors).toEqual([
        { field: 'occupancies', code: 'sharesTotal', message: 'Le quote devono sommare 100% (ora 90%).' },
      ]);
      const over = await admin.post('/api/buildings', {
        ...body(),
        code: 'MI-B51',
        occupancies: [
          { departmentId: ids.DEIB, sharePercent: 66.67 },
          { departmentId: ids.DMEC, sharePercent: 33.34 },
        ],
      });
      expect(fieldErrors(over)).toEqual(['occupancies:sharesTotal']);
      const dupDept = await admin.post('/api/buildings', {
        ...body(),
        code: 'MI-B51',
        occupancies: [
          { departmentId: ids.DEIB, sharePercent: 50 },
          { departmentId: ids.DEIB, sharePercent: 50 },
        ],
      });
      expect(fieldErrors(dupDept)).toEqual(['occupancies.1.departmentId:unique']);
      const noDept = await admin.post('/api/buildings', { ...body(), code: 'MI-B51', competenceDepartmentId: null });
      expect(fieldErrors(noDept)).toEqual(['competenceDepartmentId:departmentRequired']);
      const badCompetence = await admin.post('/api/buildings', { ...body(), code: 'MI-B51', competence: 'regional' });
      expect(badCompetence.statusCode).toBe(400);
      expect(fieldErrors(badCompetence)[0]).toMatch(/^competence:/);

      const notManager = await admin.post('/api/buildings', {
        ...body(),
        code: 'MI-B51',
        managerIds: [ids.bmDeib, ids.callcenter, '00000000-0000-4000-8000-000000000000'],
      });
      expect(notManager.statusCode).toBe(422);
      expect(notManager.json().code).toBe('INVALID_REFERENCE');
      expect(fieldErrors(notManager)).toEqual(['managerIds.1:notManager', 'managerIds.2:notFound']);
      const badSite = await admin.post('/api/buildings', { ...body(), code: 'MI-B51', siteId: '00000000-0000-4000-8000-000000000000' });
      expect(fieldErrors(badSite)).toEqual(['siteId:notFound']);
      // Nothing of the refused buildings was written.
      expect((await admin.get('/api/buildings?q=MI-B51&active=all')).json().items).toHaveLength(0);
    });

    it('writes the building and its links in one transaction (a link failure leaves no building)', async () => {
      // Two managers listed twice are deduplicated; a duplicate code after the links were prepared rolls all back.
      const first = await admin.post('/api/buildings', { ...body(), code: 'MI-B52' });
      expect(first.statusCode).toBe(201);
      const dup = await admin.post('/api/buildings', { ...body(), code: 'MI-B52', name: 'Altro' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'code' }] });
      const count = await env.db.selectFrom('building_managers').select('user_id').where('building_id', '=', first.json().id).execute();
      expect(count).toHaveLength(1);
    });
  });

  describe('floors and spaces', () => {
    let floorId: string;

    it('creates a floor; its code is unique within the building only; a floor stays in its building', async () => {
      const f = await admin.post('/api/floors', { buildingId: ids.B03, code: 'P9', name: 'Nono piano', level: 9 });
      expect(f.statusCode).toBe(201);
      floorId = f.json().id;
      expect(f.json()).toMatchObject({ buildingId: ids.B03, code: 'P9', level: 9 });
      const dup = await admin.post('/api/floors', { buildingId: ids.B03, code: 'P9', name: 'Altro', level: 9 });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'code' }] });
      expect((await admin.post('/api/floors', { buildingId: ids.B01, code: 'P9', name: 'Nono piano', level: 9 })).statusCode).toBe(201);
      const move = await admin.patch(`/api/floors/${floorId}`, { buildingId: ids.B01, version: 1 });
      expect(fieldErrors(move)).toEqual(['buildingId:unknownField']);
      const level = await admin.post('/api/floors', { buildingId: ids.B03, code: 'PX', name: 'X', level: 1.5 });
      expect(fieldErrors(level)).toEqual(['level:type']);
      const missing = await admin.post('/api/floors', {
        buildingId: '00000000-0000-4000-8000-000000000000',
        code: 'PX',
        name: 'X',
        level: 1,
      });
      expect(missing.statusCode).toBe(422);
      expect(fieldErrors(missing)).toEqual(['buildingId:notFound']);
      expect((await admin.get(`/api/floors?buildingId=${ids.B03}&limit=200`)).json().items.map((x: Obj) => x.code)).toEqual([
        'P0',
        'P1',
        'P2',
        'P9',
        'S1',
      ]);
    });

    it("stores a space's area as cm² and checks its floor belongs to its building", async () => {
      const s = await admin.post('/api/spaces', {
        buildingId: ids.B03,
        floorId,
        code: 'P9.01',
        name: 'Terrazza',
        use: 'Terrazza',
        areaM2: 12.34,
      });
      expect(s.statusCode).toBe(201);
      expect(s.json()).toMatchObject({ areaM2: 12.34, floorId, buildingId: ids.B03 });
      const row = await env.db.selectFrom('spaces').select('area_cm2').where('id', '=', s.json().id).executeTakeFirstOrThrow();
      expect(Number(row.area_cm2)).toBe(123400);
      const p = await admin.patch(`/api/spaces/${s.json().id}`, { areaM2: null, version: 1 });
      expect(p.json()).toMatchObject({ areaM2: null, version: 2 });

      const otherFloor = (await admin.get(`/api/floors?buildingId=${ids.B01}&limit=1`)).json().items[0].id;
      const wrong = await admin.post('/api/spaces', { buildingId: ids.B03, floorId: otherFloor, code: 'P9.02', name: 'X' });
      expect(wrong.statusCode).toBe(422);
      expect(fieldErrors(wrong)).toEqual(['floorId:floorBuilding']);
      const negative = await admin.post('/api/spaces', { buildingId: ids.B03, floorId, code: 'P9.02', name: 'X', areaM2: -1 });
      expect(fieldErrors(negative)).toEqual(['areaM2:minimum']);
      expect((await admin.get(`/api/spaces?floorId=${floorId}`)).json().items.map((x: Obj) => x.code)).toEqual(['P9.01']);
    });

    it('pages through a long list without gaps or repeats (keyset cursor), and refuses a forged cursor', async () => {
      const all = (await admin.get('/api/spaces?limit=200')).json().items as Obj[];
      expect(all.length).toBeGreaterThan(100);
      const paged = await listAll(admin, '/api/spaces?limit=7');
      expect(paged.map((x) => x.id)).toEqual(all.map((x) => x.id));
      expect(new Set(paged.map((x) => x.id)).size).toBe(paged.length);
      const last = await admin.get(`/api/spaces?limit=${all.length}`);
      expect(last.json().nextCursor).toBeNull();
      const bad = await admin.get('/api/spaces?cursor=not-a-cursor');
      expect(bad.statusCode).toBe(400);
      expect(fieldErrors(bad)).toEqual(['cursor:pattern']);
      expect((await admin.get('/api/spaces?limit=0')).statusCode).toBe(400);
      expect((await admin.get('/api/spaces?limit=201')).statusCode).toBe(400);
    });

    it('searches code and name case-insensitively, treating % and _ literally', async () => {
      const hits = (await admin.get('/api/spaces?q=AULA%20MAGNA&limit=200')).json().items.map((x: Obj) => x.name);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((n: string) => n.toLowerCase().includes('aula magna'))).toBe(true);
      expect((await admin.get('/api/spaces?q=%25')).json().items).toHaveLength(0);
      expect((await admin.get('/api/spaces?q=_')).json().items).toHaveLength(0);
    });
  });

  describe('technology classes, contractors', () => {
    it('creates a technology class; dm37Letter only a–g', async () => {
      const t = await admin.post('/api/technology-classes', {
        code: 'FOT',
        nameIt: 'Impianti fotovoltaici',
        nameEn: 'Photovoltaic systems',
        dm37Letter: 'a',
      });
      expect(t.statusCode).toBe(201);
      expect(t.json()).toMatchObject({ code: 'FOT', dm37Letter: 'a' });
      const bad = await admin.post('/api/technology-classes', { code: 'FOX', nameIt: 'X', nameEn: 'X', dm37Letter: 'h' });
      expect(bad.statusCode).toBe(400);
      expect(fieldErrors(bad)[0]).toMatch(/^dm37Letter:/);
      expect((await admin.post('/api/technology-classes', { code: 'ELE', nameIt: 'X', nameEn: 'X' })).statusCode).toBe(409);
    });

    it("checks the VAT number's format and check digit, and its uniqueness", async () => {
      const base = { name: 'Impianti Brianza S.r.l.', pec: 'impiantibrianza@pec.it', email: null, phone: '+39 039 123456' };
      const ok = await admin.post('/api/contractors', { ...base, vatNumber: '04376620151' });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ vatNumber: '04376620151', pec: 'impiantibrianza@pec.it', email: null });
      const checksum = await admin.post('/api/contractors', { ...base, vatNumber: '04376620152' });
      expect(checksum.json().errors).toEqual([
        { field: 'vatNumber', code: 'vatChecksum', message: 'Partita IVA non valida: la cifra di controllo non torna.' },
      ]);
      expect(fieldErrors(await admin.post('/api/contractors', { ...base, vatNumber: 'IT0437662015' }))).toEqual(['vatNumber:vatFormat']);
      const dup = await admin.post('/api/contractors', { ...base, vatNumber: '04376620151' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'vatNumber', code: 'unique' }] });
      expect(fieldErrors(await admin.post('/api/contractors', { ...base, vatNumber: '00905811006', pec: 'not-an-address' }))).toEqual([
        'pec:format',
      ]);
      const patched = await admin.patch(`/api/contractors/${ok.json().id}`, { vatNumber: '00905811007', version: 1 });
      expect(fieldErrors(patched)).toEqual(['vatNumber:vatChecksum']);
      expect((await admin.get('/api/contractors?q=brianza')).json().items).toHaveLength(1);
    });
  });

  describe('contracts', () => {
    const body = () => ({
      lot: 'Lotto 9',
      cig: 'B12345678Z',
      title: 'Manutenzione impianti fotovoltaici',
      contractorId: ids.elettrica,
      startsOn: '2027-01-01',
      endsOn: '2028-12-31',
      netAmountCents: 12_345_678_90,
      yearlyFeeCents: 1_500_000_00,
      discountPercent: 12.5,
      technologyClassIds: [ids.ELE],
      buildingIds: [ids.B01, ids.B03],
    });

    it('creates a contract with classes and buildings; money in cents, discount in basis points', async () => {
      const res = await admin.post('/api/contracts', body());
      expect(res.statusCode).toBe(201);
      const c = res.json();
      expect(c).toMatchObject({
        lot: 'Lotto 9',
        cig: 'B12345678Z',
        netAmountCents: 1_234_567_890,
        yearlyFeeCents: 150_000_000,
        discountPercent: 12.5,
        technologyClassIds: [ids.ELE],
      });
      expect([...c.buildingIds].sort()).toEqual([ids.B01, ids.B03].sort());
      const row = await env.db
        .selectFrom('contracts')
        .select(['discount_bp', 'net_amount_cents'])
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(Number(row.discount_bp)).toBe(1250);
      expect(Number(row.net_amount_cents)).toBe(1_234_567_890);
      expect((await admin.get(`/api/contracts?contractorId=${ids.elettrica}`)).json().items.map((x: Obj) => x.lot)).toEqual([
        'Lotto 2',
        'Lotto 9',
      ]);
      const p = await admin.patch(`/api/contracts/${c.id}`, { buildingIds: [ids.B03], technologyClassIds: [ids.ELE, ids.TER], version: 1 });
      expect(p.json()).toMatchObject({ buildingIds: [ids.B03], version: 2 });
      expect([...p.json().technologyClassIds].sort()).toEqual([ids.ELE, ids.TER].sort());
      await admin.patch(`/api/contracts/${c.id}`, { active: false, version: 2 });
    });

    it("checks the CIG, the date order, the discount's decimals, money as whole cents, and references", async () => {
      const bad = await admin.post('/api/contracts', {
        ...body(),
        cig: 'b12345678z',
        startsOn: '2027-01-01',
        endsOn: '2026-12-31',
        discountPercent: 12.345,
      });
      expect(bad.statusCode).toBe(400);
      expect(fieldErrors(bad)).toEqual(['cig:cigFormat', 'discountPercent:number', 'endsOn:dateOrder']);
      expect(fieldErrors(await admin.post('/api/contracts', { ...body(), cig: 'B1234567' }))).toEqual(['cig:cigFormat']);
      expect(fieldErrors(await admin.post('/api/contracts', { ...body(), endsOn: '2027-01-01' }))).toEqual(['endsOn:dateOrder']);
      expect(fieldErrors(await admin.post('/api/contracts', { ...body(), netAmountCents: 10.5 }))).toEqual(['netAmountCents:type']);
      expect(fieldErrors(await admin.post('/api/contracts', { ...body(), startsOn: '2027-02-30' }))).toEqual(['startsOn:format']);
      expect(fieldErrors(await admin.post('/api/contracts', { ...body(), discountPercent: 101 }))).toEqual(['discountPercent:maximum']);
      const refs = await admin.post('/api/contracts', {
        ...body(),
        cig: 'B12345678Y',
        technologyClassIds: [ids.ELE, '00000000-0000-4000-8000-000000000001'],
        buildingIds: ['00000000-0000-4000-8000-000000000002'],
      });
      expect(refs.statusCode).toBe(422);
      expect(fieldErrors(refs)).toEqual(['buildingIds.0:notFound', 'technologyClassIds.1:notFound']);
      const dup = await admin.post('/api/contracts', { ...body(), cig: '9A41C027E1' });
      expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'cig' }] });
    });
  });

  describe('assets', () => {
    it('creates an asset; its space must be in its building; codes are unique', async () => {
      const spaceB03 = (await admin.get(`/api/spaces?buildingId=${ids.B03}&limit=1`)).json().items[0].id;
      const spaceB01 = (await admin.get(`/api/spaces?buildingId=${ids.B01}&limit=1`)).json().items[0].id;
      const a = await admin.post('/api/assets', {
        code: 'MI-B03-UPS-01',
        name: 'UPS sala server',
        technologyClassId: ids.ELE,
        buildingId: ids.B03,
        spaceId: spaceB03,
        serialNumber: 'UPS-1',
      });
      expect(a.statusCode).toBe(201);
      expect(a.json()).toMatchObject({ code: 'MI-B03-UPS-01', spaceId: spaceB03, serialNumber: 'UPS-1' });
      const wrong = await admin.post('/api/assets', {
        code: 'MI-B03-UPS-02',
        name: 'UPS',
        technologyClassId: ids.ELE,
        buildingId: ids.B03,
        spaceId: spaceB01,
      });
      expect(wrong.statusCode).toBe(422);
      expect(fieldErrors(wrong)).toEqual(['spaceId:spaceBuilding']);
      const dup = await admin.post('/api/assets', { code: 'MI-B03-UPS-01', name: 'UPS', technologyClassId: ids.ELE, buildingId: ids.B03 });
      expect(dup.statusCode).toBe(409);
      const cls = await admin.post('/api/assets', {
        code: 'MI-B03-UPS-03',
        name: 'UPS',
        technologyClassId: '00000000-0000-4000-8000-000000000000',
        buildingId: ids.B03,
      });
      expect(fieldErrors(cls)).toEqual(['technologyClassId:notFound']);
      // Moving it to another building needs a space there (or none).
      const moved = await admin.patch(`/api/assets/${a.json().id}`, { buildingId: ids.B01, version: 1 });
      expect(fieldErrors(moved)).toEqual(['spaceId:spaceBuilding']);
      const ok = await admin.patch(`/api/assets/${a.json().id}`, { buildingId: ids.B01, spaceId: null, version: 1 });
      expect(ok.json()).toMatchObject({ buildingId: ids.B01, spaceId: null, version: 2 });
      expect((await admin.get(`/api/assets?buildingId=${ids.B01}&q=ups`)).json().items).toHaveLength(1);
    });
  });

  describe('users', () => {
    it('creates a user with a hashed password that logs in; never returns the hash', async () => {
      const res = await admin.post('/api/users', {
        username: 'mario.rossi',
        displayName: 'Mario Rossi',
        email: 'mario.rossi@uniesempio.example',
        language: 'en',
        roles: ['building_manager', 'requester'],
        departmentId: ids.DEIB,
        password: 'una-password-lunga',
      });
      expect(res.statusCode).toBe(201);
      const u = res.json();
      expect(u).toMatchObject({
        username: 'mario.rossi',
        language: 'en',
        roles: ['building_manager', 'requester'],
        departmentId: ids.DEIB,
        contractorId: null,
        phone: null,
      });
      expect(res.body).not.toMatch(/password|scrypt/i);
      const row = await env.db.selectFrom('users').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(await env.login('mario.rossi', 'una-password-lunga')).toBeTruthy();
      const list = await admin.get('/api/users?limit=200');
      expect(list.body).not.toMatch(/password|scrypt/i);
      expect((await admin.get('/api/users?role=building_manager&limit=200')).json().items.map((x: Obj) => x.username)).toEqual([
        'bm.centrale',
        'bm.como',
        'bm.deib',
        'bm.dmec',
        'mario.rossi',
      ]);

      const pw = await admin.patch(`/api/users/${u.id}`, { password: 'un-altra-password', version: 1 });
      expect(pw.statusCode).toBe(200);
      await expect(env.login('mario.rossi', 'una-password-lunga')).rejects.toThrow(/401/);
      expect(await env.login('mario.rossi', 'un-altra-password')).toBeTruthy();
    });

    it("checks password length, contractor link, references and username uniqueness (messages in the user's language)", async () => {
      const short = await admin.post('/api/users', { username: 'x1', displayName: 'X', roles: ['requester'], password: 'corta' });
      expect(short.json().errors).toEqual([
        { field: 'password', code: 'passwordLength', message: 'La password deve avere almeno 10 caratteri.' },
      ]);
      const en = await env.login('mario.rossi', 'un-altra-password');
      expect((await en.get('/api/users')).statusCode).toBe(403); // building managers do not read users
      const noContractor = await admin.post('/api/users', {
        username: 'x2',
        displayName: 'X',
        roles: ['contractor'],
        password: 'abbastanza-lunga',
      });
      expect(fieldErrors(noContractor)).toEqual(['contractorId:contractorRequired']);
      const missing = await admin.post('/api/users', {
        username: 'x3',
        displayName: 'X',
        roles: ['contractor'],
        contractorId: '00000000-0000-4000-8000-000000000000',
        password: 'abbastanza-lunga',
      });
      expect(missing.statusCode).toBe(422);
      expect(fieldErrors(missing)).toEqual(['contractorId:notFound']);
      const dup = await admin.post('/api/users', {
        username: 'admin',
        displayName: 'X',
        roles: ['requester'],
        password: 'abbastanza-lunga',
      });
      expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'username' }] });
      expect(
        fieldErrors(
          await admin.post('/api/users', { username: 'x4', displayName: 'X', roles: ['superuser'], password: 'abbastanza-lunga' }),
        )[0],
      ).toMatch(/^roles\.0:/);
      const noPassword = await admin.post('/api/users', { username: 'x5', displayName: 'X', roles: ['requester'] });
      expect(fieldErrors(noPassword)).toEqual(['password:required']);
    });

    it('refuses to deactivate or demote the last active administrator', async () => {
      const me = await idOf(admin, 'users', 'admin', 'username');
      const current = (await admin.get(`/api/users/${me}`)).json();
      const off = await admin.patch(`/api/users/${me}`, { active: false, version: current.version });
      expect(off.statusCode).toBe(400);
      expect(off.json().errors).toEqual([{ field: 'active', code: 'lastAdmin', message: 'Deve restare almeno un amministratore attivo.' }]);
      const demote = await admin.patch(`/api/users/${me}`, { roles: ['requester'], version: current.version });
      expect(fieldErrors(demote)).toEqual(['roles:lastAdmin']);

      // With a second administrator the first may go; then the second is the last one.
      const second = (
        await admin.post('/api/users', {
          username: 'admin2',
          displayName: 'Seconda Admin',
          roles: ['admin'],
          language: 'en',
          password: 'seconda-password',
        })
      ).json();
      const admin2 = await env.login('admin2', 'seconda-password');
      const demoted = await admin2.patch(`/api/users/${me}`, { roles: ['admin', 'requester'], version: current.version });
      expect(demoted.statusCode).toBe(200);
      const first = await admin2.patch(`/api/users/${me}`, { active: false, version: demoted.json().version });
      expect(first.statusCode).toBe(200);
      const last = await admin2.patch(`/api/users/${second.id}`, { active: false, version: second.version });
      expect(last.json().errors).toEqual([
        { field: 'active', code: 'lastAdmin', message: 'At least one active administrator must remain.' },
      ]);
      // Restore the demo admin for the other tests.
      expect((await admin2.patch(`/api/users/${me}`, { active: true, roles: ['admin'], version: first.json().version })).statusCode).toBe(
        200,
      );
      admin = await env.login('admin');
    });
  });

  describe('contract resolver', () => {
    it('resolves the one active contract covering building, class and date', async () => {
      const res = await admin.get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.ELE}&date=2026-03-10`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ lot: 'Lotto 2', cig: '9A41C1F3B2' });
    });

    it('names the gap: a class no lot covers, a date outside every period, a building without contracts', async () => {
      const noClass = await admin.get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.VER}&date=2026-03-10`);
      expect(noClass.statusCode).toBe(422);
      expect(noClass.json()).toMatchObject({
        code: 'CONTRACT_NOT_FOUND',
        detail: "Nessun contratto attivo copre l'edificio MI-B03 per la classe VER alla data 10/03/2026.",
      });
      const late = await admin.get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.ELE}&date=2029-01-01`);
      expect(late.json().code).toBe('CONTRACT_NOT_FOUND');
      const b = (
        await admin.post('/api/buildings', {
          siteId: ids.MI,
          code: 'MI-B60',
          name: 'Senza contratti',
          address: 'Via X 1',
          competence: 'central',
        })
      ).json();
      const none = await admin.get(`/api/contracts/resolve?buildingId=${b.id}&technologyClassId=${ids.ELE}&date=2026-03-10`);
      expect(none.json()).toMatchObject({ code: 'CONTRACT_NOT_FOUND' });
      expect(none.json().detail).toContain('MI-B60');
    });

    it('names the overlap: two active contracts for the same building, class and day', async () => {
      const overlap = await admin.post('/api/contracts', {
        lot: 'Lotto 2-bis',
        cig: 'C000000001',
        title: 'Ponte impianti elettrici',
        contractorId: ids.elettrica,
        startsOn: '2026-01-01',
        endsOn: '2026-06-30',
        netAmountCents: 100_000_00,
        yearlyFeeCents: 0,
        discountPercent: 10,
        technologyClassIds: [ids.ELE],
        buildingIds: [ids.B03],
      });
      expect(overlap.statusCode).toBe(201);
      const res = await admin.get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.ELE}&date=2026-03-10`, {
        'accept-language': 'en',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('CONTRACT_AMBIGUOUS');
      expect(res.json().detail).toContain('Lotto 2 (CIG 9A41C1F3B2), Lotto 2-bis (CIG C000000001)');
      expect(res.json().detail).not.toContain(overlap.json().id);
      // Outside the overlap, and once the bridge contract is deactivated, Lotto 2 applies again.
      expect(
        (await admin.get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.ELE}&date=2026-07-01`)).json().lot,
      ).toBe('Lotto 2');
      await admin.patch(`/api/contracts/${overlap.json().id}`, { active: false, version: 1 });
      expect(
        (await admin.get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.ELE}&date=2026-03-10`)).json().lot,
      ).toBe('Lotto 2');
    });

    it('is callable by other modules as a service, unscoped for the system or scoped for a principal, inside their transaction', async () => {
      const ctx = { db: env.db, config: env.config, now: () => env.clock.now };
      const input = { buildingId: ids.B03, technologyClassId: ids.ELE, date: '2026-03-10' };
      expect((await resolveContract(ctx, 'system', input)).lot).toBe('Lotto 2');
      await env.db.transaction().execute(async (trx) => {
        expect((await resolveContract({ ...ctx, db: trx }, 'system', input)).cig).toBe('9A41C1F3B2');
      });
      const bmCentrale: Principal = {
        userId: ids.bmCentrale,
        username: 'bm.centrale',
        displayName: 'x',
        language: 'it',
        roles: new Set(['building_manager']),
        contractorId: null,
        departmentId: null,
        via: 'token',
      };
      await expect(resolveContract(ctx, bmCentrale, input)).rejects.toMatchObject({
        code: 'INVALID_REFERENCE',
        issues: [{ field: 'buildingId', rule: 'notFound' }],
      });
      await expect(resolveContract(ctx, 'system', { ...input, technologyClassId: ids.VER })).rejects.toMatchObject({
        code: 'CONTRACT_NOT_FOUND',
        status: 422,
      });

      // The building scope other modules put on their own rows.
      const scope = buildingIdScope(bmCentrale);
      expect(scope.kind).toBe('rows');
      if (scope.kind === 'rows') {
        const rows = await env.db.selectFrom('floors').select('floors.building_id').where(scope.where('floors.building_id')).execute();
        const codes = await env.db
          .selectFrom('buildings')
          .select('code')
          .where('id', 'in', [...new Set(rows.map((r) => r.building_id))])
          .orderBy('code')
          .execute();
        expect(codes.map((c) => c.code)).toEqual(['MI-B01', 'MI-B02', 'MI-B05', 'MI-B06', 'MI-B07']);
      }
      expect(buildingIdScope('system').kind).toBe('all');
      expect(buildingIdScope({ ...bmCentrale, roles: new Set(['accounting']) }).kind).toBe('all');
    });

    it('validates its parameters and is scoped like contracts', async () => {
      const missing = await admin.get(
        `/api/contracts/resolve?buildingId=00000000-0000-4000-8000-000000000000&technologyClassId=${ids.ELE}&date=2026-03-10`,
      );
      expect(missing.statusCode).toBe(422);
      expect(fieldErrors(missing)).toEqual(['buildingId:notFound']);
      expect(fieldErrors(await admin.get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.ELE}`))).toEqual([
        'date:required',
      ]);
      expect(
        (
          await (
            await env.login('richiedente')
          ).get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.ELE}&date=2026-03-10`)
        ).statusCode,
      ).toBe(403);
      // bm.centrale does not manage MI-B03: it reads as a missing building.
      const bm = await env.login('bm.centrale');
      const out = await bm.get(`/api/contracts/resolve?buildingId=${ids.B03}&technologyClassId=${ids.ELE}&date=2026-03-10`);
      expect(out.statusCode).toBe(422);
      expect(out.body).toBe(missing.body);
      expect((await bm.get(`/api/contracts/resolve?buildingId=${ids.B01}&technologyClassId=${ids.ELE}&date=2026-03-10`)).json().lot).toBe(
        'Lotto 2',
      );
    });
  });

  describe('concurrent writes', () => {
    it('answers racing creates of one code with one 201 and 409 DUPLICATE for the rest (engine constraint as fallback)', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => admin.post('/api/departments', { code: 'RACE', name: `Concorrente ${n}`, costCentre: 'CDC-9999' })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) {
        expect(r.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'code', code: 'unique' }] });
      }
    });

    it('maps a unique violation the pre-check cannot see (PostgreSQL: a concurrent uncommitted insert) to 409 DUPLICATE', async () => {
      // SQLite has one connection: writers never overlap there, so the pre-check always sees the row.
      if (env.dialect !== 'postgres') return;
      let release!: () => void;
      let inserted!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const didInsert = new Promise<void>((r) => {
        inserted = r;
      });
      const other = env.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('departments')
          .values({ id: 'race-holder', code: 'RACE2', name: 'x', cost_centre: 'x', created_at: 'x', updated_at: 'x' })
          .execute();
        inserted();
        await held;
      });
      await didInsert;
      const post = admin.post('/api/departments', { code: 'RACE2', name: 'Tardi', costCentre: 'CDC-1' });
      await new Promise((r) => setTimeout(r, 400)); // the POST passes its check and waits on the unique index
      release();
      await other;
      const res = await post;
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'code', code: 'unique' }] });
      expect(res.json().detail).toContain('RACE2');
    });

    it('reads the columns of a unique-constraint error of either engine', async () => {
      const row = { id: 'dup-probe', code: 'MI', name: 'x', city: 'x', created_at: 'x', updated_at: 'x' };
      const err = await env.db
        .insertInto('sites')
        .values(row)
        .execute()
        .catch((e: unknown) => e);
      expect(uniqueViolationColumns(err)).toEqual(['code']);
      const floor = (await admin.get(`/api/floors?buildingId=${ids.B01}&limit=1`)).json().items[0];
      const err2 = await env.db
        .insertInto('floors')
        .values({ id: 'dup-floor', building_id: ids.B01, code: floor.code, name: 'x', level: 0, created_at: 'x', updated_at: 'x' })
        .execute()
        .catch((e: unknown) => e);
      expect(uniqueViolationColumns(err2)).toEqual(['building_id', 'code']);
      expect(uniqueViolationColumns(new Error('other'))).toBeNull();
    });

    it('lets only one of two writers with the same version win', async () => {
      const d = (await admin.post('/api/departments', { code: 'VER2', name: 'Versioni', costCentre: 'CDC-1' })).json();
      const [a, b] = await Promise.all([
        admin.patch(`/api/departments/${d.id}`, { name: 'A', version: 1 }),
        admin.patch(`/api/departments/${d.id}`, { name: 'B', version: 1 }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      const winner = a.statusCode === 200 ? a : b;
      expect(loser.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { name: winner.json().name, version: 2 } });
    });
  });

  describe('OpenAPI', () => {
    it('documents every registry collection with its tag', async () => {
      const spec = (await env.anonymous().get('/api/openapi.json')).json();
      for (const p of [
        'sites',
        'departments',
        'buildings',
        'floors',
        'spaces',
        'technology-classes',
        'contractors',
        'contracts',
        'assets',
        'users',
      ]) {
        expect(Object.keys(spec.paths[`/api/${p}`]).sort(), p).toEqual(['get', 'post']);
        expect(Object.keys(spec.paths[`/api/${p}/{id}`]).sort(), p).toEqual(['get', 'patch']);
        expect(spec.paths[`/api/${p}`].get.tags).toEqual([p]);
      }
      expect(spec.paths['/api/contracts/resolve'].get).toBeTruthy();
    });
  });
});

// Who sees and changes what in the registry (docs/API.md "Who may do what"), as a table: for each
// role, each object in and out of its scope, the list reads, the single reads and the writes. An
// out-of-scope object must answer exactly like a missing one and never appear in a list.
// The items of tickets (two contractors on one ticket), work orders, penalties and contract money,
// for every GET by id of the spec: test/scope-siblings.int.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const USERS = [
  'admin',
  'richiedente',
  'callcenter',
  'bm.centrale',
  'bm.deib',
  'capo.servizio',
  'contabilita',
  'ditta.elettrica',
  'ditta.ascensori',
  // #9: a technician of Elettrosistemi (contractor role + technician flag) sees what its contractor sees.
  'tecnico.elettrica',
] as const;
type User = (typeof USERS)[number];

const MISSING_ID = '00000000-0000-4000-8000-00000000dead';

/**
 * The objects of the matrix, by name → [collection, how to find it]. Demo data plus fixtures made
 * in beforeAll:
 *   ZZ-FREE  a building nobody manages and only the new contractor's contract covers
 *   ZZ-ELE   a building bm.deib manages, covered only by a new Elettrosistemi contract (Lotto 2-ter)
 *   ZZ-OFF   an inactive building bm.centrale manages, covered by no contract
 *   site OFF an inactive site; contractor "Nuova Ditta" with contract Lotto 10 (covering ZZ-FREE)
 */
const OBJECTS = {
  siteMI: 'sites',
  siteOFF: 'sites',
  deptDEIB: 'departments',
  bB01: 'buildings',
  bB03: 'buildings',
  bFREE: 'buildings',
  bELE: 'buildings',
  bOFF: 'buildings',
  fB01: 'floors',
  fB03: 'floors',
  fFREE: 'floors',
  fOFF: 'floors',
  sB01: 'spaces',
  sB03: 'spaces',
  sFREE: 'spaces',
  aB01: 'assets',
  aB03: 'assets',
  aFREE: 'assets',
  tcELE: 'technology-classes',
  kElettrica: 'contractors',
  kAscensori: 'contractors',
  kNew: 'contractors',
  cLotto2: 'contracts',
  cLotto5: 'contracts',
  cELE: 'contracts',
  cNew: 'contracts',
  uAdmin: 'users',
} as const;
type ObjName = keyof typeof OBJECTS;
const COLLECTIONS = [...new Set(Object.values(OBJECTS))];

const ALL = Object.keys(OBJECTS) as ObjName[];
const NOT_USERS = ALL.filter((o) => o !== 'uAdmin');

/** What each user reads: the objects it sees; every other object of a readable collection is out of scope. */
const SEES: Record<User, ObjName[]> = {
  admin: ALL,
  callcenter: NOT_USERS,
  'capo.servizio': NOT_USERS,
  contabilita: NOT_USERS,
  'bm.centrale': [
    'siteMI',
    'siteOFF',
    'deptDEIB',
    'tcELE',
    'bB01',
    'bOFF',
    'fB01',
    'fOFF',
    'sB01',
    'aB01',
    'kElettrica',
    'kAscensori',
    'cLotto2',
    'cLotto5',
  ],
  'bm.deib': [
    'siteMI',
    'siteOFF',
    'deptDEIB',
    'tcELE',
    'bB03',
    'bELE',
    'fB03',
    'sB03',
    'aB03',
    'kElettrica',
    'kAscensori',
    'cLotto2',
    'cLotto5',
    'cELE',
  ],
  'ditta.elettrica': [
    'siteMI',
    'siteOFF',
    'tcELE',
    'bB01',
    'bB03',
    'bELE',
    'fB01',
    'fB03',
    'sB01',
    'sB03',
    'aB01',
    'aB03',
    'kElettrica',
    'cLotto2',
    'cELE',
  ],
  'tecnico.elettrica': [
    'siteMI',
    'siteOFF',
    'tcELE',
    'bB01',
    'bB03',
    'bELE',
    'fB01',
    'fB03',
    'sB01',
    'sB03',
    'aB01',
    'aB03',
    'kElettrica',
    'cLotto2',
    'cELE',
  ],
  'ditta.ascensori': [
    'siteMI',
    'siteOFF',
    'tcELE',
    'bB01',
    'bB03',
    'fB01',
    'fB03',
    'sB01',
    'sB03',
    'aB01',
    'aB03',
    'kAscensori',
    'cLotto5',
  ],
  richiedente: ['siteMI', 'tcELE', 'bB01', 'bB03', 'bFREE', 'bELE', 'fB01', 'fB03', 'fFREE', 'sB01', 'sB03', 'sFREE'],
};

/** Collections the user may not read at all (403). */
const FORBIDDEN: Record<User, string[]> = {
  admin: [],
  callcenter: ['users'],
  'capo.servizio': ['users'],
  contabilita: ['users'],
  'bm.centrale': ['users'],
  'bm.deib': ['users'],
  'ditta.elettrica': ['departments', 'users'],
  'tecnico.elettrica': ['departments', 'users'],
  'ditta.ascensori': ['departments', 'users'],
  richiedente: ['departments', 'assets', 'contractors', 'contracts', 'users'],
};

/** Writes: PATCH of an existing object, POST of a new one in a building. */
type Outcome = 200 | 201 | 403 | 404;
interface WriteCase {
  name: string;
  kind: 'patch' | 'post';
  collection: string;
  target: ObjName;
  expect: Partial<Record<User, Outcome>>;
  fallback: Outcome;
}
const READ_ONLY: User[] = [
  'richiedente',
  'callcenter',
  'capo.servizio',
  'contabilita',
  'ditta.elettrica',
  'ditta.ascensori',
  'tecnico.elettrica',
];
const forbiddenFor = (users: User[]) => Object.fromEntries(users.map((u) => [u, 403])) as Partial<Record<User, Outcome>>;

const WRITES: WriteCase[] = [
  {
    name: 'PATCH floor of MI-B01',
    kind: 'patch',
    collection: 'floors',
    target: 'fB01',
    expect: { admin: 200, 'bm.centrale': 200, 'bm.deib': 404 },
    fallback: 403,
  },
  {
    name: 'PATCH floor of MI-B03',
    kind: 'patch',
    collection: 'floors',
    target: 'fB03',
    expect: { admin: 200, 'bm.centrale': 404, 'bm.deib': 200 },
    fallback: 403,
  },
  {
    name: 'PATCH space of MI-B03',
    kind: 'patch',
    collection: 'spaces',
    target: 'sB03',
    expect: { admin: 200, 'bm.centrale': 404, 'bm.deib': 200 },
    fallback: 403,
  },
  {
    name: 'PATCH space of ZZ-FREE',
    kind: 'patch',
    collection: 'spaces',
    target: 'sFREE',
    expect: { admin: 200, 'bm.centrale': 404, 'bm.deib': 404 },
    fallback: 403,
  },
  {
    name: 'PATCH asset of MI-B01',
    kind: 'patch',
    collection: 'assets',
    target: 'aB01',
    expect: { admin: 200, 'bm.centrale': 200, 'bm.deib': 404 },
    fallback: 403,
  },
  { name: 'PATCH building MI-B01', kind: 'patch', collection: 'buildings', target: 'bB01', expect: { admin: 200 }, fallback: 403 },
  { name: 'PATCH building MI-B03', kind: 'patch', collection: 'buildings', target: 'bB03', expect: { admin: 200 }, fallback: 403 },
  {
    name: 'POST floor in MI-B01',
    kind: 'post',
    collection: 'floors',
    target: 'bB01',
    expect: { admin: 201, 'bm.centrale': 201, 'bm.deib': 404 },
    fallback: 403,
  },
  {
    name: 'POST floor in MI-B03',
    kind: 'post',
    collection: 'floors',
    target: 'bB03',
    expect: { admin: 201, 'bm.centrale': 404, 'bm.deib': 201 },
    fallback: 403,
  },
  {
    name: 'POST space in MI-B03',
    kind: 'post',
    collection: 'spaces',
    target: 'bB03',
    expect: { admin: 201, 'bm.centrale': 404, 'bm.deib': 201 },
    fallback: 403,
  },
  {
    name: 'POST asset in MI-B01',
    kind: 'post',
    collection: 'assets',
    target: 'bB01',
    expect: { admin: 201, 'bm.centrale': 201, 'bm.deib': 404 },
    fallback: 403,
  },
  {
    name: 'POST asset in ZZ-FREE',
    kind: 'post',
    collection: 'assets',
    target: 'bFREE',
    expect: { admin: 201, 'bm.centrale': 404, 'bm.deib': 404 },
    fallback: 403,
  },
  { name: 'POST building', kind: 'post', collection: 'buildings', target: 'bB01', expect: { admin: 201 }, fallback: 403 },
];

describeEachDb('registry scope matrix', (env) => {
  const clients = {} as Record<User, Client>;
  const id = {} as Record<ObjName, string>;
  const extra: Record<string, string> = {};
  let seq = 0;

  async function find(c: Client, collection: string, field: string, value: string): Promise<Obj> {
    const res = await c.get(`/api/${collection}?active=all&limit=200&q=${encodeURIComponent(value)}`);
    const hit = (res.json().items as Obj[]).find((x) => x[field] === value);
    if (!hit) throw new Error(`${collection} ${value} not found`);
    return hit;
  }
  async function created(res: { statusCode: number; body: string; json(): Obj }): Promise<Obj> {
    if (res.statusCode !== 201) throw new Error(`fixture: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  beforeAll(async () => {
    for (const u of USERS) clients[u] = await env.login(u);
    const a = clients.admin;
    const firstOf = async (collection: string, query: string) =>
      (await a.get(`/api/${collection}?${query}&limit=1`)).json().items[0].id as string;

    id.siteMI = (await find(a, 'sites', 'code', 'MI')).id;
    id.deptDEIB = (await find(a, 'departments', 'code', 'DEIB')).id;
    id.bB01 = (await find(a, 'buildings', 'code', 'MI-B01')).id;
    id.bB03 = (await find(a, 'buildings', 'code', 'MI-B03')).id;
    id.fB01 = await firstOf('floors', `buildingId=${id.bB01}`);
    id.fB03 = await firstOf('floors', `buildingId=${id.bB03}`);
    id.sB01 = await firstOf('spaces', `buildingId=${id.bB01}`);
    id.sB03 = await firstOf('spaces', `buildingId=${id.bB03}`);
    id.aB01 = (await find(a, 'assets', 'code', 'MI-B01-QE-01')).id;
    id.aB03 = (await find(a, 'assets', 'code', 'MI-B03-GF-01')).id;
    id.tcELE = (await find(a, 'technology-classes', 'code', 'ELE')).id;
    id.kElettrica = (await find(a, 'contractors', 'name', 'Elettrosistemi Lombardi S.p.A.')).id;
    id.kAscensori = (await find(a, 'contractors', 'name', 'Elevatori Orobici S.p.A.')).id;
    id.cLotto2 = (await find(a, 'contracts', 'lot', 'Lotto 2')).id;
    id.cLotto5 = (await find(a, 'contracts', 'lot', 'Lotto 5')).id;
    id.uAdmin = (await find(a, 'users', 'username', 'admin')).id;
    const bmDeib = (await find(a, 'users', 'username', 'bm.deib')).id;
    const bmCentrale = (await find(a, 'users', 'username', 'bm.centrale')).id;

    const site = await created(await a.post('/api/sites', { code: 'OFF', name: 'Sede dismessa', city: 'Milano' }));
    id.siteOFF = site.id;
    await a.patch(`/api/sites/${site.id}`, { active: false, version: 1 });

    const building = (code: string, managerIds: string[]) =>
      a.post('/api/buildings', { siteId: id.siteMI, code, name: code, address: 'Via Prova 1', competence: 'central', managerIds });
    id.bFREE = (await created(await building('ZZ-FREE', []))).id;
    id.bELE = (await created(await building('ZZ-ELE', [bmDeib]))).id;
    const off = await created(await building('ZZ-OFF', [bmCentrale]));
    id.bOFF = off.id;
    id.fFREE = (await created(await a.post('/api/floors', { buildingId: id.bFREE, code: 'P0', name: 'Terra', level: 0 }))).id;
    id.fOFF = (await created(await a.post('/api/floors', { buildingId: id.bOFF, code: 'P0', name: 'Terra', level: 0 }))).id;
    await a.patch(`/api/buildings/${off.id}`, { active: false, version: 1 });
    id.sFREE = (await created(await a.post('/api/spaces', { buildingId: id.bFREE, floorId: id.fFREE, code: 'P0.01', name: 'Atrio' }))).id;
    id.aFREE = (
      await created(await a.post('/api/assets', { code: 'ZZ-FREE-QE', name: 'Quadro', technologyClassId: id.tcELE, buildingId: id.bFREE }))
    ).id;
    id.kNew = (
      await created(await a.post('/api/contractors', { name: 'Nuova Ditta S.r.l.', vatNumber: '01114601006', pec: 'nuovaditta@pec.it' }))
    ).id;
    const contract = (lot: string, cig: string, contractorId: string, buildingIds: string[]) =>
      a.post('/api/contracts', {
        lot,
        cig,
        title: lot,
        contractorId,
        startsOn: '2029-01-01',
        endsOn: '2030-12-31',
        netAmountCents: 100,
        yearlyFeeCents: 0,
        discountPercent: 0,
        technologyClassIds: [id.tcELE],
        buildingIds,
      });
    id.cELE = (await created(await contract('Lotto 2-ter', 'E000000001', id.kElettrica, [id.bELE]))).id;
    id.cNew = (await created(await contract('Lotto 10', 'N000000001', id.kNew, [id.bFREE]))).id;
    extra.techId = id.tcELE;
  });

  /** The body of a harmless change or a new object. */
  function writeBody(w: WriteCase, current?: Obj): Obj {
    seq += 1;
    if (w.kind === 'patch') return { name: `${current!.name.split(' #')[0]} #${seq}`, version: current!.version };
    const building = id[w.target];
    switch (w.collection) {
      case 'floors':
        return { buildingId: building, code: `M${seq}`, name: `Piano ${seq}`, level: 20 + seq };
      case 'spaces':
        return { buildingId: building, floorId: w.target === 'bB03' ? id.fB03 : id.fB01, code: `M${seq}`, name: `Stanza ${seq}` };
      case 'assets':
        return { code: `MATRIX-${seq}`, name: 'Quadro', technologyClassId: id.tcELE, buildingId: building };
      default:
        return { siteId: id.siteMI, code: `MATRIX-B${seq}`, name: 'Nuovo', address: 'Via 1', competence: 'central' };
    }
  }

  describe.each(USERS)('as %s', (user) => {
    const sees = new Set(SEES[user]);

    it.each(COLLECTIONS)('lists %s: 403 when barred, else every in-scope object and no out-of-scope one', async (collection) => {
      const c = clients[user];
      const res = await c.get(`/api/${collection}?active=all&limit=200`);
      if (FORBIDDEN[user].includes(collection)) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
        return;
      }
      expect(res.statusCode).toBe(200);
      // Follow the pages: scope must hold across cursors too.
      const items: Obj[] = [...res.json().items];
      let cursor = res.json().nextCursor;
      while (cursor) {
        const next = (await c.get(`/api/${collection}?active=all&limit=200&cursor=${cursor}`)).json();
        items.push(...next.items);
        cursor = next.nextCursor;
      }
      const listed = new Set(items.map((x) => x.id));
      for (const obj of ALL.filter((o) => OBJECTS[o] === collection)) {
        expect(listed.has(id[obj]), `${user} lists ${obj}`).toBe(sees.has(obj));
      }
      // A filter on an out-of-scope parent finds nothing rather than leaking its children.
      if (collection === 'floors' || collection === 'spaces' || collection === 'assets') {
        for (const b of ['bB01', 'bB03', 'bFREE', 'bELE', 'bOFF'] as const) {
          const children = (await c.get(`/api/${collection}?active=all&limit=200&buildingId=${id[b]}`)).json().items;
          if (!sees.has(b)) expect(children, `${user} ${collection} of ${b}`).toEqual([]);
        }
      }
    });

    it.each(ALL)('reads %s: visible, or 404 exactly like a missing id, or 403 for a barred collection', async (obj) => {
      const c = clients[user];
      const collection = OBJECTS[obj];
      const res = await c.get(`/api/${collection}/${id[obj]}`);
      if (FORBIDDEN[user].includes(collection)) {
        expect(res.statusCode).toBe(403);
        return;
      }
      if (sees.has(obj)) {
        expect(res.statusCode).toBe(200);
        expect(res.json().id).toBe(id[obj]);
        return;
      }
      const missing = await c.get(`/api/${collection}/${MISSING_ID}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
      expect(res.headers['content-type']).toBe(missing.headers['content-type']);
    });

    it('never sees inactive rows when it may only see active ones (requester), whatever the filter', async () => {
      if (user !== 'richiedente') return;
      for (const collection of ['sites', 'buildings', 'floors', 'spaces']) {
        const items = (await clients[user].get(`/api/${collection}?active=false&limit=200`)).json().items;
        expect(items, collection).toEqual([]);
      }
    });

    it.each(WRITES)('$name', async (w) => {
      const c = clients[user];
      const want = w.expect[user] ?? w.fallback;
      let res;
      if (w.kind === 'patch') {
        const current = (await clients.admin.get(`/api/${w.collection}/${id[w.target]}`)).json();
        res = await c.patch(`/api/${w.collection}/${id[w.target]}`, writeBody(w, current));
        if (want === 404) {
          const missing = await c.patch(`/api/${w.collection}/${MISSING_ID}`, writeBody(w, current));
          expect(res.body).toBe(missing.body);
        }
        if (want !== 200) {
          const after = (await clients.admin.get(`/api/${w.collection}/${id[w.target]}`)).json();
          expect(after.version, 'unchanged').toBe(current.version);
        }
      } else {
        res = await c.post(`/api/${w.collection}`, writeBody(w));
        if (want === 404) {
          // Into a building out of scope: the same answer as into a building that does not exist.
          const body = writeBody(w);
          const missing = await c.post(`/api/${w.collection}`, { ...body, buildingId: MISSING_ID });
          expect(res.body).toBe(missing.body);
        }
      }
      expect(res.statusCode, res.body).toBe(want);
      if (want === 403) expect(res.json().code).toBe('FORBIDDEN');
      if (want === 404) expect(res.json().code).toBe('NOT_FOUND');
    });
  });

  it('a building manager cannot move an asset out of their buildings, nor into another one', async () => {
    const bm = clients['bm.centrale'];
    const asset = (await bm.get(`/api/assets/${id.aB01}`)).json();
    const out = await bm.patch(`/api/assets/${id.aB01}`, { buildingId: id.bB03, spaceId: null, version: asset.version });
    expect(out.statusCode).toBe(404);
    expect((await bm.get(`/api/assets/${id.aB01}`)).json().buildingId).toBe(id.bB01);
  });

  it('READ_ONLY roles are the ones with no write rights at all', () => {
    for (const u of READ_ONLY) for (const w of WRITES) expect(w.expect[u] ?? w.fallback).toBe(forbiddenFor([u])[u]);
  });
});

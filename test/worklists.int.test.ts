import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describeEachDb, type Client } from './helpers/app.ts';
import type { Principal } from '../src/server/auth/principal.ts';
import type { Db } from '../src/server/db/create-db.ts';
import { exportList } from '../src/server/modules/worklists/worklists.export.ts';
import { tuning } from '../src/server/modules/worklists/worklists.service.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

// --- fixture: twelve tickets across the buildings of bm.centrale (MI-B01, B02, B05, B06, B07),
// bm.deib (MI-B03, B04) and bm.dmec (MI-B08), work orders of ditta.elettrica and ditta.termica in
// many states; 25 closed tickets in Como with identical creation instants and one verified work
// order each by ditta.edile with identical issue instants (pagination over equal keys).
// The clock of the test app is 2026-03-10T09:00Z.

interface WoSpec {
  key: string;
  contractor: 'elettrica' | 'termica' | 'edile';
  cls: string;
  status: string;
  priority: string;
  scheduledAt?: string;
  expectedOn?: string;
  outcome?: string;
  description: string;
  location?: string;
}
interface TicketSpec {
  key: string;
  building: string;
  requester: string | null;
  openedBy: string | null;
  status: string;
  priority: string | null;
  subject: string;
  description: string;
  wos: WoSpec[];
}

const TICKETS: TicketSpec[] = [
  {
    key: 'T1',
    building: 'MI-B01',
    requester: 'richiedente',
    openedBy: 'richiedente',
    status: 'new',
    priority: null,
    subject: "Perdita d'acqua nei bagni",
    description: 'Il rubinetto del bagno perde acqua',
    wos: [],
  },
  {
    key: 'T2',
    building: 'MI-B02',
    requester: 'requester.en',
    openedBy: 'requester.en',
    status: 'qualifying',
    priority: null,
    subject: 'Luce guasta in aula',
    description: 'Plafoniera spenta',
    wos: [],
  },
  {
    key: 'T3',
    building: 'MI-B03',
    requester: 'richiedente',
    openedBy: 'richiedente',
    status: 'qualified',
    priority: null,
    subject: 'Porta bloccata',
    description: 'La porta del laboratorio non si apre',
    wos: [],
  },
  {
    key: 'T4',
    building: 'MI-B03',
    requester: null,
    openedBy: 'callcenter',
    status: 'in_progress',
    priority: 'urgent',
    subject: 'Quadro elettrico in blocco',
    description: 'Salta la corrente al piano',
    wos: [
      { key: 'W4', contractor: 'elettrica', cls: 'ELE', status: 'issued', priority: 'urgent', description: 'Verifica quadro di piano' },
    ],
  },
  {
    key: 'T5',
    building: 'MI-B01',
    requester: 'richiedente',
    openedBy: 'richiedente',
    status: 'in_progress',
    priority: 'ordinary',
    subject: 'Perdita dal soffitto',
    description: 'Macchia di umidità',
    wos: [
      {
        key: 'W5',
        contractor: 'termica',
        cls: 'TER',
        status: 'awaiting_authorization',
        priority: 'ordinary',
        description: 'Sostituzione tubazione',
      },
    ],
  },
  {
    key: 'T6',
    building: 'MI-B04',
    requester: 'requester.en',
    openedBy: 'requester.en',
    status: 'in_progress',
    priority: 'ordinary',
    subject: 'Differenziale che scatta',
    description: 'Scatta spesso',
    wos: [
      {
        key: 'W6',
        contractor: 'elettrica',
        cls: 'ELE',
        status: 'waiting_materials',
        priority: 'ordinary',
        expectedOn: '2026-03-05',
        description: 'Sostituzione interruttore differenziale',
        location: 'Quadro piano terra',
      },
    ],
  },
  {
    key: 'T7',
    building: 'MI-B05',
    requester: null,
    openedBy: 'callcenter',
    status: 'in_progress',
    priority: 'emergency',
    subject: 'Caldaia ferma',
    description: 'Nessun riscaldamento nei laboratori',
    wos: [
      {
        key: 'W7a',
        contractor: 'termica',
        cls: 'TER',
        status: 'scheduled',
        priority: 'emergency',
        scheduledAt: '2026-03-09T10:00:00.000Z',
        description: 'Riavvio caldaia e verifica bruciatore',
      },
      {
        key: 'W7b',
        contractor: 'elettrica',
        cls: 'SPE',
        status: 'completed',
        priority: 'ordinary',
        description: 'Allarme centrale termica',
      },
    ],
  },
  {
    key: 'T8',
    building: 'MI-B06',
    requester: 'richiedente',
    openedBy: 'richiedente',
    status: 'resolved',
    priority: 'deferrable',
    subject: 'Presa rotta',
    description: 'Presa elettrica staccata dal muro',
    wos: [{ key: 'W8', contractor: 'elettrica', cls: 'ELE', status: 'verified', priority: 'deferrable', description: 'Fissaggio presa' }],
  },
  {
    key: 'T9',
    building: 'MI-B07',
    requester: 'requester.en',
    openedBy: 'requester.en',
    status: 'closed',
    priority: 'ordinary',
    subject: 'Scarico lento',
    description: 'Lavandino lento',
    wos: [
      {
        key: 'W9',
        contractor: 'termica',
        cls: 'IDR',
        status: 'closed',
        outcome: 'cancelled',
        priority: 'ordinary',
        description: 'Disostruzione scarico',
      },
    ],
  },
  {
    key: 'T10',
    building: 'MI-B08',
    requester: 'richiedente',
    openedBy: 'richiedente',
    status: 'in_progress',
    priority: 'ordinary',
    subject: 'Radiatore freddo',
    description: 'Radiatore dello studio freddo',
    wos: [
      { key: 'W10', contractor: 'termica', cls: 'TER', status: 'in_plan_proposed', priority: 'ordinary', description: 'Sfiato radiatori' },
    ],
  },
  {
    key: 'T11',
    building: 'MI-B04',
    requester: null,
    openedBy: 'callcenter',
    status: 'in_progress',
    priority: 'urgent',
    subject: 'Bagno allagato',
    description: 'Acqua sul pavimento',
    wos: [
      {
        key: 'W11a',
        contractor: 'termica',
        cls: 'IDR',
        status: 'waiting_materials',
        priority: 'urgent',
        expectedOn: '2026-03-20',
        description: 'Sostituzione flessibile',
      },
      {
        key: 'W11b',
        contractor: 'elettrica',
        cls: 'ELE',
        status: 'scheduled',
        priority: 'ordinary',
        scheduledAt: '2026-03-12T08:00:00.000Z',
        description: 'Asciugatura e verifica prese',
      },
    ],
  },
  {
    key: 'T12',
    building: 'MI-B02',
    requester: 'richiedente',
    openedBy: 'richiedente',
    status: 'in_progress',
    priority: 'ordinary',
    subject: 'Condizionatore rumoroso',
    description: 'Rumore forte in aula',
    wos: [
      { key: 'W12', contractor: 'termica', cls: 'TER', status: 'in_progress', priority: 'ordinary', description: 'Verifica ventilatore' },
    ],
  },
];
const FILLERS = 25;
const ALL_T = TICKETS.map((t) => t.key);
const P_KEYS = Array.from({ length: FILLERS }, (_, i) => `P${i + 1}`);
const PW_KEYS = Array.from({ length: FILLERS }, (_, i) => `PW${i + 1}`);

const LOT: Record<string, string> = { edile: 'Lotto 1', elettrica: 'Lotto 2', termica: 'Lotto 3' };

describeEachDb('work lists', (env) => {
  const id: Record<string, string> = {}; // fixture key, username, building code, class code → id
  const keyOf = new Map<string, string>(); // ticket / work-order id → fixture key
  const as: Record<string, Client> = {};

  async function load(db: Db) {
    for (const u of await db.selectFrom('users').select(['id', 'username']).execute()) id[u.username] = u.id;
    for (const b of await db.selectFrom('buildings').select(['id', 'code']).execute()) id[b.code] = b.id;
    for (const c of await db.selectFrom('technology_classes').select(['id', 'code']).execute()) id[c.code] = c.id;
    for (const c of await db.selectFrom('contracts').select(['id', 'lot', 'contractor_id']).execute()) {
      const k = Object.keys(LOT).find((x) => LOT[x] === c.lot);
      if (k) {
        id[`contract:${k}`] = c.id;
        id[`contractor:${k}`] = c.contractor_id;
      }
    }
  }

  beforeAll(async () => {
    const db = env.db;
    // The lists must see exactly the fixture: clear workflow rows a richer demo seed may bring.
    for (const t of [
      'quote_lines',
      'quotes',
      'events',
      'outbox',
      'notifications',
      'attachments',
      'comments',
      'rating_tokens',
      'inbound_messages',
      'work_orders',
      'tickets',
    ] as const) {
      await db.deleteFrom(t).execute();
    }
    await load(db);
    const ticketRows: Obj[] = [];
    const woRows: Obj[] = [];
    const events: Obj[] = [];
    TICKETS.forEach((t, i) => {
      const created = `2026-02-${String(11 + i).padStart(2, '0')}T08:00:00.000Z`;
      const tid = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
      id[t.key] = tid;
      keyOf.set(tid, t.key);
      const number = `2026-${String(101 + i).padStart(6, '0')}`;
      ticketRows.push({
        id: tid,
        number,
        status: t.status,
        channel: t.openedBy === 'callcenter' ? 'phone' : 'web',
        requester_id: t.requester ? id[t.requester] : null,
        caller_name: t.requester ? null : `Chiamante ${t.key}`,
        opened_by_id: t.openedBy ? id[t.openedBy] : null,
        building_id: id[t.building],
        subject: t.subject,
        description: t.description,
        priority: t.priority,
        created_at: created,
        updated_at: created,
        closed_at: t.status === 'closed' ? created : null,
      });
      t.wos.forEach((w, j) => {
        const wid = `00000000-0000-4000-9000-${String((i + 1) * 10 + j).padStart(12, '0')}`;
        id[w.key] = wid;
        keyOf.set(wid, w.key);
        const issued = `2026-02-${String(11 + i).padStart(2, '0')}T09:0${j}:00.000Z`;
        woRows.push({
          id: wid,
          number: `${number}/${j + 1}`,
          kind: 'corrective',
          ticket_id: tid,
          status: w.status,
          outcome: w.outcome ?? null,
          building_id: id[t.building],
          technology_class_id: id[w.cls],
          contract_id: id[`contract:${w.contractor}`],
          contractor_id: id[`contractor:${w.contractor}`],
          priority: w.priority,
          description: w.description,
          location: w.location ?? null,
          scheduled_at: w.scheduledAt ?? null,
          expected_on: w.expectedOn ?? null,
          issued_by_id: id['bm.centrale'],
          issued_at: issued,
          created_at: issued,
          updated_at: issued,
        });
        events.push({
          id: `${wid}-e1`,
          ticket_id: tid,
          work_order_id: wid,
          at: issued,
          actor_id: id['bm.centrale'],
          actor_label: 'Alessandro Galli',
          action: 'issue',
          from_state: null,
          to_state: 'issued',
        });
        if (w.status !== 'issued') {
          events.push({
            id: `${wid}-e2`,
            ticket_id: tid,
            work_order_id: wid,
            at: issued.replace('T09', 'T11'),
            actor_id: null,
            actor_label: 'Ditta',
            action: 'acknowledge',
            from_state: 'issued',
            to_state: 'acknowledged',
          });
        }
      });
    });
    for (let n = 1; n <= FILLERS; n++) {
      const tid = `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
      const wid = `00000000-0000-4000-b000-${String(n).padStart(12, '0')}`;
      id[`P${n}`] = tid;
      id[`PW${n}`] = wid;
      keyOf.set(tid, `P${n}`);
      keyOf.set(wid, `PW${n}`);
      const at = '2025-06-01T10:00:00.000Z';
      ticketRows.push({
        id: tid,
        number: `2025-${String(200 + n).padStart(6, '0')}`,
        status: 'closed',
        channel: 'email',
        requester_id: null,
        caller_email: `utente${n}@example.org`,
        opened_by_id: null,
        building_id: id['CO-B01'],
        subject: `Intonaco ${n}`,
        description: 'Crepa nel muro',
        priority: 'deferrable',
        created_at: at,
        updated_at: at,
        closed_at: at,
      });
      woRows.push({
        id: wid,
        number: `2025-${String(200 + n).padStart(6, '0')}/1`,
        kind: 'corrective',
        ticket_id: tid,
        status: 'verified',
        building_id: id['CO-B01'],
        technology_class_id: id.EDI,
        contract_id: id['contract:edile'],
        contractor_id: id['contractor:edile'],
        priority: 'deferrable',
        description: 'Ripristino intonaco',
        issued_at: at,
        created_at: at,
        updated_at: at,
      });
    }
    await db
      .insertInto('tickets')
      .values(ticketRows as never)
      .execute();
    await db
      .insertInto('work_orders')
      .values(woRows as never)
      .execute();
    await db
      .insertInto('events')
      .values(events as never)
      .execute();
    for (const u of [
      'admin',
      'richiedente',
      'requester.en',
      'callcenter',
      'bm.centrale',
      'bm.deib',
      'capo.servizio',
      'contabilita',
      'ditta.elettrica',
      'ditta.termica',
    ]) {
      as[u] = await env.login(u);
    }
  });

  /** Every item of a list, following nextCursor; the fixture keys in the order received. */
  async function keys(c: Client, url: string): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res = await c.get(`${url}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      for (const item of res.json().items as Obj[]) out.push(keyOf.get(item.id) ?? `?${item.id}`);
      cursor = res.json().nextCursor;
    } while (cursor);
    return out;
  }
  const set = async (c: Client, url: string) => (await keys(c, url)).sort();
  const sorted = (xs: string[]) => [...xs].sort();
  const q = (params: Record<string, string | string[]>) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.append(k, x);
    return u.toString();
  };

  describe('scope: each role sees exactly its rows', () => {
    const ticketsOf: Record<string, string[]> = {
      admin: [...ALL_T, ...P_KEYS],
      callcenter: [...ALL_T, ...P_KEYS],
      'capo.servizio': [...ALL_T, ...P_KEYS],
      contabilita: [...ALL_T, ...P_KEYS],
      richiedente: ['T1', 'T3', 'T5', 'T8', 'T10', 'T12'],
      'requester.en': ['T2', 'T6', 'T9'],
      'bm.centrale': ['T1', 'T2', 'T5', 'T7', 'T8', 'T9', 'T12'],
      'bm.deib': ['T3', 'T4', 'T6', 'T11'],
      'ditta.elettrica': ['T4', 'T6', 'T7', 'T8', 'T11'],
      'ditta.termica': ['T5', 'T7', 'T9', 'T10', 'T11', 'T12'],
    };
    const ALL_W = ['W4', 'W5', 'W6', 'W7a', 'W7b', 'W8', 'W9', 'W10', 'W11a', 'W11b', 'W12'];
    const workOrdersOf: Record<string, string[]> = {
      admin: [...ALL_W, ...PW_KEYS],
      callcenter: [...ALL_W, ...PW_KEYS],
      'capo.servizio': [...ALL_W, ...PW_KEYS],
      contabilita: [...ALL_W, ...PW_KEYS],
      'bm.centrale': ['W5', 'W7a', 'W7b', 'W8', 'W9', 'W12'],
      'bm.deib': ['W4', 'W6', 'W11a', 'W11b'],
      'ditta.elettrica': ['W4', 'W6', 'W7b', 'W8', 'W11b'],
      'ditta.termica': ['W5', 'W7a', 'W9', 'W10', 'W11a', 'W12'],
    };
    for (const [user, expected] of Object.entries(ticketsOf)) {
      it(`tickets of ${user}`, async () => {
        expect(await set(as[user], '/api/tickets?limit=200')).toEqual(sorted(expected));
      });
    }
    for (const [user, expected] of Object.entries(workOrdersOf)) {
      it(`work orders of ${user}`, async () => {
        expect(await set(as[user], '/api/work-orders?limit=200')).toEqual(sorted(expected));
      });
    }
    it('gives building managers the same rows whichever plan reaches their buildings', async () => {
      const before = tuning.buildingShareRows;
      try {
        for (const limit of [1, 1_000_000]) {
          tuning.buildingShareRows = limit; // 1: walk the sort index and test the building (SQLite)
          for (const [u, resource] of [
            ['bm.centrale', 'tickets'],
            ['bm.deib', 'tickets'],
            ['bm.centrale', 'work-orders'],
            ['bm.deib', 'work-orders'],
          ] as const) {
            const expected = resource === 'tickets' ? ticketsOf[u] : workOrdersOf[u];
            expect(await set(as[u], `/api/${resource}?limit=200`), `${u} ${resource} ${limit}`).toEqual(sorted(expected));
            expect(await keys(as[u], `/api/${resource}?sort=priority&limit=2`)).toEqual(
              await keys(as[u], `/api/${resource}?sort=priority&limit=200`),
            );
          }
          expect(await set(as['bm.centrale'], '/api/work-orders?view=awaiting_my_action')).toEqual(['W7b']);
          expect(await set(as['bm.deib'], '/api/tickets?view=waiting_materials')).toEqual(sorted(['T6', 'T11']));
        }
      } finally {
        tuning.buildingShareRows = before;
      }
    });
    it('a requester may not list work orders (403), but sees the work orders of own tickets in the ticket list', async () => {
      const res = await as.richiedente.get('/api/work-orders');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      const t5 = (await as.richiedente.get(`/api/tickets?${q({ q: '2026-000105' })}`)).json().items[0];
      expect(t5.workOrders.map((w: Obj) => keyOf.get(w.id))).toEqual(['W5']);
      expect(t5.workOrders[0]).toMatchObject({ status: 'awaiting_authorization', technologyClass: { code: 'TER' } });
      expect(t5.workOrders[0].contractor).toBeUndefined(); // as on the ticket page: not the requester's business
      const rows = (await as.richiedente.get('/api/tickets/export?format=csv')).body.replace(/^\uFEFF/, '').split('\r\n');
      expect(rows[0].split(';')).toContain('Ditte');
      expect(rows.join('\n')).not.toContain('Termoidraulica');
    });
    it('a contractor sees only its own work orders inside a shared ticket', async () => {
      const t7 = (await as['ditta.elettrica'].get(`/api/tickets?${q({ q: '2026-000107' })}`)).json().items;
      expect(t7).toHaveLength(1);
      expect(t7[0].workOrders.map((w: Obj) => keyOf.get(w.id))).toEqual(['W7b']);
      const all = (await as.admin.get(`/api/tickets?${q({ q: '2026-000107' })}`)).json().items[0];
      expect(all.workOrders.map((w: Obj) => keyOf.get(w.id))).toEqual(['W7a', 'W7b']);
    });
    it('needs a login', async () => {
      expect((await env.anonymous().get('/api/tickets')).statusCode).toBe(401);
    });
  });

  describe('work lists (view)', () => {
    const cases: Array<[string, 'tickets' | 'work-orders', string, string[]]> = [
      ['bm.centrale', 'tickets', 'to_qualify', ['T1', 'T2']],
      ['bm.deib', 'tickets', 'to_qualify', ['T3']],
      ['admin', 'tickets', 'to_qualify', ['T1', 'T2', 'T3']],
      ['ditta.elettrica', 'tickets', 'to_qualify', []],
      ['richiedente', 'tickets', 'mine', ['T1', 'T3', 'T5', 'T8', 'T10', 'T12']],
      ['requester.en', 'tickets', 'mine', ['T2', 'T6']], // T9 is closed: 'mine' holds the open ones
      ['callcenter', 'tickets', 'mine', ['T4', 'T7', 'T11']],
      ['ditta.elettrica', 'work-orders', 'mine', ['W4', 'W6', 'W7b', 'W11b']],
      ['ditta.elettrica', 'tickets', 'mine', ['T4', 'T6', 'T7', 'T11']],
      ['ditta.termica', 'work-orders', 'mine', ['W5', 'W7a', 'W10', 'W11a', 'W12']],
      ['ditta.elettrica', 'work-orders', 'awaiting_my_action', ['W4', 'W11b']],
      ['ditta.termica', 'work-orders', 'awaiting_my_action', ['W7a', 'W12']],
      ['ditta.termica', 'tickets', 'awaiting_my_action', ['T7', 'T12']],
      ['bm.centrale', 'work-orders', 'awaiting_my_action', ['W7b']],
      ['bm.deib', 'work-orders', 'awaiting_my_action', []],
      ['capo.servizio', 'work-orders', 'awaiting_my_action', ['W5']],
      ['capo.servizio', 'tickets', 'awaiting_my_action', ['T5']],
      ['callcenter', 'tickets', 'awaiting_my_action', ['T8']],
      ['admin', 'work-orders', 'awaiting_my_action', []],
      ['admin', 'work-orders', 'awaiting_authorization', ['W5']],
      ['bm.deib', 'work-orders', 'awaiting_authorization', []],
      ['richiedente', 'tickets', 'awaiting_authorization', ['T5']],
      ['admin', 'work-orders', 'waiting_materials', ['W6', 'W11a']],
      ['ditta.elettrica', 'work-orders', 'waiting_materials', ['W6']],
      ['bm.deib', 'tickets', 'waiting_materials', ['T6', 'T11']],
      ['requester.en', 'tickets', 'waiting_materials', ['T6']],
      ['admin', 'work-orders', 'past_planned_date', ['W6', 'W7a']],
      ['ditta.termica', 'work-orders', 'past_planned_date', ['W7a']],
      ['bm.deib', 'work-orders', 'past_planned_date', ['W6']],
      ['admin', 'tickets', 'past_planned_date', ['T6', 'T7']],
    ];
    for (const [user, resource, view, expected] of cases) {
      it(`${view} on ${resource} for ${user}`, async () => {
        expect(await set(as[user], `/api/${resource}?view=${view}&limit=200`)).toEqual(sorted(expected));
      });
    }
    it('refuses an unknown view', async () => {
      const res = await as.admin.get('/api/tickets?view=everything');
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    });
    it('counts each work list for the navigation badges', async () => {
      const badges = async (u: string) =>
        Object.fromEntries(
          ((await as[u].get('/api/worklists/counts')).json().items as Obj[]).map((x) => [`${x.resource}:${x.view}`, x.count]),
        );
      expect(await badges('bm.centrale')).toEqual({
        'tickets:to_qualify': 2,
        'work-orders:awaiting_my_action': 1,
        'work-orders:waiting_materials': 0,
        'work-orders:past_planned_date': 1,
        'work-orders:overdue': 0, // these fixture rows never went through the SLA refresh (see worklists-sla.int.test.ts)
        'work-orders:planned_late': 0, // planned maintenance (#8): see worklists-planned.int.test.ts
      });
      expect(await badges('ditta.elettrica')).toEqual({
        'work-orders:mine': 4,
        'work-orders:awaiting_my_action': 2,
        'work-orders:waiting_materials': 1,
        'work-orders:past_planned_date': 1,
        'work-orders:overdue': 0,
        'work-orders:planned_this_month': 0,
        'work-orders:planned_due_this_week': 0,
      });
      expect(await badges('capo.servizio')).toEqual({ 'work-orders:awaiting_my_action': 1 });
      expect(await badges('callcenter')).toEqual({ 'tickets:awaiting_my_action': 1, 'inbound-messages:held': 0 });
      expect(await badges('richiedente')).toEqual({ 'tickets:mine': 6 });
      // T9 is closed: the badge counts open tickets only, as the home and the list of view=mine do (#9 item 10).
      expect(await badges('requester.en')).toEqual({ 'tickets:mine': 2 });
      expect(await badges('contabilita')).toEqual({});
    });
  });

  describe('filters', () => {
    const cases: Array<[string, () => string, string[]]> = [
      ['/api/tickets', () => q({ status: ['new', 'qualifying'] }), ['T1', 'T2']],
      ['/api/tickets', () => q({ buildingId: id['MI-B03'] }), ['T3', 'T4']],
      ['/api/tickets', () => q({ technologyClassId: id.TER }), ['T5', 'T7', 'T10', 'T12']],
      ['/api/tickets', () => q({ technologyClassId: id.IDR }), ['T9', 'T11']],
      ['/api/tickets', () => q({ priority: 'urgent' }), ['T4', 'T11']],
      ['/api/tickets', () => q({ priority: ['urgent', 'emergency'] }), ['T4', 'T7', 'T11']],
      ['/api/tickets', () => q({ contractorId: id['contractor:termica'] }), ['T5', 'T7', 'T9', 'T10', 'T11', 'T12']],
      ['/api/tickets', () => q({ contractorId: id['contractor:elettrica'], technologyClassId: id.SPE }), ['T7']],
      ['/api/tickets', () => q({ from: '2026-02-13', to: '2026-02-14' }), ['T3', 'T4']],
      ['/api/tickets', () => q({ from: '2026-02-21' }), ['T11', 'T12']],
      ['/api/tickets', () => q({ to: '2025-12-31' }), P_KEYS],
      ['/api/tickets', () => q({ q: 'perd' }), ['T1', 'T5']],
      ['/api/tickets', () => q({ q: 'Acqua BAGN' }), ['T1', 'T11']],
      ['/api/tickets', () => q({ q: 'laboratori' }), ['T3', 'T7']],
      ['/api/tickets', () => q({ q: 'nothingmatches' }), []],
      ['/api/tickets', () => q({ q: '2026-000103' }), ['T3']],
      ['/api/tickets', () => q({ q: '2026-103' }), ['T3']],
      ['/api/tickets', () => q({ q: '103' }), ['T3']],
      ['/api/tickets', () => q({ q: 'bagn', status: 'in_progress', buildingId: id['MI-B04'] }), ['T11']],
      ['/api/work-orders', () => q({ status: 'scheduled' }), ['W7a', 'W11b']],
      ['/api/work-orders', () => q({ technologyClassId: id.ELE }), ['W4', 'W6', 'W8', 'W11b']],
      ['/api/work-orders', () => q({ contractorId: id['contractor:termica'], priority: 'urgent' }), ['W11a']],
      ['/api/work-orders', () => q({ ticketId: id.T7 }), ['W7a', 'W7b']],
      ['/api/work-orders', () => q({ buildingId: id['MI-B04'] }), ['W6', 'W11a', 'W11b']],
      ['/api/work-orders', () => q({ from: '2026-02-17', to: '2026-02-17' }), ['W7a', 'W7b']],
      ['/api/work-orders', () => q({ q: 'differenz' }), ['W6']],
      ['/api/work-orders', () => q({ q: 'quadro' }), ['W4', 'W6']],
      ['/api/work-orders', () => q({ q: '2026-000107' }), ['W7a', 'W7b']],
      ['/api/work-orders', () => q({ q: '2026-000107/2' }), ['W7a', 'W7b']],
    ];
    cases.forEach(([path, query, expected], i) => {
      it(`${path} filter case ${i + 1}: ${expected.join(' ') || 'none'}`, async () => {
        expect(await set(as.admin, `${path}?${query()}&limit=200`)).toEqual(sorted(expected));
      });
    });
    it('finds the same rows by words whichever plan (few matches by id, many by walking the order)', async () => {
      const before = { ...tuning };
      try {
        for (const [few, plenty, probe] of [
          [0, 20_000, 0],
          [1000, 20_000, 0],
          [1000, 0, 0],
          // Probing the list's first rows for the page: pages of one row, so some probes find their
          // row (the page) and some fall short (then the matches are asked for), cursor included.
          [1000, 20_000, 1],
          [0, 20_000, 3],
          [1000, 20_000, 1000],
        ]) {
          tuning.fewMatches = few; // 0: every match counts as many
          tuning.plentyEstimate = plenty; // 0: PostgreSQL's estimate always says many
          tuning.probeRows = { sqlite: probe, postgres: probe };
          const u = (url: string) => (probe > 0 && !url.includes('limit=') ? `${url}&limit=1` : url);
          expect(await set(as.admin, u(`/api/tickets?${q({ q: 'perd' })}`))).toEqual(['T1', 'T5']);
          expect(await set(as.admin, u(`/api/tickets?${q({ q: 'Acqua BAGN' })}`))).toEqual(sorted(['T1', 'T11']));
          expect(await keys(as.admin, u(`/api/tickets?${q({ q: 'laboratori', sort: 'priority' })}&limit=1`))).toEqual(['T7', 'T3']);
          expect(await set(as['bm.deib'], u(`/api/tickets?${q({ q: 'porta' })}`))).toEqual(['T3']);
          expect(await set(as.admin, u(`/api/work-orders?${q({ q: 'quadro' })}`))).toEqual(['W4', 'W6']);
          expect(await set(as.admin, u(`/api/tickets?${q({ q: '103' })}`))).toEqual(['T3']);
          expect(await set(as.admin, u(`/api/tickets?${q({ q: 'nothingmatches' })}`))).toEqual([]);
          // Staff's words also find who called and the requester, alone or beside text matches.
          const noRequester = TICKETS.filter((t) => !t.requester).map((t) => t.key);
          expect(await set(as.admin, u(`/api/tickets?${q({ q: 'Chiamante' })}`))).toEqual(sorted(noRequester));
          const marco = TICKETS.filter((t) => t.requester === 'richiedente').map((t) => t.key);
          expect(await set(as.admin, u(`/api/tickets?${q({ q: 'colombo' })}`))).toEqual(sorted(marco));
          expect(await set(as.admin, u(`/api/tickets?${q({ q: 'utente7' })}&limit=200`))).toEqual(['P7']);
          // Counting reads every match, whichever plan lists them.
          expect((await as.admin.get(u(`/api/tickets?${q({ q: 'colombo' })}&count=true`))).json().count).toBe(marco.length);
          expect((await as.admin.get(u(`/api/work-orders?${q({ q: 'quadro' })}&count=true`))).json().count).toBe(2);
        }
      } finally {
        Object.assign(tuning, before);
      }
    });
    it('combines filters with scope', async () => {
      expect(await set(as['bm.centrale'], `/api/tickets?${q({ q: 'perdita' })}`)).toEqual(['T1', 'T5']);
      expect(await set(as['bm.deib'], `/api/tickets?${q({ q: 'perdita' })}`)).toEqual([]);
      expect(await set(as['ditta.elettrica'], `/api/work-orders?${q({ technologyClassId: id.TER })}`)).toEqual([]);
    });
    it('refuses a bad status, an unknown parameter, an inverted date range', async () => {
      const bad = await as.admin.get('/api/tickets?status=lost');
      expect(bad.statusCode).toBe(400);
      expect((await as.admin.get('/api/tickets?colour=red')).statusCode).toBe(400);
      const inverted = await as.admin.get('/api/tickets?from=2026-03-02&to=2026-03-01');
      expect(inverted.statusCode).toBe(400);
      expect(inverted.json().errors).toEqual([expect.objectContaining({ field: 'to', code: 'dateOrder' })]);
    });
  });

  describe('sorting and pages', () => {
    const recent = q({ from: '2026-01-01' });
    it('sorts tickets by creation, number and priority, both ways', async () => {
      const byCreated = ['T12', 'T11', 'T10', 'T9', 'T8', 'T7', 'T6', 'T5', 'T4', 'T3', 'T2', 'T1'];
      expect(await keys(as.admin, `/api/tickets?${recent}`)).toEqual(byCreated);
      expect(await keys(as.admin, `/api/tickets?${recent}&order=asc`)).toEqual([...byCreated].reverse());
      expect(await keys(as.admin, `/api/tickets?${recent}&sort=number&order=asc`)).toEqual([...byCreated].reverse());
      const byPriority = ['T7', 'T4', 'T11', 'T5', 'T6', 'T9', 'T10', 'T12', 'T8', 'T1', 'T2', 'T3'];
      expect(await keys(as.admin, `/api/tickets?${recent}&sort=priority`)).toEqual(byPriority);
      expect(await keys(as.admin, `/api/tickets?${recent}&sort=priority&order=desc`)).toEqual([...byPriority].reverse());
      expect(await keys(as.admin, `/api/tickets?${recent}&sort=priority&limit=1`)).toEqual(byPriority);
    });
    it('sorts work orders by issue and priority', async () => {
      const res = await keys(as['ditta.termica'], '/api/work-orders?sort=priority&limit=2');
      expect(res).toEqual(['W7a', 'W11a', 'W5', 'W9', 'W10', 'W12']);
      expect(await keys(as['ditta.termica'], '/api/work-orders?sort=issued&order=asc&limit=4')).toEqual([
        'W5',
        'W7a',
        'W9',
        'W10',
        'W11a',
        'W12',
      ]);
    });
    for (const [label, url, limit] of [
      ['tickets by creation', '/api/tickets', 7],
      ['tickets by priority', '/api/tickets?sort=priority', 6],
      ['tickets by number', '/api/tickets?sort=number&order=asc', 9],
      ['work orders by issue', '/api/work-orders', 5],
      ['work orders by priority', '/api/work-orders?sort=priority&order=desc', 4],
      ['tickets with equal creation instants', `/api/tickets?${q({ buildingId: 'CO-B01' })}`, 3],
      ['work orders with equal issue instants', '/api/work-orders?status=verified', 2],
    ] as const) {
      it(`pages ${label} without duplicates or gaps`, async () => {
        const real = url.replace('CO-B01', id['CO-B01']);
        const sep = real.includes('?') ? '&' : '?';
        const whole = await keys(as.admin, `${real}${sep}limit=200`);
        const paged = await keys(as.admin, `${real}${sep}limit=${limit}`);
        expect(paged).toEqual(whole);
        expect(new Set(paged).size).toBe(paged.length);
        expect(whole.length).toBeGreaterThan(limit);
      });
    }
    it('returns nextCursor null on the last page, and a count when asked', async () => {
      const first = (await as.admin.get(`/api/tickets?${recent}&limit=5&count=true`)).json();
      expect(first.items).toHaveLength(5);
      expect(first.nextCursor).toEqual(expect.any(String));
      expect(first).toMatchObject({ count: 12, countCapped: false });
      const all = (await as.admin.get('/api/tickets?limit=200&count=true')).json();
      expect(all).toMatchObject({ nextCursor: null, count: 37 });
      expect((await as.admin.get('/api/tickets?limit=5')).json().count).toBeUndefined();
      expect((await as['bm.deib'].get('/api/work-orders?count=true')).json().count).toBe(4);
    });
    it('refuses a forged cursor, or one of another sort', async () => {
      const first = (await as.admin.get('/api/tickets?limit=2')).json();
      expect((await as.admin.get(`/api/tickets?limit=2&sort=number&cursor=${first.nextCursor}`)).statusCode).toBe(400);
      expect((await as.admin.get('/api/tickets?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
      expect((await as.admin.get('/api/tickets?limit=0')).statusCode).toBe(400);
      expect((await as.admin.get('/api/tickets?limit=201')).statusCode).toBe(400);
    });
    it('gives each item what a list row shows', async () => {
      const [t7] = (await as.admin.get(`/api/tickets?${q({ q: '2026-000107' })}`)).json().items;
      expect(t7).toMatchObject({
        number: '2026-000107',
        status: 'in_progress',
        priority: 'emergency',
        subject: 'Caldaia ferma',
        channel: 'phone',
        building: { id: id['MI-B05'], code: 'MI-B05', name: 'Edificio Chimica "Giulio Natta"' },
        space: null,
        requesterName: 'Chiamante T7',
        createdAt: '2026-02-17T08:00:00.000Z',
        closedAt: null,
      });
      expect(t7.workOrders[0]).toMatchObject({
        number: '2026-000107/1',
        status: 'scheduled',
        technologyClass: { code: 'TER', name: 'Impianti termici e di climatizzazione' },
        contractor: { name: 'Termoidraulica Lariana S.r.l.' },
        scheduledAt: '2026-03-09T10:00:00.000Z',
      });
      const [w6] = (await as['ditta.elettrica'].get(`/api/work-orders?${q({ q: 'differenziale' })}`)).json().items;
      expect(w6).toMatchObject({
        number: '2026-000106/1',
        status: 'waiting_materials',
        priority: 'ordinary',
        expectedOn: '2026-03-05',
        ticket: { number: '2026-000106', subject: 'Differenziale che scatta' },
        building: { code: 'MI-B04' },
        technologyClass: { code: 'ELE', name: 'Impianti elettrici' },
        contractor: { name: 'Elettrosistemi Lombardi S.p.A.' },
        contract: { lot: 'Lotto 2', cig: '9A41C1F3B2' },
        location: 'Quadro piano terra',
        issuedAt: '2026-02-16T09:00:00.000Z',
      });
    });
  });

  describe('exports', () => {
    const csvOf = (body: string) => parse(body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];

    it('exports tickets as CSV for Italian Excel: BOM, ";", headers and labels in Italian, same filters', async () => {
      const res = await as['bm.centrale'].get(`/api/tickets/export?${q({ format: 'csv', sort: 'number', order: 'asc' })}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="segnalazioni-2026-03-10\.csv"$/);
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const rows = csvOf(res.body);
      expect(rows[0].slice(0, 4)).toEqual(['Numero', 'Stato', 'Priorità', 'Pericolo']);
      const numbers = rows.slice(1).map((r) => r[0]);
      expect(numbers).toEqual(['2026-000101', '2026-000102', '2026-000105', '2026-000107', '2026-000108', '2026-000109', '2026-000112']);
      const t1 = rows[1];
      const col = (name: string) => rows[0].indexOf(name);
      expect(t1[col('Stato')]).toBe('Nuova');
      expect(t1[col('Oggetto')]).toBe("Perdita d'acqua nei bagni");
      expect(t1[col('Descrizione')]).toBe('Il rubinetto del bagno perde acqua');
      expect(t1[col('Aperta il')]).toBe('11/02/2026 09:00'); // Rome time
      const t7 = rows[4];
      expect(t7[col('Priorità')]).toBe('Emergenza');
      expect(t7[col('Ditte')]).toBe('Termoidraulica Lariana S.r.l., Elettrosistemi Lombardi S.p.A.');
      expect(t7[col('Ordini di lavoro')]).toBe('2026-000107/1 (Programmato), 2026-000107/2 (Completato)');
    });

    it("exports in the user's language (English)", async () => {
      const en = await env.login('requester.en');
      const res = await en.get('/api/tickets/export?format=csv');
      expect(res.statusCode).toBe(200);
      const rows = csvOf(res.body);
      expect(rows[0].slice(0, 3)).toEqual(['Number', 'Status', 'Priority']);
      expect(
        rows
          .slice(1)
          .map((r) => r[1])
          .sort(),
      ).toEqual(['Being qualified', 'Closed', 'In progress']);
      expect(res.headers['content-disposition']).toContain('tickets-2026-03-10.csv');
    });

    it('exports work orders as XLSX that parses back, with dates as dates', async () => {
      const res = await as['ditta.termica'].get(`/api/work-orders/export?${q({ format: 'xlsx', sort: 'issued', order: 'asc' })}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.name).toBe('Ordini di lavoro');
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 3)).toEqual(['Numero', 'Tipo', 'Stato']);
      const at = (r: number, name: string) => ws.getRow(r).getCell(header.indexOf(name) + 1).value;
      expect(ws.rowCount).toBe(7);
      expect([2, 3, 4, 5, 6, 7].map((r) => at(r, 'Numero'))).toEqual([
        '2026-000105/1',
        '2026-000107/1',
        '2026-000109/1',
        '2026-000110/1',
        '2026-000111/1',
        '2026-000112/1',
      ]);
      expect(at(2, 'Stato')).toBe('In attesa di autorizzazione');
      expect(at(4, 'Esito')).toBe('Annullato');
      expect(at(3, 'Data programmata')).toEqual(new Date(Date.UTC(2026, 2, 9, 11, 0))); // 10:00Z is 11:00 in Rome
      expect(at(6, 'Materiali attesi il')).toEqual(new Date(Date.UTC(2026, 2, 20)));
      expect(at(2, 'CIG')).toBe('9A41C30D45');
    });

    it('keeps the scope and the view in exports', async () => {
      const res = await as['ditta.elettrica'].get('/api/work-orders/export?format=csv&view=awaiting_my_action');
      expect(
        csvOf(res.body)
          .slice(1)
          .map((r) => r[0])
          .sort(),
      ).toEqual(['2026-000104/1', '2026-000111/2']);
      expect((await as.richiedente.get('/api/work-orders/export?format=csv')).statusCode).toBe(403);
      expect((await as.admin.get('/api/tickets/export?format=pdf')).statusCode).toBe(400);
    });

    it('refuses, before writing a byte, an export over the cap with a message saying what to do', async () => {
      const p: Principal = {
        userId: id.admin,
        username: 'admin',
        displayName: 'Admin',
        language: 'it',
        roles: new Set(['admin']),
        contractorId: null,
        departmentId: null,
        via: 'session',
      };
      await expect(exportList(env.app.ctx, p, 'tickets', {}, 'csv', 36)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        params: { reason: expect.stringContaining('più di 36 righe') },
        issues: [{ field: 'filters', rule: 'exportTooLarge' }],
      });
      await expect(exportList(env.app.ctx, p, 'tickets', {}, 'csv', 37)).resolves.toMatchObject({
        filename: 'segnalazioni-2026-03-10.csv',
      });
    });

    it('defuses spreadsheet formulas in CSV cells', async () => {
      const tid = '00000000-0000-4000-c000-000000000001';
      await env.db
        .insertInto('tickets')
        .values({
          id: tid,
          number: '2026-000999',
          status: 'new',
          channel: 'web',
          requester_id: id.richiedente,
          opened_by_id: id.richiedente,
          building_id: id['MI-B01'],
          subject: '=HYPERLINK("http://x")',
          description: 'a;b "c"\nd',
          created_at: '2026-03-01T00:00:00.000Z',
          updated_at: '2026-03-01T00:00:00.000Z',
        } as never)
        .execute();
      try {
        const rows = csvOf((await as.richiedente.get(`/api/tickets/export?${q({ format: 'csv', q: '2026-000999' })}`)).body);
        const col = (n: string) => rows[0].indexOf(n);
        expect(rows[1][col('Oggetto')]).toBe('\'=HYPERLINK("http://x")');
        expect(rows[1][col('Descrizione')]).toBe('a;b "c"\nd');
      } finally {
        await env.db.deleteFrom('tickets').where('id', '=', tid).execute();
      }
    });
  });

  describe('printable work-order sheet', () => {
    it('is a PDF for those in scope', async () => {
      for (const u of ['ditta.termica', 'bm.centrale', 'admin', 'callcenter']) {
        const res = await as[u].get(`/api/work-orders/${id.W7a}/sheet.pdf`);
        expect(res.statusCode, u).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toBe('inline; filename="2026-000107_1.pdf"');
        expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(res.rawPayload.length).toBeGreaterThan(2000);
      }
    });
    it('is refused out of scope (404, like a missing one) and to requesters (403)', async () => {
      expect((await as['ditta.elettrica'].get(`/api/work-orders/${id.W7a}/sheet.pdf`)).statusCode).toBe(404);
      expect((await as['bm.deib'].get(`/api/work-orders/${id.W7a}/sheet.pdf`)).statusCode).toBe(404);
      expect((await as.admin.get('/api/work-orders/00000000-0000-4000-8000-999999999999/sheet.pdf')).statusCode).toBe(404);
      expect((await as.richiedente.get(`/api/work-orders/${id.W7a}/sheet.pdf`)).statusCode).toBe(403);
    });
  });

  it('documents every route in the OpenAPI spec', async () => {
    const spec = (await env.anonymous().get('/api/openapi.json')).json();
    for (const path of [
      '/api/tickets',
      '/api/work-orders',
      '/api/tickets/export',
      '/api/work-orders/export',
      '/api/work-orders/{id}/sheet.pdf',
      '/api/worklists/counts',
    ]) {
      expect(spec.paths[path]?.get, path).toBeDefined();
    }
    expect(spec.paths['/api/tickets'].get.parameters.map((p: Obj) => p.name)).toEqual(
      expect.arrayContaining(['view', 'status', 'q', 'cursor', 'limit', 'count', 'sort']),
    );
  });
});

// Who reads what of a ticket shared by two contractors (security issue #7, items 6 and 14): every
// role × every GET endpoint of /api/openapi.json that takes an id × (own, sibling on the same
// ticket, unrelated). A contractor reads the ticket's public items and everything of its own work
// orders, nothing of the sibling contractor's; an object out of scope answers exactly like a
// missing id; contract money (penalties, their rules, totals against the cap) is not the call
// center's business.
//
// Fixture: ticket T in MI-B01 (bm.centrale) opened by richiedente, with work order woE of
// ditta.elettrica (Lotto 2) and woH of ditta.termica (Lotto 3), each with internal and public
// comments and files, their notices and a penalty; ticket U in MI-B03 (bm.deib) opened by
// requester.en, with work order woU of ditta.ascensori (Lotto 5), an internal file and a penalty.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, type Client } from './helpers/app.ts';
import { FILES, move, ok, openTicket, refs, upload, type Obj } from './fixtures/workflow/workflow.ts';
import { insertStatement } from './fixtures/accounting/statements.ts';

const DIR = path.join(os.tmpdir(), `presidio-scope-siblings-${process.pid}`);
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

const USERS = [
  'richiedente',
  'requester.en',
  'callcenter',
  'bm.centrale',
  'bm.deib',
  'capo.servizio',
  'contabilita',
  'ditta.elettrica',
  'ditta.termica',
  'ditta.ascensori',
  'admin',
] as const;
type User = (typeof USERS)[number];

const MISSING_ID = '00000000-0000-4000-8000-00000000dead';

const OBJECTS = {
  ticket: ['T', 'U'],
  workOrder: ['woE', 'woH', 'woU'],
  attachment: ['aTpub', 'aTint', 'aEint', 'aEpub', 'aHint', 'aHpub', 'aUint'],
  outbox: ['oT', 'oE', 'oH', 'oU'],
  penalty: ['pE', 'pH', 'pU'],
  contract: ['kE', 'kH', 'kU'],
  finalAccount: ['fE', 'fH', 'fU'],
  invoice: ['iE', 'iH', 'iU'],
  statement: ['sE', 'sH', 'sU'],
} as const;
type Kind = keyof typeof OBJECTS;
type Name = (typeof OBJECTS)[Kind][number];

/** For each rule, per user: the objects read (200; every other one answers 404 like a missing id), or 403 for all. */
type Rule = Record<User, readonly Name[] | 403>;
const STAFF_ALL = <K extends Kind>(k: K) => OBJECTS[k];

type RuleName =
  | 'tickets'
  | 'workOrders'
  | 'workOrderSheets'
  | 'attachments'
  | 'outbox'
  | 'penalties'
  | 'contracts'
  | 'contractMoney'
  | 'finalAccounts'
  | 'invoices'
  | 'allocationRules'
  | 'statements';
const RULES: Record<RuleName, Rule> = {
  tickets: {
    richiedente: ['T'],
    'requester.en': ['U'],
    callcenter: STAFF_ALL('ticket'),
    'bm.centrale': ['T'],
    'bm.deib': ['U'],
    'capo.servizio': STAFF_ALL('ticket'),
    contabilita: STAFF_ALL('ticket'),
    'ditta.elettrica': ['T'],
    'ditta.termica': ['T'],
    'ditta.ascensori': ['U'],
    admin: STAFF_ALL('ticket'),
  },
  workOrders: {
    richiedente: [],
    'requester.en': [],
    callcenter: STAFF_ALL('workOrder'),
    'bm.centrale': ['woE', 'woH'],
    'bm.deib': ['woU'],
    'capo.servizio': STAFF_ALL('workOrder'),
    contabilita: STAFF_ALL('workOrder'),
    'ditta.elettrica': ['woE'],
    'ditta.termica': ['woH'],
    'ditta.ascensori': ['woU'],
    admin: STAFF_ALL('workOrder'),
  },
  workOrderSheets: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: STAFF_ALL('workOrder'),
    'bm.centrale': ['woE', 'woH'],
    'bm.deib': ['woU'],
    'capo.servizio': STAFF_ALL('workOrder'),
    contabilita: STAFF_ALL('workOrder'),
    'ditta.elettrica': ['woE'],
    'ditta.termica': ['woH'],
    'ditta.ascensori': ['woU'],
    admin: STAFF_ALL('workOrder'),
  },
  attachments: {
    richiedente: ['aTpub', 'aEpub', 'aHpub'],
    'requester.en': [],
    callcenter: STAFF_ALL('attachment'),
    'bm.centrale': ['aTpub', 'aTint', 'aEint', 'aEpub', 'aHint', 'aHpub'],
    'bm.deib': ['aUint'],
    'capo.servizio': STAFF_ALL('attachment'),
    contabilita: STAFF_ALL('attachment'),
    'ditta.elettrica': ['aTpub', 'aEint', 'aEpub'],
    'ditta.termica': ['aTpub', 'aHint', 'aHpub'],
    'ditta.ascensori': ['aUint'],
    admin: STAFF_ALL('attachment'),
  },
  outbox: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: 403,
    'bm.centrale': 403,
    'bm.deib': 403,
    'capo.servizio': 403,
    contabilita: 403,
    'ditta.elettrica': 403,
    'ditta.termica': 403,
    'ditta.ascensori': 403,
    admin: STAFF_ALL('outbox'),
  },
  penalties: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: 403,
    'bm.centrale': ['pE', 'pH'],
    'bm.deib': ['pU'],
    'capo.servizio': STAFF_ALL('penalty'),
    contabilita: STAFF_ALL('penalty'),
    'ditta.elettrica': ['pE'],
    'ditta.termica': ['pH'],
    'ditta.ascensori': ['pU'],
    admin: STAFF_ALL('penalty'),
  },
  contracts: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: STAFF_ALL('contract'),
    'bm.centrale': STAFF_ALL('contract'),
    'bm.deib': STAFF_ALL('contract'),
    'capo.servizio': STAFF_ALL('contract'),
    contabilita: STAFF_ALL('contract'),
    'ditta.elettrica': ['kE'],
    'ditta.termica': ['kH'],
    'ditta.ascensori': ['kU'],
    admin: STAFF_ALL('contract'),
  },
  /** Penalties, their rules and totals against the cap: as the contracts, but not the call center's business (#7 item 14). */
  contractMoney: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: 403,
    'bm.centrale': STAFF_ALL('contract'),
    'bm.deib': STAFF_ALL('contract'),
    'capo.servizio': STAFF_ALL('contract'),
    contabilita: STAFF_ALL('contract'),
    'ditta.elettrica': ['kE'],
    'ditta.termica': ['kH'],
    'ditta.ascensori': ['kU'],
    admin: STAFF_ALL('contract'),
  },
  /** Final accounts (#10 item 2): as the penalties — the contractor its own, the building manager its buildings'. */
  finalAccounts: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: 403,
    'bm.centrale': ['fE', 'fH'],
    'bm.deib': ['fU'],
    'capo.servizio': STAFF_ALL('finalAccount'),
    contabilita: STAFF_ALL('finalAccount'),
    'ditta.elettrica': ['fE'],
    'ditta.termica': ['fH'],
    'ditta.ascensori': ['fU'],
    admin: STAFF_ALL('finalAccount'),
  },
  /** Invoices (#10 item 5): accounting's, read by the service head; a contractor its own; no building manager. */
  invoices: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: 403,
    'bm.centrale': 403,
    'bm.deib': 403,
    'capo.servizio': STAFF_ALL('invoice'),
    contabilita: STAFF_ALL('invoice'),
    'ditta.elettrica': ['iE'],
    'ditta.termica': ['iH'],
    'ditta.ascensori': ['iU'],
    admin: STAFF_ALL('invoice'),
  },
  /** Cost-allocation rules (#10 item 3): admin, accounting and the service head read every contract's; nobody else. */
  allocationRules: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: 403,
    'bm.centrale': 403,
    'bm.deib': 403,
    'capo.servizio': STAFF_ALL('contract'),
    contabilita: STAFF_ALL('contract'),
    'ditta.elettrica': 403,
    'ditta.termica': 403,
    'ditta.ascensori': 403,
    admin: STAFF_ALL('contract'),
  },
  /** Monthly statements (#10 item 4): staff all, the contractor its own; building managers 403 (a statement is the whole contract). */
  statements: {
    richiedente: 403,
    'requester.en': 403,
    callcenter: 403,
    'bm.centrale': 403,
    'bm.deib': 403,
    'capo.servizio': STAFF_ALL('statement'),
    contabilita: STAFF_ALL('statement'),
    'ditta.elettrica': ['sE'],
    'ditta.termica': ['sH'],
    'ditta.ascensori': ['sU'],
    admin: STAFF_ALL('statement'),
  },
};

/**
 * Every GET endpoint of the spec that takes an id: which objects it reads and by which rule, or
 * where else its scope is proven. A new endpoint missing here fails the first test.
 */
const ENDPOINTS: Record<string, { kind: Kind; rule: RuleName } | { elsewhere: string }> = {
  '/api/tickets/{id}': { kind: 'ticket', rule: 'tickets' },
  '/api/tickets/{id}/timeline': { kind: 'ticket', rule: 'tickets' },
  '/api/work-orders/{id}': { kind: 'workOrder', rule: 'workOrders' },
  '/api/work-orders/{id}/sheet.pdf': { kind: 'workOrder', rule: 'workOrderSheets' },
  '/api/attachments/{id}': { kind: 'attachment', rule: 'attachments' },
  '/api/admin/outbox/{id}': { kind: 'outbox', rule: 'outbox' },
  '/api/penalties/{id}': { kind: 'penalty', rule: 'penalties' },
  '/api/contracts/{id}': { kind: 'contract', rule: 'contracts' },
  '/api/contracts/{id}/sla': { kind: 'contract', rule: 'contracts' },
  '/api/contracts/{id}/calendar': { kind: 'contract', rule: 'contracts' },
  '/api/contracts/{id}/holidays': { kind: 'contract', rule: 'contracts' },
  '/api/contracts/{id}/penalty-rules': { kind: 'contract', rule: 'contractMoney' },
  '/api/contracts/{id}/penalties/summary': { kind: 'contract', rule: 'contractMoney' },
  '/api/contracts/{id}/spend': { kind: 'contract', rule: 'contractMoney' },
  '/api/contracts/{id}/allocation-rule': { kind: 'contract', rule: 'allocationRules' },
  '/api/contracts/{id}/kpi-scheme': { kind: 'contract', rule: 'contractMoney' },
  '/api/kpi-reports/{id}': {
    elsewhere: "a period report reads like its contract's money (a contractor its own, 404 for another's): test/kpi-scheme.int.test.ts",
  },
  '/api/buildings/{id}/allocation-rule': {
    elsewhere: 'cost-allocation rules of buildings, admin/accounting/service head only: test/allocations.int.test.ts',
  },
  '/api/final-accounts/{id}': { kind: 'finalAccount', rule: 'finalAccounts' },
  '/api/invoices/{id}': { kind: 'invoice', rule: 'invoices' },
  '/api/invoices/{id}/file': { elsewhere: 'as the invoice (a stored FatturaPA, none for a manual entry): test/invoices.int.test.ts' },
  '/api/sites/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/departments/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/buildings/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/floors/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/spaces/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/technology-classes/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/technology-classes/{id}/required-documents': {
    elsewhere: "a class's document rules, the same for every logged-in user: test/as-built-documents.int.test.ts",
  },
  '/api/contractors/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/assets/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/users/{id}': { elsewhere: 'registry: test/scope-matrix.int.test.ts' },
  '/api/ratings/{token}': { elsewhere: 'a public single-use link, no caller: test/workflow-ratings.int.test.ts' },
  '/api/rating-follow-ups/{id}': {
    elsewhere:
      "follow-ups of low ratings: service head and admin all, a building manager its buildings', everybody else 403: test/satisfaction.int.test.ts",
  },
  '/api/closures/{id}': { elsewhere: 'site closures, the same for every logged-in user: test/sla.int.test.ts' },
  '/api/price-lists/{id}/items': {
    elsewhere: 'public price lists (staff, contractors), no object of a ticket: test/workflow-price-lists.int.test.ts',
  },
  '/api/inbound-messages/{id}': { elsewhere: 'held e-mails, call center and admin only: test/mail-in.int.test.ts' },
  '/api/maintenance-plans/{id}': { elsewhere: 'plans by (building, class) pair per role: test/plans.int.test.ts' },
  '/api/meters/{id}': { elsewhere: 'a meter reads like its asset (registry scope, test/scope-matrix.int.test.ts): test/plans.int.test.ts' },
  '/api/meters/{id}/readings': { elsewhere: 'as the meter: test/plans.int.test.ts' },
  '/api/programs/{id}': { elsewhere: "programs by contract, a building manager's items only: test/programs.int.test.ts" },
  '/api/programs/{id}/export.pdf': { elsewhere: 'as the program: test/programs.int.test.ts' },
  '/api/programs/{id}/export.xlsx': { elsewhere: 'as the program: test/programs.int.test.ts' },
  '/api/calendar/{token}': { elsewhere: 'a public secret feed URL, no caller: test/calendar-feeds.int.test.ts' },
  '/api/statements/{id}': { kind: 'statement', rule: 'statements' },
  '/api/statements/{id}/export': { elsewhere: 'as the statement (needs ?format=): test/statements.int.test.ts' },
};

/** The ticket's items a user reads in its timeline (by fixture name), and whose work orders' events. */
const TIMELINE: Partial<Record<User, { items: string[]; eventsOf: Name[] }>> = {
  richiedente: { items: ['cTpub', 'cEpub', 'cHpub', 'aTpub', 'aEpub', 'aHpub', 'oT'], eventsOf: ['woE', 'woH'] },
  'ditta.elettrica': { items: ['cTpub', 'cEint', 'cEpub', 'aTpub', 'aEint', 'aEpub', 'oE'], eventsOf: ['woE'] },
  'ditta.termica': { items: ['cTpub', 'cHint', 'cHpub', 'aTpub', 'aHint', 'aHpub', 'oH'], eventsOf: ['woH'] },
};
const EVERY_ITEM = [
  'cTpub',
  'cTint',
  'cEint',
  'cEpub',
  'cHint',
  'cHpub',
  'aTpub',
  'aTint',
  'aEint',
  'aEpub',
  'aHint',
  'aHpub',
  'oT',
  'oE',
  'oH',
];
const FULL_ON_T: User[] = ['callcenter', 'bm.centrale', 'capo.servizio', 'contabilita', 'admin'];
for (const u of FULL_ON_T) TIMELINE[u] = { items: EVERY_ITEM, eventsOf: ['woE', 'woH'] };

/** The sibling's work order on T, for the contractors. */
const SIBLING: Partial<Record<User, Name>> = { 'ditta.elettrica': 'woH', 'ditta.termica': 'woE' };

describeEachDb(
  'ticket items and contract money: every role × every read by id × own / sibling / unrelated',
  (env) => {
    const clients = {} as Record<User, Client>;
    const id = {} as Record<string, string>;
    let spec: Obj;

    beforeAll(async () => {
      for (const u of USERS) clients[u] = await env.login(u);
      const r = await refs(env);
      const bmC = clients['bm.centrale'];
      const bmD = clients['bm.deib'];
      const ele = clients['ditta.elettrica'];
      const ter = clients['ditta.termica'];
      const asc = clients['ditta.ascensori'];

      // T: one ticket, two contractors.
      id.T = (
        await openTicket(clients.richiedente, {
          buildingId: await r.building('MI-B01'),
          description: 'Luce e riscaldamento guasti in aula',
        })
      ).id;
      const e = await move(bmC, 'tickets', id.T, 'issue', {
        technologyClassId: await r.cls('ELE'),
        priority: 'ordinary',
        description: 'Plafoniere',
      });
      id.woE = e.workOrders[0].id;
      const h = await move(bmC, 'tickets', id.T, 'issue', {
        technologyClassId: await r.cls('TER'),
        priority: 'ordinary',
        description: 'Radiatori',
      });
      id.woH = h.workOrders.find((w: Obj) => w.id !== id.woE).id;
      // U: unrelated, another building and contractor.
      id.U = (
        await openTicket(clients['requester.en'], { buildingId: await r.building('MI-B03'), description: 'Lift stuck at floor 2' })
      ).id;
      id.woU = (
        await move(bmD, 'tickets', id.U, 'issue', { technologyClassId: await r.cls('ASC'), priority: 'urgent', description: 'Ascensore' })
      ).workOrders[0].id;

      const comment = async (c: Client, url: string, body: string, visibility: 'public' | 'internal') =>
        ok(await c.post(url, { body, visibility }), 201).id as string;
      id.cTpub = await comment(clients.richiedente, `/api/tickets/${id.T}/comments`, 'La luce va e viene', 'public');
      id.cTint = await comment(bmC, `/api/tickets/${id.T}/comments`, 'Nota interna del BM', 'internal');
      id.cEint = await comment(ele, `/api/work-orders/${id.woE}/comments`, 'Elettrica: nota interna', 'internal');
      id.cEpub = await comment(ele, `/api/work-orders/${id.woE}/comments`, 'Elettrica: passiamo domani', 'public');
      id.cHint = await comment(ter, `/api/work-orders/${id.woH}/comments`, 'Termica: costo stimato 900 euro', 'internal');
      id.cHpub = await comment(ter, `/api/work-orders/${id.woH}/comments`, 'Termica: passiamo lunedì', 'public');

      const file = async (c: Client, url: string, visibility: 'public' | 'internal') =>
        ok(await upload(c, url, { kind: 'document', visibility }, { filename: 'f.pdf', data: FILES.pdf }), 201).id as string;
      id.aTpub = await file(clients.richiedente, `/api/tickets/${id.T}/attachments`, 'public');
      id.aTint = await file(bmC, `/api/tickets/${id.T}/attachments`, 'internal');
      id.aEint = await file(ele, `/api/work-orders/${id.woE}/attachments`, 'internal');
      id.aEpub = await file(ele, `/api/work-orders/${id.woE}/attachments`, 'public');
      id.aHint = await file(ter, `/api/work-orders/${id.woH}/attachments`, 'internal');
      id.aHpub = await file(ter, `/api/work-orders/${id.woH}/attachments`, 'public');
      id.aUint = await file(asc, `/api/work-orders/${id.woU}/attachments`, 'internal');

      const notice = async (q: { ticketId: string; workOrderId: string | null; toUser?: string }) => {
        let s = env.db.selectFrom('outbox').select('id').where('ticket_id', '=', q.ticketId);
        s = q.workOrderId ? s.where('work_order_id', '=', q.workOrderId) : s.where('work_order_id', 'is', null);
        if (q.toUser) s = s.where('to_user_id', '=', await r.user(q.toUser));
        return (await s.orderBy('created_at').orderBy('id').executeTakeFirstOrThrow()).id;
      };
      id.oT = await notice({ ticketId: id.T, workOrderId: null, toUser: 'richiedente' });
      id.oE = await notice({ ticketId: id.T, workOrderId: id.woE, toUser: 'ditta.elettrica' });
      id.oH = await notice({ ticketId: id.T, workOrderId: id.woH, toUser: 'ditta.termica' });
      id.oU = await notice({ ticketId: id.U, workOrderId: id.woU });

      const contract = async (lot: string) =>
        (await env.db.selectFrom('contracts').select('id').where('lot', '=', lot).executeTakeFirstOrThrow()).id;
      id.kE = await contract('Lotto 2');
      id.kH = await contract('Lotto 3');
      id.kU = await contract('Lotto 5');
      const at = env.clock.now.toISOString();
      for (const [name, wo, k] of [
        ['pE', 'woE', 'kE'],
        ['pH', 'woH', 'kH'],
        ['pU', 'woU', 'kU'],
      ] as const) {
        id[name] = `00000000-0000-4000-8000-0000000000${name === 'pE' ? '01' : name === 'pH' ? '02' : '03'}`;
        await env.db
          .insertInto('penalties')
          .values({
            id: id[name],
            contract_id: id[k],
            work_order_id: id[wo],
            breach_key: `${id[wo]}:take_charge:${at}`,
            rule_id: null,
            clock: 'take_charge',
            breached_by_ms: 3_600_000,
            computed_cents: 5000,
            proposed_cents: 5000,
            final_cents: null,
            status: 'proposed',
            term_ends_at: null,
            period: '2026-03',
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      // A final account of each work order, written straight to the table: only reads are tested here.
      for (const [name, wo] of [
        ['fE', 'woE'],
        ['fH', 'woH'],
        ['fU', 'woU'],
      ] as const) {
        const w = await env.db
          .selectFrom('work_orders')
          .select(['contract_id', 'contractor_id', 'building_id'])
          .where('id', '=', id[wo])
          .executeTakeFirstOrThrow();
        id[name] = `00000000-0000-4000-8000-0000000001${name === 'fE' ? '01' : name === 'fH' ? '02' : '03'}`;
        await env.db
          .insertInto('final_accounts')
          .values({
            id: id[name],
            work_order_id: id[wo],
            ...w,
            basis: 'flat_fee',
            status: 'draft',
            quote_id: null,
            approved_net_cents: null,
            discount_bp: 0,
            vat_bp: 2200,
            discountable_cents: 0,
            discount_cents: 0,
            undiscounted_cents: 0,
            net_cents: 0,
            vat_cents: 0,
            total_cents: 0,
            chargeable_net_cents: 0,
            variance_cents: null,
            variance_bp: null,
            variance_reason: null,
            hours_centi: 150,
            materials: null,
            submitted_at: null,
            service_head_id: null,
            service_head_at: null,
            decided_by_id: null,
            decided_at: null,
            return_reason: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      // An invoice of each contract against an approved statement, written straight to the tables: only reads are tested here.
      for (const [name, k] of [
        ['iE', 'kE'],
        ['iH', 'kH'],
        ['iU', 'kU'],
      ] as const) {
        const statement = await insertStatement(env.db, {
          lot: name === 'iE' ? 'Lotto 2' : name === 'iH' ? 'Lotto 3' : 'Lotto 5',
          period: '2026-02',
          number: 1,
          taxableCents: 100_00,
        });
        id[name] = `00000000-0000-4000-8000-0000000002${name === 'iE' ? '01' : name === 'iH' ? '02' : '03'}`;
        await env.db
          .insertInto('invoices')
          .values({
            id: id[name],
            statement_id: statement.id,
            contract_id: id[k],
            contractor_id: statement.contractorId,
            source: 'manual',
            number: name,
            issue_date: '2026-03-01',
            supplier_vat_number: statement.vatNumber,
            cig: statement.cig,
            taxable_cents: 100_00,
            vat_cents: statement.vatCents,
            total_cents: 100_00 + statement.vatCents,
            vat_collectability: 'S',
            mismatches: '[]',
            status: 'registered',
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      // A draft statement of each contract, written straight to the table: only reads are tested here.
      for (const [name, k] of [
        ['sE', 'kE'],
        ['sH', 'kH'],
        ['sU', 'kU'],
      ] as const) {
        const { contractor_id } = await env.db
          .selectFrom('contracts')
          .select('contractor_id')
          .where('id', '=', id[k])
          .executeTakeFirstOrThrow();
        id[name] = `00000000-0000-4000-8000-0000000003${name === 'sE' ? '01' : name === 'sH' ? '02' : '03'}`;
        const zero = { flat_fee_cents: 0, extra_fee_cents: 0, gross_cents: 0, penalties_cents: 0, penalties_deducted_cents: 0 };
        await env.db
          .insertInto('statements')
          .values({
            id: id[name],
            contract_id: id[k],
            contractor_id,
            period: '2026-03',
            number: 2,
            status: 'draft',
            ...zero,
            penalties_carried_cents: 0,
            net_cents: 0,
            progressive_net_cents: 0,
            withheld_cents: 0,
            released_cents: 0,
            taxable_cents: 0,
            vat_bp: 2200,
            vat_cents: 0,
            total_cents: 0,
            durc_valid_until: null,
            prepared_by_id: null,
            approved_by_id: null,
            approved_at: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      spec = ok(await clients.admin.get('/api/openapi.json'));
    });

    it('knows every GET endpoint of the spec that takes an id (a new one must be added to the matrix)', () => {
      const withId = Object.entries(spec.paths as Record<string, Obj>)
        .filter(([p, ops]) => ops.get && /\{\w+\}/.test(p))
        .map(([p]) => p)
        .sort();
      expect(withId).toEqual(Object.keys(ENDPOINTS).sort());
    });

    const ROWS = Object.entries(ENDPOINTS).flatMap(([p, e]) => ('rule' in e ? [{ path: p, ...e }] : []));

    describe.each(USERS)('as %s', (user) => {
      it.each(ROWS)(
        'GET $path: 200 for what it reads, 404 like a missing id for the rest (own, sibling, unrelated), or 403',
        async ({ path: p, kind, rule }) => {
          const c = clients[user];
          const want = RULES[rule][user];
          const url = (objectId: string) => p.replace('{id}', objectId);
          const missing = await c.get(url(MISSING_ID));
          for (const name of OBJECTS[kind]) {
            const res = await c.get(url(id[name]));
            if (want === 403) {
              expect(res.statusCode, `${user} ${name}: ${res.body}`).toBe(403);
              expect(res.json().code).toBe('FORBIDDEN');
            } else if (want.includes(name)) {
              expect(res.statusCode, `${user} ${name}: ${res.body.slice(0, 300)}`).toBe(200);
            } else {
              expect(res.statusCode, `${user} ${name}`).toBe(404);
              expect(res.body, `${user} ${name}: the same answer as a missing id`).toBe(missing.body);
              expect(res.headers['content-type']).toBe(missing.headers['content-type']);
            }
          }
        },
      );

      it("the shared ticket's timeline and page list exactly its items: nothing of a sibling contractor's", async () => {
        const want = TIMELINE[user];
        const c = clients[user];
        if (!want) {
          expect((await c.get(`/api/tickets/${id.T}/timeline`)).statusCode).toBe(404);
          return;
        }
        const items = ok(await c.get(`/api/tickets/${id.T}/timeline`)).items as Obj[];
        const ids = new Set(items.map((i) => i.id));
        for (const name of EVERY_ITEM) expect(ids.has(id[name]), `${user} timeline ${name}`).toBe(want.items.includes(name));
        const eventWos = new Set(items.filter((i) => i.type === 'event' && i.workOrderId).map((i) => i.workOrderId));
        for (const wo of ['woE', 'woH'] as const) expect(eventWos.has(id[wo]), `${user} events of ${wo}`).toBe(want.eventsOf.includes(wo));
        const sibling = SIBLING[user];
        if (sibling) {
          expect(
            items.filter((i) => i.workOrderId === id[sibling]),
            "no item of the sibling's work order",
          ).toEqual([]);
          const siblingNumber = ok(await clients.admin.get(`/api/work-orders/${id[sibling]}`)).number as string;
          expect(JSON.stringify(items), "the sibling's work order is not even named").not.toContain(id[sibling]);
          expect(JSON.stringify(items)).not.toContain(siblingNumber);
        }
        const ticket = ok(await c.get(`/api/tickets/${id.T}`));
        const attachments = new Set((ticket.attachments as Obj[]).map((a) => a.id));
        for (const name of OBJECTS.attachment) {
          const onT = name !== 'aUint';
          const sees = RULES.attachments[user];
          if (onT && sees !== 403) expect(attachments.has(id[name]), `${user} ticket page ${name}`).toBe(sees.includes(name));
        }
        const wos = (ticket.workOrders as Obj[]).map((w) => w.id).sort();
        const expectedWos = sibling ? [id[sibling === 'woH' ? 'woE' : 'woH']] : [id.woE, id.woH].sort();
        expect(wos, `${user} work orders listed on the ticket`).toEqual(expectedWos);
      });
    });

    it.each(['ditta.elettrica', 'ditta.termica'] as const)(
      "%s: the lists and exports carry its own work order of the shared ticket, never the sibling's",
      async (user) => {
        const c = clients[user];
        const own = id[user === 'ditta.elettrica' ? 'woE' : 'woH'];
        const sibling = id[SIBLING[user]!];
        const tickets = ok(await c.get('/api/tickets?limit=200')).items as Obj[];
        expect(tickets.find((t) => t.id === id.T)!.workOrders.map((w: Obj) => w.id)).toEqual([own]);
        expect(tickets.some((t) => t.id === id.U)).toBe(false);
        const wos = (ok(await c.get(`/api/work-orders?ticketId=${id.T}&limit=200`)).items as Obj[]).map((w) => w.id);
        expect(wos).toEqual([own]);
        const penalties = (ok(await c.get('/api/penalties?limit=200')).items as Obj[]).map((p) => p.id);
        expect(penalties).toContain(id[user === 'ditta.elettrica' ? 'pE' : 'pH']);
        expect(penalties).not.toContain(id[user === 'ditta.elettrica' ? 'pH' : 'pE']);
        const csv = await c.get(`/api/tickets/export?format=csv&q=${encodeURIComponent('riscaldamento')}`);
        expect(csv.statusCode).toBe(200);
        const siblingNumber = ok(await clients.admin.get(`/api/work-orders/${sibling}`)).number as string;
        expect(csv.body).toContain(ok(await clients.admin.get(`/api/work-orders/${own}`)).number);
        expect(csv.body).not.toContain(siblingNumber);
      },
    );

    describe("contract money is not the call center's business (#7 item 14)", () => {
      it('the call center gets 403 on every penalty and cap read; the service head reads them', async () => {
        const urls = [
          `/api/contracts/${id.kE}/penalties/summary`,
          `/api/contracts/${id.kE}/penalty-rules`,
          '/api/reports/penalties-vs-cap',
          '/api/penalties',
          `/api/penalties/${id.pE}`,
          `/api/penalties/register?contractId=${id.kE}&period=2026-03`,
        ];
        for (const u of urls) {
          const res = await clients.callcenter.get(u);
          expect(res.statusCode, u).toBe(403);
          expect(res.json().code).toBe('FORBIDDEN');
          expect((await clients['capo.servizio'].get(u)).statusCode, u).toBe(200);
        }
      });

      it('the breaches report shows the call center the breach but not its penalty', async () => {
        // Twenty days on, the fixture's work orders (never acknowledged) have breached their take-charge clock.
        const before = env.clock.now;
        env.clock.now = new Date(before.getTime() + 20 * 86_400_000);
        const q = '/api/reports/breaches?from=2026-03-01&to=2026-03-31';
        let head: Obj, cc: Obj;
        try {
          // Sessions do not last twenty days: log in again.
          head = ok(await (await env.login('capo.servizio')).get(q));
          cc = ok(await (await env.login('callcenter')).get(q));
        } finally {
          env.clock.now = before;
          // Logging in twenty days on ended the sessions of then: the other tests get fresh ones.
          for (const u of USERS) clients[u] = await env.login(u);
        }
        expect((head.items as Obj[]).filter((i) => i.penalty).map((i) => i.penalty.id)).toEqual(
          expect.arrayContaining([id.pE, id.pH, id.pU]),
        );
        expect((cc.items as Obj[]).map((i) => i.workOrder.id)).toEqual((head.items as Obj[]).map((i) => i.workOrder.id));
        expect((cc.items as Obj[]).filter((i) => i.penalty !== null)).toEqual([]);
      });

      it('penalties against the cap list only the contracts whose money the caller may read', async () => {
        const lots = async (u: User) =>
          (ok(await clients[u].get('/api/reports/penalties-vs-cap')).items as Obj[]).map((i) => i.contract.id);
        expect(await lots('ditta.elettrica')).toEqual([id.kE]);
        expect(await lots('capo.servizio')).toEqual(expect.arrayContaining([id.kE, id.kH, id.kU]));
      });
    });
  },
  { env: { ATTACHMENTS_DIR: DIR } },
);

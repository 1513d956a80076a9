// Ticket and work-order rows written straight into the test database, so the notices and e-mail
// tests do not depend on the workflow services.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/server/db/create-db.ts';

export async function userId(db: Db, username: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

export async function buildingId(db: Db, code: string): Promise<string> {
  return (await db.selectFrom('buildings').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

let counter = 900;

export interface TicketFixture {
  id: string;
  number: string;
}

export async function makeTicket(
  db: Db,
  o: {
    at: Date;
    building?: string;
    requester?: string | null;
    callerEmail?: string;
    callerName?: string;
    language?: 'it' | 'en';
    subject?: string;
    number?: string;
  },
): Promise<TicketFixture> {
  const id = randomUUID();
  const number = o.number ?? `2026-${String(++counter).padStart(6, '0')}`;
  const now = o.at.toISOString();
  await db
    .insertInto('tickets')
    .values({
      id,
      number,
      status: 'new',
      channel: o.requester ? 'web' : 'phone',
      requester_id: o.requester ? await userId(db, o.requester) : null,
      caller_email: o.callerEmail ?? null,
      caller_name: o.callerName ?? null,
      opened_by_id: null,
      building_id: await buildingId(db, o.building ?? 'MI-B02'),
      space_id: null,
      asset_id: null,
      subject: o.subject ?? 'Perdita dal soffitto',
      description: 'Goccia acqua dal soffitto in aula N.0.1',
      language: o.language ?? 'it',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, number };
}

export async function makeWorkOrder(db: Db, o: { at: Date; ticket: TicketFixture; classCode?: string; building?: string }) {
  const id = randomUUID();
  const cls = await db
    .selectFrom('technology_classes')
    .select('id')
    .where('code', '=', o.classCode ?? 'TER')
    .executeTakeFirstOrThrow();
  const contract = await db
    .selectFrom('contracts')
    .innerJoin('contract_classes', 'contract_classes.contract_id', 'contracts.id')
    .select(['contracts.id', 'contracts.contractor_id'])
    .where('contract_classes.technology_class_id', '=', cls.id)
    .executeTakeFirstOrThrow();
  const now = o.at.toISOString();
  await db
    .insertInto('work_orders')
    .values({
      id,
      number: `${o.ticket.number}/1`,
      kind: 'corrective',
      ticket_id: o.ticket.id,
      status: 'issued',
      outcome: null,
      building_id: await buildingId(db, o.building ?? 'MI-B02'),
      space_id: null,
      asset_id: null,
      technology_class_id: cls.id,
      contract_id: contract.id,
      contractor_id: contract.contractor_id,
      priority: 'urgent',
      description: 'Riparare la tubazione',
      location: null,
      issued_by_id: null,
      issued_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, contractorId: contract.contractor_id };
}

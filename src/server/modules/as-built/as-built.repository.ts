// SQL of as-built documents (#10 item 1): the catalogue, the per-class rules and the per-work-order
// documents with their states. Every function takes a Db, which may be a transaction.
import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { Db } from '../../db/create-db.ts';
import type { WorkOrderDocumentRow } from '../../db/schema.ts';

export function documentTypes(db: Db) {
  return db.selectFrom('document_types').selectAll().orderBy('position').orderBy('code').execute();
}

export function classRules(db: Db, technologyClassId: string) {
  return db
    .selectFrom('technology_class_documents as r')
    .innerJoin('document_types as d', 'd.code', 'r.document_type')
    .select(['r.document_type', 'r.required_when'])
    .where('r.technology_class_id', '=', technologyClassId)
    .orderBy('d.position')
    .execute();
}

export function technologyClassVersion(db: Db, id: string) {
  return db.selectFrom('technology_classes').select(['id', 'version']).where('id', '=', id).executeTakeFirst();
}

/** Replaces the class's rules; the version check is in the UPDATE (false: another write won). */
export async function replaceClassRules(
  db: Db,
  id: string,
  version: number,
  rules: Array<{ documentType: string; requiredWhen: string }>,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('technology_classes')
    .set({ version: sql`version + 1`, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await db.deleteFrom('technology_class_documents').where('technology_class_id', '=', id).execute();
  if (rules.length)
    await db
      .insertInto('technology_class_documents')
      .values(rules.map((x) => ({ technology_class_id: id, document_type: x.documentType, required_when: x.requiredWhen })))
      .execute();
  return true;
}

export function documentsOf(db: Db, workOrderId: string) {
  return db
    .selectFrom('work_order_documents as d')
    .innerJoin('document_types as t', 't.code', 'd.document_type')
    .leftJoin('attachments as a', 'a.id', 'd.attachment_id')
    .leftJoin('users as u', 'u.id', 'd.decided_by_id')
    .selectAll('d')
    .select(['t.name_it', 't.name_en', 't.position', 'a.filename', 'u.display_name as decided_by_name'])
    .where('d.work_order_id', '=', workOrderId)
    .orderBy('t.position')
    .execute();
}
export type DocumentView = Awaited<ReturnType<typeof documentsOf>>[number];

export function getDocument(db: Db, workOrderId: string, documentType: string) {
  return db
    .selectFrom('work_order_documents')
    .selectAll()
    .where('work_order_id', '=', workOrderId)
    .where('document_type', '=', documentType)
    .executeTakeFirst();
}

export async function insertDocuments(db: Db, rows: Insertable<WorkOrderDocumentRow>[]): Promise<void> {
  if (rows.length) await db.insertInto('work_order_documents').values(rows).execute();
}

export async function updateDocumentVersioned(
  db: Db,
  id: string,
  version: number,
  set: {
    state: string;
    attachment_id?: string | null;
    reason?: string | null;
    uploaded_at?: string;
    decided_by_id?: string | null;
    decided_at?: string | null;
    updated_at: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('work_order_documents')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The latest attachment of each document kind on the work order (the file a snapshot starts from). */
export async function latestAttachmentByKind(db: Db, workOrderId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'kind'])
    .where('work_order_id', '=', workOrderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.kind, r.id]));
}

export function attachmentOfWorkOrder(db: Db, attachmentId: string, workOrderId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'kind', 'filename'])
    .where('id', '=', attachmentId)
    .where('work_order_id', '=', workOrderId)
    .executeTakeFirst();
}

/**
 * The predicate "documents complete" on a work_orders row aliased `w`: it was completed (and not
 * sent back to work since) and none of its documents is other than accepted. For the final
 * accounts, which take only such work orders.
 */
export const documentsCompleteWhere = (w: string): Expression<SqlBool> =>
  sql<SqlBool>`(${sql.ref(`${w}.completed_at`)} is not null and not exists (select 1 from work_order_documents wod where wod.work_order_id = ${sql.ref(`${w}.id`)} and wod.state <> 'accepted'))`;

/** documentsComplete(workOrder), asked of the database. */
export async function documentsComplete(db: Db, workOrderId: string): Promise<boolean> {
  const r = await db
    .selectFrom('work_orders as w')
    .select('w.id')
    .where('w.id', '=', workOrderId)
    .where(documentsCompleteWhere('w'))
    .executeTakeFirst();
  return r !== undefined;
}

export interface DocumentListFilter {
  contractorId?: string;
  buildingId?: string;
  states: readonly string[];
  after: string | null;
  limit: number;
}

/** Documents of work orders in `scope` (a predicate on the work order, null: all), oldest first by id. */
export function listDocuments(db: Db, scope: Expression<SqlBool> | null, f: DocumentListFilter) {
  let q = db
    .selectFrom('work_order_documents as d')
    .innerJoin('work_orders as w', 'w.id', 'd.work_order_id')
    .innerJoin('document_types as t', 't.code', 'd.document_type')
    .innerJoin('buildings as b', 'b.id', 'w.building_id')
    .innerJoin('contractors as c', 'c.id', 'w.contractor_id')
    .innerJoin('technology_classes as tc', 'tc.id', 'w.technology_class_id')
    .selectAll('d')
    .select([
      't.name_it',
      't.name_en',
      'w.number as work_order_number',
      'w.status as work_order_status',
      'w.documents_due_on',
      'w.completed_at',
      'b.id as building_id',
      'b.code as building_code',
      'b.name as building_name',
      'c.id as contractor_id',
      'c.name as contractor_name',
      'tc.code as class_code',
    ])
    .where('d.state', 'in', [...f.states]);
  if (scope) q = q.where(scope);
  if (f.contractorId) q = q.where('w.contractor_id', '=', f.contractorId);
  if (f.buildingId) q = q.where('w.building_id', '=', f.buildingId);
  if (f.after) q = q.where('d.id', '>', f.after);
  return q
    .orderBy('d.id')
    .limit(f.limit + 1)
    .execute();
}
export type DocumentListRow = Awaited<ReturnType<typeof listDocuments>>[number];

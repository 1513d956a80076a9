// As-built documents and certificates (#10 item 1). A technology class lists the document types
// a work order of the class must carry (document_types, technology_class_documents); when the
// work order completes, those and the ones that already gate completion (DM 37/2008) become its
// documents, each missing → uploaded (the contractor names one of the work order's attachments)
// → accepted / returned with a reason (the building manager of the building). documentsComplete
// — completed and all accepted — is what the final accounts will ask of a work order.
import {
  decideDocument,
  documentActions,
  documentsComplete,
  documentsToCarry,
  type DocumentAction,
  type DocumentState,
  type RequiredWhen,
} from '../../../domain/workflow/as-built.ts';
import type { Role } from '../../../domain/workflow/types.ts';
import type { DocumentTypeCodeValue } from '../../../shared/schemas/as-built.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { workOrderRoles } from '../tickets/access.ts';
import { actorLabel, actorUserId, newSortableId } from '../tickets/actor.ts';
import { enqueueNotices } from '../notices/enqueue.ts';
import * as tickets from '../tickets/tickets.repository.ts';
import { inVersionedTransaction, StaleVersion, type Trx } from '../tickets/workflow-helpers.ts';
import { getWorkOrder, type WorkOrder } from '../work-orders/work-orders.repository.ts';
import { scopeExpr, workOrderScope } from '../worklists/worklists.views.ts';
import * as repo from './as-built.repository.ts';

const bool = (v: unknown) => v === true || v === 1 || v === '1';

export interface DocumentTypeDto {
  code: DocumentTypeCodeValue;
  nameIt: string;
  nameEn: string;
}

export interface WorkOrderDocumentDto {
  id: string;
  documentType: DocumentTypeCodeValue;
  nameIt: string;
  nameEn: string;
  state: DocumentState;
  attachment: { id: string; filename: string } | null;
  reason: string | null;
  uploadedAt: string | null;
  decidedBy: { id: string; label: string } | null;
  decidedAt: string | null;
  version: number;
  availableActions: DocumentAction[];
}

export interface WorkOrderDocumentsDto {
  /** Completed and every document accepted: the final accounts take only such work orders. */
  complete: boolean;
  items: WorkOrderDocumentDto[];
}

// --- catalogue and per-class rules ----------------------------------------------------------------

export async function listDocumentTypes(ctx: AppContext): Promise<{ items: DocumentTypeDto[] }> {
  const rows = await repo.documentTypes(ctx.db);
  return { items: rows.map((r) => ({ code: r.code as DocumentTypeCodeValue, nameIt: r.name_it, nameEn: r.name_en })) };
}

export interface ClassRulesDto {
  technologyClassId: string;
  version: number;
  items: Array<{ documentType: string; requiredWhen: RequiredWhen }>;
}

export async function getClassRules(db: Db, technologyClassId: string): Promise<ClassRulesDto> {
  const cls = await repo.technologyClassVersion(db, technologyClassId);
  if (!cls) throw notFound();
  const rules = await repo.classRules(db, technologyClassId);
  return {
    technologyClassId,
    version: Number(cls.version),
    items: rules.map((r) => ({ documentType: r.document_type, requiredWhen: r.required_when as RequiredWhen })),
  };
}

/** Admin: replaces what a class's work orders must carry; the class's version guards it (409). */
export async function setClassRules(
  ctx: AppContext,
  actor: Principal,
  technologyClassId: string,
  body: { version: number; items: Array<{ documentType: string; requiredWhen: RequiredWhen }> },
): Promise<ClassRulesDto> {
  if (!actor.roles.has('admin')) throw forbidden();
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  body.items.forEach((r, i) => {
    if (seen.has(r.documentType)) issues.push({ field: `items.${i}.documentType`, rule: 'unique' });
    seen.add(r.documentType);
  });
  if (issues.length) throw invalid(issues);
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      if (!(await repo.technologyClassVersion(trx, technologyClassId))) throw notFound();
      if (!(await repo.replaceClassRules(trx, technologyClassId, body.version, body.items, ctx.now().toISOString())))
        throw new StaleVersion();
    },
    () => getClassRules(ctx.db, technologyClassId),
  );
  return getClassRules(ctx.db, technologyClassId);
}

// --- the snapshot at completion -------------------------------------------------------------------

/**
 * Called by 'complete' in its transaction: the work order's documents are the ones gating
 * completion plus the class's rules. A document already attached starts 'uploaded' (its latest
 * file), else 'missing'. A second completion (after a rejected one) adds only new types: the
 * states reached so far stay.
 */
export async function snapshotDocuments(trx: Trx, w: WorkOrder, gating: readonly string[], at: string): Promise<void> {
  const rules = await repo.classRules(trx, w.technology_class_id);
  const types = documentsToCarry(
    gating,
    rules.map((r) => ({ documentType: r.document_type, requiredWhen: r.required_when as RequiredWhen })),
    { extraordinary: bool(w.extra_fee), changesInstallation: bool(w.changes_installation) },
  );
  if (types.length === 0) return;
  const existing = new Set((await repo.documentsOf(trx, w.id)).map((d) => d.document_type));
  const files = await repo.latestAttachmentByKind(trx, w.id);
  await repo.insertDocuments(
    trx,
    types
      .filter((t) => !existing.has(t))
      .map((t) => ({
        id: newSortableId(),
        work_order_id: w.id,
        document_type: t,
        state: files.has(t) ? 'uploaded' : 'missing',
        attachment_id: files.get(t) ?? null,
        reason: null,
        uploaded_at: files.has(t) ? at : null,
        decided_by_id: null,
        decided_at: null,
        created_at: at,
        updated_at: at,
      })),
  );
}

// --- read -----------------------------------------------------------------------------------------

function present(d: repo.DocumentView, roles: ReadonlySet<Role>): WorkOrderDocumentDto {
  const state = d.state as DocumentState;
  return {
    id: d.id,
    documentType: d.document_type as DocumentTypeCodeValue,
    nameIt: d.name_it,
    nameEn: d.name_en,
    state,
    attachment: d.attachment_id ? { id: d.attachment_id, filename: d.filename ?? '' } : null,
    reason: d.reason,
    uploadedAt: d.uploaded_at,
    decidedBy: d.decided_by_id ? { id: d.decided_by_id, label: d.decided_by_name ?? '' } : null,
    decidedAt: d.decided_at,
    version: Number(d.version),
    availableActions: documentActions(state, roles),
  };
}

/** The work order's documents for a caller with `roles` on it (the work-order page shows them). */
export async function presentDocuments(db: Db, w: { id: string; completed_at: string | null }, roles: ReadonlySet<Role>) {
  const rows = await repo.documentsOf(db, w.id);
  const items = rows.map((d) => present(d, roles));
  return {
    complete: documentsComplete(
      w.completed_at !== null,
      items.map((i) => i.state),
    ),
    items,
  };
}

/** documentsComplete(workOrder): the predicate the final accounts use (SQL in the repository). */
export const workOrderDocumentsComplete = (db: Db, workOrderId: string): Promise<boolean> => repo.documentsComplete(db, workOrderId);

/** The work order's documents not accepted yet (missing, uploaded or returned), in catalogue order. */
export async function documentsNotAccepted(db: Db, workOrderId: string) {
  return (await repo.documentsOf(db, workOrderId))
    .filter((d) => d.state !== 'accepted')
    .map((d) => ({ documentType: d.document_type, state: d.state as DocumentState, nameIt: d.name_it, nameEn: d.name_en }));
}

async function documentsForCaller(ctx: AppContext, actor: Principal, workOrderId: string): Promise<WorkOrderDocumentsDto> {
  const w = await getWorkOrder(ctx.db, workOrderId);
  if (!w) throw notFound();
  const roles = await workOrderRoles(ctx.db, actor, w);
  if (roles.size === 0) throw notFound();
  return presentDocuments(ctx.db, w, roles);
}

// --- actions --------------------------------------------------------------------------------------

/** POST /api/work-orders/{id}/documents/{type}/actions/{action}: {version, attachmentId?, reason?}. */
export async function documentAction(
  ctx: AppContext,
  actor: Principal,
  workOrderId: string,
  documentType: string,
  action: DocumentAction,
  body: { version: number; attachmentId?: string; reason?: string },
): Promise<WorkOrderDocumentsDto> {
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const w = await getWorkOrder(trx, workOrderId);
      if (!w) throw notFound();
      const roles = await workOrderRoles(trx, actor, w);
      if (roles.size === 0) throw notFound();
      const doc = await repo.getDocument(trx, workOrderId, documentType);
      if (!doc) throw notFound();
      const decision = decideDocument(doc.state as DocumentState, action, roles);
      // Role first (403), then the version read (409 with the current state), then the state.
      if (!decision.ok && decision.code === 'FORBIDDEN') throw forbidden();
      if (Number(doc.version) !== body.version) throw new StaleVersion();
      if (!decision.ok) throw new AppError('INVALID_STATE', { action, state: doc.state });
      const at = ctx.now().toISOString();
      const data: Record<string, unknown> = { documentType };
      let set: Parameters<typeof repo.updateDocumentVersioned>[3];
      if (action === 'upload') {
        if (!body.attachmentId) throw invalid([{ field: 'attachmentId', rule: 'required' }]);
        const a = await repo.attachmentOfWorkOrder(trx, body.attachmentId, workOrderId);
        if (!a || a.kind !== documentType)
          throw invalid([{ field: 'attachmentId', rule: 'documentAttachment', params: { type: documentType } }]);
        set = {
          state: decision.to,
          attachment_id: a.id,
          reason: null,
          uploaded_at: at,
          decided_by_id: null,
          decided_at: null,
          updated_at: at,
        };
        Object.assign(data, { attachmentId: a.id, filename: a.filename });
      } else if (action === 'return') {
        const reason = body.reason?.trim();
        if (!reason) throw invalid([{ field: 'reason', rule: 'required' }]);
        set = { state: decision.to, reason, decided_by_id: actorUserId(actor), decided_at: at, updated_at: at };
        data.reason = reason;
      } else {
        set = { state: decision.to, reason: null, decided_by_id: actorUserId(actor), decided_at: at, updated_at: at };
      }
      if (!(await repo.updateDocumentVersioned(trx, doc.id, Number(doc.version), set))) throw new StaleVersion();
      // On the work order's timeline (its status does not move: from and to are the same).
      const eventId = newSortableId();
      await tickets.insertEvent(trx, {
        id: eventId,
        ticketId: w.ticket_id,
        workOrderId: w.id,
        at,
        actorId: actorUserId(actor),
        actorLabel: actorLabel(actor),
        action: `document_${action}`,
        from: w.status,
        to: w.status,
        data,
      });
      // A returned document is the contractor's to redo: tell it, in its language, with the reason.
      if (action === 'return') {
        const type = (await repo.documentTypes(trx)).find((t) => t.code === documentType);
        await enqueueNotices(trx, ctx, {
          notices: [{ kind: 'document_returned', to: ['contractor'] }],
          ticketId: w.ticket_id,
          workOrderId: w.id,
          eventId,
          actorUserId: actorUserId(actor),
          action: 'document_return',
          data: { ...data, documentIt: type?.name_it ?? documentType, documentEn: type?.name_en ?? documentType },
        });
      }
    },
    () => documentsForCaller(ctx, actor, workOrderId),
  );
  return documentsForCaller(ctx, actor, workOrderId);
}

// --- the list per contractor ----------------------------------------------------------------------

export interface DocumentListItemDto {
  id: string;
  documentType: DocumentTypeCodeValue;
  nameIt: string;
  nameEn: string;
  state: DocumentState;
  reason: string | null;
  version: number;
  workOrder: { id: string; number: string; status: string; completedAt: string | null; documentsDueOn: string | null };
  building: { id: string; code: string; name: string };
  contractor: { id: string; name: string };
  technologyClassCode: string;
}

export const OPEN_DOCUMENT_STATES: readonly DocumentState[] = ['missing', 'returned'];

/**
 * Documents still owed, of the work orders the caller sees (SQL scope: a contractor its own, a
 * building manager its buildings', service head, accounting, call center and admin all).
 * Default states: missing and returned.
 */
export async function listDocuments(
  ctx: AppContext,
  actor: Principal,
  q: { contractorId?: string; buildingId?: string; state?: DocumentState; cursor?: string; limit?: number },
): Promise<{ items: DocumentListItemDto[]; nextCursor: string | null }> {
  const scope = workOrderScope(actor);
  if (scope.kind === 'forbidden') throw forbidden();
  const limit = q.limit ?? 50;
  const rows = await repo.listDocuments(ctx.db, scopeExpr(scope, 'w'), {
    contractorId: q.contractorId,
    buildingId: q.buildingId,
    states: q.state ? [q.state] : OPEN_DOCUMENT_STATES,
    after: q.cursor ?? null,
    limit,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      documentType: r.document_type as DocumentTypeCodeValue,
      nameIt: r.name_it,
      nameEn: r.name_en,
      state: r.state as DocumentState,
      reason: r.reason,
      version: Number(r.version),
      workOrder: {
        id: r.work_order_id,
        number: r.work_order_number,
        status: r.work_order_status,
        completedAt: r.completed_at,
        documentsDueOn: r.documents_due_on ?? null,
      },
      building: { id: r.building_id, code: r.building_code, name: r.building_name },
      contractor: { id: r.contractor_id, name: r.contractor_name },
      technologyClassCode: r.class_code,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}

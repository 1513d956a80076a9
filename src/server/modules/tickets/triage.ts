// PATCH /api/tickets/{id}: the call center completes a ticket before a building manager qualifies
// it — subject, description, place, who called, a priority hint, the danger flag. One transaction:
// the version-checked update and one 'triage' event listing each change (old → new, as labels a
// reader understands), which the timeline shows to staff; a requester sees the ticket as it is now.
import { PRIORITIES, type Priority } from '../../../domain/workflow/types.ts';
import type { TicketDto, TicketPatchInput } from '../../../shared/schemas/workflow.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, invalid, notFound, type FieldIssue } from '../../errors.ts';
import { buildingIdScope } from '../../scope.ts';
import { canTriage, TRIAGE_ROLES, ticketRoles } from './access.ts';
import { enqueueNotices } from '../notices/enqueue.ts';
import { actorLabel, actorUserId, newSortableId } from './actor.ts';
import * as repo from './tickets.repository.ts';
import { getTicket } from './tickets.service.ts';
import { inVersionedTransaction, StaleVersion, type Trx } from './workflow-helpers.ts';

export interface TriageChange {
  field: string;
  from: string | boolean | null;
  to: string | boolean | null;
}

const bool = (v: unknown) => v === true || v === 1 || v === '1';
const ref = (r: { code: string; name: string } | undefined | null) => (r ? `${r.code} — ${r.name}` : null);
/** Trimmed; empty → null (a cleared optional field). */
const clean = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : v.trim() || null);

export async function triageTicket(ctx: AppContext, actor: Principal, id: string, input: TicketPatchInput): Promise<TicketDto> {
  await inVersionedTransaction(
    ctx,
    async (trx) => {
      const t = await repo.getTicketView(trx, id);
      if (!t) throw notFound();
      const roles = await ticketRoles(trx, actor, t);
      if (roles.size === 0) throw notFound();
      if (!TRIAGE_ROLES.some((r) => roles.has(r))) throw forbidden();
      if (Number(t.version) !== input.version) throw new StaleVersion();
      if (!canTriage(roles, t))
        throw new AppError('INVALID_STATE', { action: 'triage', state: t.status }, [], { action: 'triage', state: t.status });

      const set: repo.TicketSet = {};
      const changes: TriageChange[] = [];
      const issues: FieldIssue[] = [];
      /** References that do not resolve (422 INVALID_REFERENCE, as when opening). */
      const refIssues: FieldIssue[] = [];
      const change = (field: string, from: TriageChange['from'], to: TriageChange['to']) => {
        if (from !== to) changes.push({ field, from, to });
      };

      for (const field of ['subject', 'description'] as const) {
        const v = input[field]?.trim();
        if (input[field] === undefined) continue;
        if (!v) issues.push({ field, rule: 'required' });
        else if (v !== t[field]) {
          set[field] = v;
          change(field, t[field], v);
        }
      }

      // The place: a new building drops the room and asset of the old one unless new ones are given.
      let buildingId = t.building_id;
      if (input.buildingId !== undefined && input.buildingId !== t.building_id) {
        const scope = buildingIdScope(actor);
        const b =
          scope.kind === 'forbidden'
            ? undefined
            : await repo.findActiveBuilding(trx, input.buildingId, scope.kind === 'rows' ? scope.contains : null);
        if (!b) refIssues.push({ field: 'buildingId', rule: 'notFound' });
        else {
          buildingId = b.id;
          set.building_id = b.id;
          change('building', ref({ code: t.building_code, name: t.building_name }), ref(b));
        }
      }
      const buildingMoved = buildingId !== t.building_id;
      const place = async (
        field: 'spaceId' | 'assetId',
        column: 'space_id' | 'asset_id',
        old: { code: string | null; name: string | null },
      ) => {
        const given = input[field];
        const wanted = given !== undefined ? given : buildingMoved ? null : t[column];
        if (wanted === t[column]) return;
        let label: string | null = null;
        if (wanted) {
          const row = field === 'spaceId' ? await repo.findSpaceRef(trx, wanted) : await repo.findAssetRef(trx, wanted);
          if (!row || !bool(row.active)) return refIssues.push({ field, rule: 'notFound' });
          if (row.building_id !== buildingId)
            return refIssues.push({ field, rule: field === 'spaceId' ? 'spaceBuilding' : 'assetBuilding' });
          label = ref(row);
        }
        set[column] = wanted ?? null;
        change(field === 'spaceId' ? 'space' : 'asset', t[column] ? ref({ code: old.code ?? '', name: old.name ?? '' }) : null, label);
      };
      await place('spaceId', 'space_id', { code: t.space_code, name: t.space_name });
      await place('assetId', 'asset_id', { code: t.asset_code, name: t.asset_name });

      // Who called: a known user (they become the requester: notices in their language) and/or the free fields.
      if (input.requesterId !== undefined && input.requesterId !== t.requester_id) {
        const u = input.requesterId ? await repo.findActiveUser(trx, input.requesterId) : null;
        if (input.requesterId && !u) refIssues.push({ field: 'requesterId', rule: 'notFound' });
        else {
          set.requester_id = u?.id ?? null;
          if (u) set.language = u.language === 'en' ? 'en' : 'it';
          change('requester', t.requester_id ? (t.requester_name ?? '') : null, u?.display_name ?? null);
        }
      }
      for (const [field, column] of [
        ['callerName', 'caller_name'],
        ['callerPhone', 'caller_phone'],
        ['callerEmail', 'caller_email'],
      ] as const) {
        const v = clean(input[field]);
        if (v === undefined || v === t[column]) continue;
        set[column] = v;
        change(field, t[column], v);
      }
      const phoneChannel = t.channel === 'phone';
      const requesterAfter = set.requester_id !== undefined ? set.requester_id : t.requester_id;
      const callerAfter = set.caller_name !== undefined ? set.caller_name : t.caller_name;
      // A ticket taken on the phone names its caller, as when it was opened.
      if (phoneChannel && !requesterAfter && !callerAfter) issues.push({ field: 'callerName', rule: 'required' });

      // Danger means emergency; otherwise the hint as given (null clears it).
      const dangerAfter = input.danger ?? bool(t.danger);
      if (input.priority !== undefined && input.priority !== null && !(PRIORITIES as readonly string[]).includes(input.priority)) {
        issues.push({ field: 'priority', rule: 'enum', params: { allowed: PRIORITIES.join(', ') } });
      } else if (dangerAfter && input.priority !== undefined && input.priority !== 'emergency') {
        issues.push({ field: 'priority', rule: 'dangerEmergency' });
      }
      if (input.danger !== undefined && input.danger !== bool(t.danger)) {
        set.danger = input.danger ? 1 : 0;
        change('danger', bool(t.danger), input.danger);
      }
      const priorityAfter: Priority | null = dangerAfter
        ? 'emergency'
        : input.priority !== undefined
          ? (input.priority as Priority | null)
          : input.danger === false && t.priority === 'emergency'
            ? null
            : (t.priority as Priority | null);
      if (priorityAfter !== t.priority) {
        set.priority = priorityAfter;
        change('priority', t.priority, priorityAfter);
      }

      if (issues.length) throw invalid(issues);
      if (refIssues.length) throw new AppError('INVALID_REFERENCE', {}, refIssues);
      if (changes.length === 0) return;
      const at = ctx.now().toISOString();
      if (!(await repo.updateTicketVersioned(trx, t.id, Number(t.version), { ...set, updated_at: at }))) throw new StaleVersion();
      // A danger raised here reaches the building's managers as opening a danger ticket does
      // (whatever the building's new-ticket setting), once: not if they were told at opening or by
      // an earlier triage (the flag cleared and raised again tells them nothing new).
      const announceDanger = set.danger === 1 && !(await dangerAnnounced(trx, t.id));
      const eventId = newSortableId();
      const data = announceDanger ? { changes, dangerAnnounced: true } : { changes };
      await repo.insertEvent(trx, {
        id: eventId,
        ticketId: t.id,
        workOrderId: null,
        at,
        actorId: actorUserId(actor),
        actorLabel: actorLabel(actor),
        action: 'triage',
        from: t.status,
        to: t.status,
        data,
      });
      if (announceDanger)
        await enqueueNotices(trx, ctx, {
          notices: [{ kind: 'ticket_opened', to: ['building_managers'] }],
          ticketId: t.id,
          workOrderId: null,
          eventId,
          actorUserId: actorUserId(actor),
          action: 'raise_danger',
          data: { danger: true, priority: 'emergency' },
        });
    },
    () => getTicket(ctx, actor, id),
  );
  return getTicket(ctx, actor, id);
}

/** Were the building's managers told of a danger to people on this ticket: opened as one, or raised by an earlier triage? */
async function dangerAnnounced(trx: Trx, ticketId: string): Promise<boolean> {
  const rows = await repo.ticketEventData(trx, ticketId, ['open', 'triage']);
  return rows.some((r) => {
    const d = JSON.parse(r.data || '{}') as { danger?: unknown; dangerAnnounced?: unknown };
    return r.action === 'open' ? d.danger === true : d.dangerAnnounced === true;
  });
}

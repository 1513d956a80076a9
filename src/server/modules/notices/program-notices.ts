// Notices about a monthly program (program_submitted, program_returned, program_approved,
// program_published). A program has no ticket, so enqueueNotices (which starts from a ticket or a
// work order) does not fit; this resolves the same audiences the same way (enqueue.ts rules:
// actor left out, one message per person, e-mail + in-app) from the program instead:
//   building_managers: active managers of the buildings with items in the program, each told
//                      about ITS buildings only (their codes and their items' count);
//   call_center:       active users with that role;
//   contractor:        active users of the program's contractor, or its address when none has one.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import type { Audience, Notice } from '../../../domain/workflow/types.ts';
import { noticeLang, renderNotice } from '../../../domain/notices/render.ts';
import type { NoticeLang } from '../../../domain/notices/types.ts';
import { newId } from '../../ids.ts';
import * as repo from './notices.repository.ts';
import { onceEach } from './enqueue.ts';

export interface ProgramNoticeRequest {
  notices: readonly Notice[];
  program: { id: string; month: string; contractTitle: string; lot: string; contractorId: string; contractorName: string };
  /** Buildings with items in the program and their item counts. */
  buildings: ReadonlyArray<{ id: string; code: string; name: string; items: number }>;
  eventId: string;
  actorUserId: string | null;
  action: string;
  data: Record<string, unknown>;
}

interface ProgramRecipient {
  userId: string | null;
  name: string | null;
  email: string | null;
  language: NoticeLang;
  audience: Audience;
  /** A building manager's own buildings (null: the whole program). */
  buildings: Array<{ code: string; name: string; items: number }> | null;
}

export async function enqueueProgramNotices(trx: Transaction<Database>, ctx: AppContext, req: ProgramNoticeRequest): Promise<number> {
  if (req.notices.length === 0) return 0;
  const now = ctx.now().toISOString();
  const base = ctx.config.publicUrl.replace(/\/+$/, '');
  const total = req.buildings.reduce((n, b) => n + b.items, 0);
  let written = 0;
  for (const notice of req.notices) {
    for (const r of await programRecipients(trx, notice, req)) {
      const own = r.buildings;
      const msg = renderNotice(r.language, {
        kind: notice.kind,
        action: req.action,
        audience: r.audience,
        recipientName: r.name,
        ticketNumber: null,
        ticketSubject: null,
        ticketDescription: null,
        building: own ? own.map((b) => `${b.code} ${b.name}`).join(', ') : null,
        space: null,
        workOrderNumber: null,
        priority: null,
        url: r.userId ? `${base}/programs/${req.program.id}` : null,
        ratingUrl: null,
        ratingDays: ctx.config.ratingLinkDays,
        data: {
          ...req.data,
          month: req.program.month,
          contract: `${req.program.lot} — ${req.program.contractTitle}`,
          contractTitle: req.program.contractTitle,
          lot: req.program.lot,
          contractorName: req.program.contractorName,
          itemCount: own ? own.reduce((n, b) => n + b.items, 0) : total,
        },
      });
      if (r.email) {
        await repo.insertOutbox(trx, {
          id: newId(),
          idempotency_key: `${req.eventId}:${notice.kind}:${r.email.toLowerCase()}`,
          kind: notice.kind,
          to_address: r.email,
          to_user_id: r.userId,
          language: r.language,
          subject: msg.subject,
          text_body: msg.text,
          html_body: msg.html,
          ticket_id: null,
          work_order_id: null,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          locked_until: null,
          last_error: null,
          created_at: now,
          sent_at: null,
          attachment_id: null,
        });
        written++;
      }
      if (r.userId) {
        await repo.insertNotification(trx, {
          id: newId(),
          user_id: r.userId,
          kind: notice.kind,
          ticket_id: null,
          work_order_id: null,
          title: msg.subject.replace(/^\[[^\]]*\]\s*/, ''),
          body: msg.summary.slice(0, 2000),
          created_at: now,
          read_at: null,
        });
      }
    }
  }
  return written;
}

async function programRecipients(db: Transaction<Database>, notice: Notice, req: ProgramNoticeRequest): Promise<ProgramRecipient[]> {
  const out: ProgramRecipient[] = [];
  const firstTime = onceEach();
  const add = (p: repo.PersonRow, audience: Audience, buildings: ProgramRecipient['buildings'], language = p.language) => {
    if (p.userId && p.userId === req.actorUserId) return;
    const email = firstTime(p);
    if (email !== undefined) out.push({ userId: p.userId, name: p.name, email, language: noticeLang(language), audience, buildings });
  };
  for (const audience of notice.to) {
    if (audience === 'building_managers') {
      // Each manager once, with all of their buildings in the program.
      const byUser = new Map<string, { person: repo.PersonRow; buildings: Array<{ code: string; name: string; items: number }> }>();
      for (const b of req.buildings) {
        for (const u of await repo.activeManagersOf(db, b.id)) {
          const key = u.userId ?? '';
          const entry = byUser.get(key) ?? { person: u, buildings: [] };
          entry.buildings.push({ code: b.code, name: b.name, items: b.items });
          byUser.set(key, entry);
        }
      }
      for (const { person, buildings } of byUser.values()) add(person, audience, buildings);
    } else if (audience === 'call_center' || audience === 'service_heads') {
      for (const u of await repo.activeUsersWithRole(db, audience === 'call_center' ? 'call_center' : 'service_head'))
        add(u, audience, null);
    } else if (audience === 'contractor') {
      const users = await repo.activeUsersOfContractor(db, req.program.contractorId);
      for (const u of users) add(u, audience, null);
      if (!users.some((u) => u.email?.trim())) {
        const c = await repo.contractorById(db, req.program.contractorId);
        if (c?.active && c.email) add({ userId: null, name: c.name, email: c.email, language: 'it' }, audience, null);
      }
    }
  }
  return out;
}

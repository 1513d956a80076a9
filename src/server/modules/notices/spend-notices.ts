// The spend alert (#10 item 6): a contract reached 80 % or 100 % of its amount or of the lot
// ceiling. Like a program notice it has no ticket, so enqueueNotices does not fit; the audience is
// the active service heads, each reached once (e-mail + in-app, enqueue.ts rules), in their language.
// The idempotency key names the contract, basis and threshold: even a repeated request sends once.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppContext } from '../../context.ts';
import { noticeLang, renderNotice } from '../../../domain/notices/render.ts';
import { formatter } from '../../../shared/format.ts';
import { newId } from '../../ids.ts';
import * as repo from './notices.repository.ts';
import { onceEach } from './enqueue.ts';

export interface SpendNoticeRequest {
  contract: { id: string; lot: string; title: string };
  basis: 'amount' | 'ceiling';
  thresholdBp: number;
  usedCents: number;
  baseCents: number;
  /** Used share of the base in basis points. */
  usedBp: number;
}

/** Writes the alert for every active service head; returns the e-mails written. */
export async function enqueueSpendNotice(trx: Transaction<Database>, ctx: AppContext, req: SpendNoticeRequest): Promise<number> {
  const now = ctx.now().toISOString();
  const base = ctx.config.publicUrl.replace(/\/+$/, '');
  const firstTime = onceEach();
  let written = 0;
  for (const u of await repo.activeUsersWithRole(trx, 'service_head')) {
    const email = firstTime(u);
    if (email === undefined) continue;
    const lang = noticeLang(u.language);
    const f = formatter(lang);
    const msg = renderNotice(lang, {
      kind: 'spend_threshold',
      action: req.basis,
      audience: 'service_heads',
      recipientName: u.name,
      ticketNumber: null,
      ticketSubject: null,
      ticketDescription: null,
      building: null,
      space: null,
      workOrderNumber: null,
      priority: null,
      url: `${base}/accounting/spend?contract=${req.contract.id}`,
      ratingUrl: null,
      ratingDays: ctx.config.ratingLinkDays,
      data: {
        contract: `${req.contract.lot} — ${req.contract.title}`,
        threshold: f.percent(req.thresholdBp / 100),
        share: f.percent(Math.floor(req.usedBp / 10) / 10),
        used: req.usedCents,
        base: req.baseCents,
      },
    });
    if (email) {
      await repo.insertOutbox(trx, {
        id: newId(),
        idempotency_key: `spend:${req.contract.id}:${req.basis}:${req.thresholdBp}:${email.toLowerCase()}`,
        kind: 'spend_threshold',
        to_address: email,
        to_user_id: u.userId,
        language: lang,
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
    if (u.userId) {
      await repo.insertNotification(trx, {
        id: newId(),
        user_id: u.userId,
        kind: 'spend_threshold',
        ticket_id: null,
        work_order_id: null,
        title: msg.subject.replace(/^\[[^\]]*\]\s*/, ''),
        body: msg.summary.slice(0, 2000),
        created_at: now,
        read_at: null,
      });
    }
  }
  return written;
}

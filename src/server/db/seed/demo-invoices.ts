// The contractors' invoices of the demo (#10 item 5), registered by accounting through the invoice
// service against the approved statements there are (none: nothing to do): the oldest invoiced
// correctly and accepted; the next with the VAT collected immediately instead of in split payment
// (the commonest real mistake towards a public body) and disputed; a third, if any, matched and
// waiting for accounting's decision. Each step at its own instant, a few days after the month.
import { DateTime } from 'luxon';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import * as repo from '../../modules/accounting/invoices.repository.ts';
import { invoiceAction, registerManualInvoice } from '../../modules/accounting/invoices.service.ts';

const ZONE = 'Europe/Rome';
const DAY = 86_400_000;

async function accountingPrincipal(ctx: AppContext): Promise<Principal | null> {
  const u = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.language', 'u.contractor_id', 'u.department_id'])
    .where('r.role', '=', 'accounting')
    .where('u.active', '=', 1)
    .orderBy('u.username')
    .executeTakeFirst();
  if (!u) return null;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    language: u.language === 'en' ? 'en' : 'it',
    roles: new Set(['accounting']),
    contractorId: u.contractor_id,
    departmentId: u.department_id,
    via: 'session',
  };
}

export async function seedDemoInvoices(
  ctx: AppContext,
  opts: { now: Date },
): Promise<{ accepted: number; disputed: number; registered: number }> {
  const done = { accepted: 0, disputed: 0, registered: 0 };
  const statements = await repo.approvedStatementIds(ctx.db);
  const who = await accountingPrincipal(ctx);
  if (!who || statements.length === 0) return done;
  const now = opts.now.getTime();
  for (const [i, { id }] of statements.slice(0, 3).entries()) {
    const s = await repo.statementForInvoice(ctx.db, id);
    if (!s || (await repo.acceptedInvoiceOf(ctx.db, id))) continue;
    // Issued on the fifth of the month after the statement's, registered two days later; never in the future.
    const due = DateTime.fromISO(`${s.period}-05`, { zone: ZONE }).plus({ months: 1 });
    const issued = due.toMillis() > now ? DateTime.fromMillis(now, { zone: ZONE }).startOf('day') : due;
    const registeredAt = Math.min(issued.toMillis() + 2 * DAY + 10 * 3_600_000, now);
    const at = (ms: number): AppContext => ({ ...ctx, now: () => new Date(ms) });
    const wrongVat = i === 1;
    const invoice = await registerManualInvoice(at(registeredAt), who, id, {
      number: `${issued.year}/PA/${String(40 + Number(s.number)).padStart(3, '0')}`,
      issueDate: issued.toISODate()!,
      supplierVatNumber: `IT${s.vat_number}`,
      cig: s.cig,
      taxableCents: Number(s.taxable_cents),
      vatCents: Number(s.vat_cents),
      totalCents: Number(s.taxable_cents) + Number(s.vat_cents),
      vatCollectability: wrongVat ? 'I' : 'S',
    });
    const decidedAt = at(Math.min(registeredAt + DAY, now));
    if (i === 0) {
      await invoiceAction(decidedAt, who, invoice.id, 'accept', { version: invoice.version });
      done.accepted++;
    } else if (wrongVat) {
      await invoiceAction(decidedAt, who, invoice.id, 'dispute', {
        version: invoice.version,
        reason:
          'IVA esposta con esigibilità immediata: verso la pubblica amministrazione si applica la scissione dei pagamenti ' +
          '(art. 17-ter DPR 633/1972, EsigibilitaIVA «S»). Emettere nota di credito e nuova fattura.',
      });
      done.disputed++;
    } else done.registered++;
  }
  return done;
}

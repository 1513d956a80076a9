// Monthly statements of the demo (#10 item 4), called by seedOnStart after the other demo steps,
// with the same instant. Through the services, as accounting would do it:
//   1. the contractors' DURC recorded (valid for four months);
//   2. for every contract, last month's statement prepared and approved, then this month's draft:
//      the instalment, whatever extra-fee final accounts and applied penalties the demo holds by
//      then (none is fine), the penalties carried over;
//   3. afterwards one contractor's DURC expires (its draft shows the blocking warning) and
//      another's is about to (the warning that does not block).
import { DateTime } from 'luxon';
import type { Principal, Role } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { approveStatement, prepareStatement } from '../../modules/accounting/statements.service.ts';

const ZONE = 'Europe/Rome';
/** The contractor whose DURC has just expired, and the one whose DURC expires within the warning days. */
const EXPIRED_VAT = '08277640150'; // antincendio
const EXPIRING_VAT = '09643210165'; // ascensori

async function accountingPrincipal(ctx: AppContext): Promise<Principal | null> {
  const u = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'language'])
    .where('username', '=', 'contabilita')
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!u) return null;
  const roles = await ctx.db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    language: u.language === 'en' ? 'en' : 'it',
    roles: new Set(roles.map((r) => r.role as Role)),
    contractorId: null,
    departmentId: null,
    via: 'session',
  };
}

export interface DemoStatements {
  approved: number;
  drafts: number;
}

export async function seedDemoStatements(ctx: AppContext, opts: { now: Date }): Promise<DemoStatements> {
  const out: DemoStatements = { approved: 0, drafts: 0 };
  const acc = await accountingPrincipal(ctx);
  if (!acc) return out;
  const at: AppContext = { ...ctx, now: () => opts.now };
  const today = DateTime.fromJSDate(opts.now).setZone(ZONE);
  const thisMonth = today.toFormat('yyyy-MM');
  const lastMonth = today.minus({ months: 1 }).toFormat('yyyy-MM');

  // 1. Every contractor's DURC on record.
  await ctx.db
    .updateTable('contractors')
    .set({ durc_valid_until: today.plus({ months: 4 }).toISODate()! })
    .where('durc_valid_until', 'is', null)
    .execute();

  // 2. Last month approved, this month in draft, contract by contract.
  const contracts = await ctx.db
    .selectFrom('contracts')
    .select(['id', 'starts_on'])
    .where('active', '=', 1)
    .where('starts_on', '<=', `${lastMonth}-01`)
    .where('ends_on', '>=', `${thisMonth}-01`)
    .orderBy('lot')
    .execute();
  for (const k of contracts) {
    const exists = await ctx.db.selectFrom('statements').select('id').where('contract_id', '=', k.id).executeTakeFirst();
    if (exists) continue;
    const last = await prepareStatement(at, acc, k.id, { period: lastMonth });
    await approveStatement(at, acc, last.id, { version: last.version });
    out.approved++;
    await prepareStatement(at, acc, k.id, { period: thisMonth });
    out.drafts++;
  }

  // 3. The DURC of one contractor has run out since, another's is about to.
  await ctx.db
    .updateTable('contractors')
    .set({ durc_valid_until: today.minus({ days: 1 }).toISODate()! })
    .where('vat_number', '=', EXPIRED_VAT)
    .execute();
  await ctx.db
    .updateTable('contractors')
    .set({ durc_valid_until: today.plus({ days: 10 }).toISODate()! })
    .where('vat_number', '=', EXPIRING_VAT)
    .execute();
  return out;
}

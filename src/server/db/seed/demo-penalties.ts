// Penalties of the demo activity (UX.md "Demo data": penalties proposed and applied), called by
// seedDemoActivity after the stories, with the same context and instant. Everything goes through
// the services, each step with the clock set to its own instant, as real use would have it:
//   1. the admin adds penalty rules (within the legal range) to the electrical and HVAC lots:
//      € per started hour of delay for urgent and emergency work, € per started day for ordinary;
//   2. the SLA watcher's refresh (sla/refresh.ts refreshWorkOrderSla) runs on every work order
//      whose clocks are breached, at the minute after its first breach: alerts and proposals;
//   3. the oldest proposal is contested and, its term for counter-arguments expired, reduced;
//      another is contested, counter-argued by the contractor and applied; the rest stay proposed
//      (among them the never-acknowledged urgent electrical work order, "overdue-urgent");
//   4. a last refresh of every work order at `now`, as the watcher's first run would do.
import { DateTime } from 'luxon';
import { CLOCKS } from '../../../domain/sla.ts';
import type { Principal } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { createRule, penaltyAction } from '../../modules/penalties/penalties.service.ts';
import { clocksOf, SlaContext } from '../../modules/sla/clocks.ts';
import { refreshWorkOrderSla } from '../../modules/sla/refresh.ts';
import * as slaRepo from '../../modules/sla/sla.repository.ts';
import { loadActors } from './demo-story.ts';

const ZONE = 'Europe/Rome';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Rules per lot (cents): within PENALTY_MIN/MAX_DAILY_PER_MILLE of the demo net amounts (0.3‰–1‰ a day). */
/** The demo contract with a late_planned_activity rule (demo-planned.ts leaves one of its activities late). */
export const LATE_PLANNED_LOT = 'Lotto 4';

const RULES: Record<string, { emergencyPerHour: number; urgentPerHour: number; ordinaryPerDay: number }> = {
  // Lotto 2, net € 2,940,000: a day between € 882 and € 2,940; an hour at most € 122.50.
  'Lotto 2': { emergencyPerHour: 100_00, urgentPerHour: 50_00, ordinaryPerDay: 1_000_00 },
  // Lotto 3, net € 3,975,000: a day between € 1,192.50 and € 3,975; an hour at most € 165.62.
  'Lotto 3': { emergencyPerHour: 120_00, urgentPerHour: 60_00, ordinaryPerDay: 1_500_00 },
};

/** The next instant at HH:mm (Rome) on a weekday at or after `ms`. */
function nextWorkingAt(ms: number, hm: string): number {
  const [hour, minute] = hm.split(':').map(Number);
  let d = DateTime.fromMillis(ms, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 });
  if (d.toMillis() < ms) d = d.plus({ days: 1 });
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d.toMillis();
}

export async function seedDemoPenalties(ctx: AppContext, opts: { now: Date }): Promise<void> {
  const now = opts.now.getTime();
  const at = (ms: number): AppContext => ({ ...ctx, now: () => new Date(ms) });
  const actors = await loadActors(ctx.db);
  const admin = await adminPrincipal(ctx);
  if (!admin) return;

  // 1. Rules, set up before the six weeks of the stories.
  const contracts = await ctx.db.selectFrom('contracts').select(['id', 'lot']).where('lot', 'in', Object.keys(RULES)).execute();
  const rulesAt = at(now - 60 * DAY);
  for (const k of contracts) {
    const r = RULES[k.lot];
    for (const clock of CLOCKS) {
      await createRule(rulesAt, admin, k.id, { kind: 'per_hour', clock, priority: 'emergency', amountCents: r.emergencyPerHour });
      await createRule(rulesAt, admin, k.id, { kind: 'per_hour', clock, priority: 'urgent', amountCents: r.urgentPerHour });
      await createRule(rulesAt, admin, k.id, { kind: 'per_day', clock, priority: 'ordinary', amountCents: r.ordinaryPerDay });
    }
  }

  // #8: the fire-safety lot pays a fixed sum per planned activity not done in its month.
  const fireSafety = await ctx.db.selectFrom('contracts').select('id').where('lot', '=', LATE_PLANNED_LOT).orderBy('id').executeTakeFirst();
  if (fireSafety) await createRule(rulesAt, admin, fireSafety.id, { kind: 'fixed', event: 'late_planned_activity', amountCents: 150_00 });

  // 2. The watcher notices each breach a minute after it, in the order they happened.
  const workOrders = await ctx.db
    .selectFrom('work_orders')
    .select('id')
    .where(
      'contract_id',
      'in',
      contracts.map((k) => k.id),
    )
    .execute();
  const firstBreach: Array<{ id: string; at: number }> = [];
  for (const w of workOrders) {
    const f = await slaRepo.factsOf(ctx.db, w.id);
    if (!f) continue;
    const [sctx, timelines] = await Promise.all([SlaContext.load(ctx.db, [f]), slaRepo.timelinesOf(ctx.db, [w.id])]);
    const clocks = clocksOf(f, timelines.get(w.id) ?? [], sctx.inputsOf(f), now);
    const due = clocks.filter((c) => c.status === 'breached' && c.dueAt !== null).map((c) => c.dueAt!);
    if (due.length) firstBreach.push({ id: w.id, at: Math.min(...due) + MINUTE });
  }
  firstBreach.sort((a, b) => a.at - b.at);
  for (const b of firstBreach) {
    if (b.at >= now) continue;
    await ctx.db.transaction().execute((trx) => refreshWorkOrderSla(trx, at(b.at), b.id));
  }

  // 3. The procedure on two of them.
  const proposals = await ctx.db
    .selectFrom('penalties as p')
    .innerJoin('contracts as k', 'k.id', 'p.contract_id')
    .innerJoin('contractors as c', 'c.id', 'k.contractor_id')
    .select(['p.id', 'p.created_at', 'p.version', 'p.proposed_cents', 'p.contract_id', 'p.work_order_id', 'c.id as contractor_id'])
    .where('p.status', '=', 'proposed')
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
  const head = actors.get('capo.servizio')!;
  const contractorOf = (contractorId: string): Principal | undefined => [...actors.values()].find((a) => a.contractorId === contractorId);
  const version = async (id: string) =>
    Number((await ctx.db.selectFrom('penalties').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

  // Contested, no answer within the term, then reduced: the oldest proposal whose term can have expired.
  const termMs = (ctx.config.penalties.termDays + 2) * DAY;
  const reduced = proposals.find((p) => nextWorkingAt(Date.parse(p.created_at), '10:00') + termMs < now - DAY);
  if (reduced) {
    const contestAt = nextWorkingAt(Date.parse(reduced.created_at), '10:00');
    await penaltyAction(at(contestAt), head, reduced.id, 'contest', {
      version: Number(reduced.version),
      note: "Ritardo documentato dal registro dell'ordine di lavoro: si avvia la procedura di contestazione.",
    });
    const reduceAt = nextWorkingAt(contestAt + termMs, '11:30');
    const amount = Math.max(1, Math.floor(Number(reduced.proposed_cents) / 2 / 100) * 100);
    if (amount < Number(reduced.proposed_cents)) {
      await penaltyAction(at(reduceAt), head, reduced.id, 'reduce', {
        version: await version(reduced.id),
        amountCents: amount,
        reason: "Nessuna controdeduzione nel termine; importo ridotto per la breve durata del ritardo e l'assenza di disservizio.",
      });
    } else {
      await penaltyAction(at(reduceAt), head, reduced.id, 'apply', {
        version: await version(reduced.id),
        reason: 'Nessuna controdeduzione nel termine.',
      });
    }
  }

  // Contested, counter-argued, applied: the next proposal old enough for three working days of procedure.
  const applied = proposals.find((p) => p.id !== reduced?.id && nextWorkingAt(Date.parse(p.created_at), '10:00') + 3 * DAY < now - HOUR);
  const contractor = applied ? contractorOf(applied.contractor_id) : undefined;
  if (applied && contractor) {
    const contestAt = nextWorkingAt(Date.parse(applied.created_at), '10:00');
    await penaltyAction(at(contestAt), head, applied.id, 'contest', {
      version: Number(applied.version),
      note: 'Sopralluogo oltre il tempo contrattuale.',
    });
    const answerAt = nextWorkingAt(contestAt + HOUR, '15:00');
    await penaltyAction(at(answerAt), contractor, applied.id, 'counter_argue', {
      version: await version(applied.id),
      text: 'Il ritardo è dovuto alla concomitanza di altri interventi urgenti sul lotto; chiediamo la disapplicazione della penale.',
    });
    const applyAt = nextWorkingAt(answerAt + HOUR, '12:00');
    if (applyAt < now) {
      await penaltyAction(at(applyAt), head, applied.id, 'apply', {
        version: await version(applied.id),
        reason: 'Le controdeduzioni non giustificano il ritardo: altri interventi non sospendono i tempi contrattuali.',
      });
    }
  }

  // 4. The watcher's run at `now`: open breaches grown since, their proposals brought up to date.
  for (const w of workOrders) await ctx.db.transaction().execute((trx) => refreshWorkOrderSla(trx, at(now), w.id));
}

async function adminPrincipal(ctx: AppContext): Promise<Principal | null> {
  const u = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.language', 'u.contractor_id', 'u.department_id'])
    .where('r.role', '=', 'admin')
    .where('u.active', '=', 1)
    .orderBy('u.username')
    .executeTakeFirst();
  if (!u) return null;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    language: u.language === 'en' ? 'en' : 'it',
    roles: new Set(['admin']),
    contractorId: u.contractor_id,
    departmentId: u.department_id,
    via: 'session',
  };
}

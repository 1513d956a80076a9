// "A ticket opened now with priority urgent is due at …": the due instants a work order issued at
// an instant would get, per priority and clock, for the contract's SLA table in force or a draft.
// Same arithmetic as the real clocks (computeClocks over a timeline holding only the issue, the
// calendar built as SlaContext builds it), so the admin console never does it in the browser.
import { DateTime } from 'luxon';
import { closureDays, DEFAULT_WEEK, nationalHolidayNames } from '../../../domain/calendar.ts';
import { CLOCKS, computeClocks, DEFAULT_SLA, type SlaVersion } from '../../../domain/sla.ts';
import { PRIORITIES } from '../../../domain/workflow/types.ts';
import type { HolidaysDto, SlaPreviewDto, SlaPreviewInput } from '../../../shared/schemas/sla.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../scope.ts';
import { parseDefinition, parseWeek, SOLAR, workingCalendar, ZONE } from './clocks.ts';
import * as repo from './sla.repository.ts';
import { readableContract } from './sla.service.ts';

/** POST /api/contracts/{id}/sla/preview: readable by whoever reads the contract (nothing is saved). */
export async function previewSla(ctx: AppContext, actor: Actor, contractId: string, input: SlaPreviewInput): Promise<SlaPreviewDto> {
  await readableContract(ctx.db, actor, contractId);
  const sites = await repo.sitesOfContract(ctx.db, contractId);
  let site: (typeof sites)[number] | undefined = sites[0];
  if (input.siteId) {
    site = sites.find((s) => s.id === input.siteId) ?? (await repo.siteById(ctx.db, input.siteId));
    if (!site) throw new AppError('INVALID_REFERENCE', {}, [{ field: 'siteId', rule: 'notFound' }]);
  }
  const at = input.at ? new Date(input.at) : ctx.now();
  let sla: SlaVersion;
  let slaVersion: SlaPreviewDto['slaVersion'] = null;
  if (input.limits) sla = { limits: input.limits as SlaVersion['limits'], pauses: DEFAULT_SLA.pauses };
  else {
    // The version a work order issued at `at` would keep (a version saved for a later day counts from that day).
    const iso = at.toISOString();
    const v = (await repo.versionInForce(ctx.db, contractId, iso)) ?? (await repo.firstVersion(ctx.db, contractId));
    sla = v ? parseDefinition(v.definition) : DEFAULT_SLA;
    slaVersion = v ? { number: Number(v.number), effectiveFrom: v.effective_from } : { number: 0, effectiveFrom: null };
  }
  const [cal, closures] = await Promise.all([
    repo.getCalendar(ctx.db, contractId),
    repo.listClosures(ctx.db, site ? { siteId: site.id } : {}),
  ]);
  // Without a site only the closures of every site count (listClosures with no filter lists all).
  const dates = closureDays(closures.filter((c) => c.site_id === null || c.site_id === site?.id));
  const working = workingCalendar(cal ? parseWeek(cal.week) : DEFAULT_WEEK, site?.patron_saint ?? null, dates);
  const t = at.getTime();
  const items: SlaPreviewDto['items'] = [];
  for (const priority of PRIORITIES) {
    const clocks = computeClocks({
      events: [{ at: t, action: 'issue', from: null, to: 'issued' }],
      initialPriority: priority,
      sla,
      working,
      solar: SOLAR,
      now: t,
    });
    for (const c of CLOCKS) {
      const r = clocks.find((x) => x.clock === c)!;
      items.push({
        priority,
        clock: c,
        limitMinutes: r.limitMinutes,
        basis: r.basis,
        dueAt: r.dueAt === null ? null : new Date(r.dueAt).toISOString(),
      });
    }
  }
  return {
    contractId,
    at: at.toISOString(),
    slaVersion,
    site: site ? { id: site.id, code: site.code, name: site.name } : null,
    sites: sites.map((s) => ({ id: s.id, code: s.code, name: s.name })),
    items,
  };
}

/** GET /api/contracts/{id}/holidays?year=: national holidays, the patron saints of its sites, the closures that count for it. */
export async function contractHolidays(
  ctx: AppContext,
  actor: Actor,
  contractId: string,
  yearAsked: number | undefined,
  lang: string,
): Promise<HolidaysDto> {
  await readableContract(ctx.db, actor, contractId);
  const year = yearAsked ?? DateTime.fromJSDate(ctx.now(), { zone: ZONE }).year;
  const sites = await repo.sitesOfContract(ctx.db, contractId);
  const closures = await repo.listClosures(ctx.db, { from: `${year}-01-01`, to: `${year}-12-31` });
  const ref = (s: { id: string; code: string; name: string }) => ({ id: s.id, code: s.code, name: s.name });
  const byId = new Map(sites.map((s) => [s.id, s]));
  const items: HolidaysDto['items'] = [
    ...nationalHolidayNames(year, lang).map((h) => ({ date: h.date, kind: 'national' as const, name: h.name, site: null })),
    ...sites
      .filter((s) => s.patron_saint)
      .map((s) => ({ date: `${year}-${s.patron_saint}`, kind: 'patron_saint' as const, name: null, site: ref(s) })),
    // A closure of several days lists each of its days in the year.
    ...closures
      .filter((c) => c.site_id === null || byId.has(c.site_id))
      .flatMap((c) =>
        closureDays([c])
          .filter((date) => date.startsWith(`${year}-`))
          .map((date) => ({ date, kind: 'closure' as const, name: c.reason, site: c.site_id ? ref(byId.get(c.site_id)!) : null })),
      ),
  ];
  const order = { national: 0, patron_saint: 1, closure: 2 };
  items.sort(
    (a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind] || (a.site?.code ?? '').localeCompare(b.site?.code ?? ''),
  );
  return { contractId, year, items };
}

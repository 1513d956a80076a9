// "A ticket opened now with priority urgent is due at …": the due instants a work order issued at
// an instant would get, per priority and clock, for the contract's SLA table in force or a draft.
// Same arithmetic as the real clocks (computeClocks over a timeline holding only the issue, the
// calendar built as SlaContext builds it), so the admin console never does it in the browser.
import { DateTime } from 'luxon';
import { DEFAULT_WEEK, nationalHolidayNames } from '../../../domain/calendar.ts';
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
  let sla: SlaVersion;
  if (input.limits) sla = { limits: input.limits as SlaVersion['limits'], pauses: DEFAULT_SLA.pauses };
  else {
    const latest = await repo.latestVersion(ctx.db, contractId);
    sla = latest ? parseDefinition(latest.definition) : DEFAULT_SLA;
  }
  const [cal, closures] = await Promise.all([
    repo.getCalendar(ctx.db, contractId),
    repo.listClosures(ctx.db, site ? { siteId: site.id } : {}),
  ]);
  // Without a site only the closures of every site count (listClosures with no filter lists all).
  const dates = closures.filter((c) => c.site_id === null || c.site_id === site?.id).map((c) => c.date);
  const working = workingCalendar(cal ? parseWeek(cal.week) : DEFAULT_WEEK, site?.patron_saint ?? null, dates);
  const at = input.at ? new Date(input.at) : ctx.now();
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
    ...closures
      .filter((c) => c.site_id === null || byId.has(c.site_id))
      .map((c) => ({ date: c.date, kind: 'closure' as const, name: c.reason, site: c.site_id ? ref(byId.get(c.site_id)!) : null })),
  ];
  const order = { national: 0, patron_saint: 1, closure: 2 };
  items.sort(
    (a, b) => a.date.localeCompare(b.date) || order[a.kind] - order[b.kind] || (a.site?.code ?? '').localeCompare(b.site?.code ?? ''),
  );
  return { contractId, year, items };
}

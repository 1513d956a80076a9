// "A ticket opened now with priority urgent is due at …": the due instants a work order issued at
// an instant would get, per priority and clock, for the contract's SLA table in force or a draft.
// Same arithmetic as the real clocks (computeClocks over a timeline holding only the issue, the
// calendar built as SlaContext builds it), so the admin console never does it in the browser.
import { DEFAULT_WEEK } from '../../../domain/calendar.ts';
import { CLOCKS, computeClocks, DEFAULT_SLA, type SlaVersion } from '../../../domain/sla.ts';
import { PRIORITIES } from '../../../domain/workflow/types.ts';
import type { SlaPreviewDto, SlaPreviewInput } from '../../../shared/schemas/sla.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../scope.ts';
import { parseDefinition, parseWeek, SOLAR, workingCalendar } from './clocks.ts';
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
  const [cal, closures] = await Promise.all([repo.getCalendar(ctx.db, contractId), repo.listClosures(ctx.db, site ? { siteId: site.id } : {})]);
  // Without a site only the closures of every site count (listClosures with no filter lists all).
  const dates = closures.filter((c) => c.site_id === null || c.site_id === site?.id).map((c) => c.date);
  const working = workingCalendar(cal ? parseWeek(cal.week) : DEFAULT_WEEK, site?.patron_saint ?? null, dates);
  const at = input.at ? new Date(input.at) : ctx.now();
  const t = at.getTime();
  const items: SlaPreviewDto['items'] = [];
  for (const priority of PRIORITIES) {
    const clocks = computeClocks({
      events: [{ at: t, action: 'issue', from: null, to: 'issued' }], initialPriority: priority, sla, working, solar: SOLAR, now: t,
    });
    for (const c of CLOCKS) {
      const r = clocks.find((x) => x.clock === c)!;
      items.push({ priority, clock: c, limitMinutes: r.limitMinutes, basis: r.basis, dueAt: r.dueAt === null ? null : new Date(r.dueAt).toISOString() });
    }
  }
  return {
    contractId, at: at.toISOString(),
    site: site ? { id: site.id, code: site.code, name: site.name } : null,
    sites: sites.map((s) => ({ id: s.id, code: s.code, name: s.name })),
    items,
  };
}

// Hook for the penalties of the demo activity (UX.md "Demo data": penalties proposed and applied).
// seedDemoActivity calls it after the stories, with the same context and instant.
//
// It does NOTHING yet. While the demo activity was written, src/server/modules/penalties/ was being
// written too (uncommitted, changing by the minute): proposals.ts first, penalties.service.ts
// (createRule, penaltyAction) only at the very end; and the registry demo seeds no penalty rules,
// so no proposal can arise. To fill it, through the services (never by direct inserts):
//   1. createRule as admin on the lots concerned (e.g. per_hour on take_charge / urgent);
//   2. refreshWorkOrderSla (sla/refresh.ts) with ctx.now at a chosen instant for the overdue work
//      orders of the stories — "overdue-urgent" (urgent ELE work order issued three working days
//      ago, never acknowledged) stays `proposed`; another breached clock ("lift-door-en": urgent ASC
//      acknowledged the next working day, or "overdue-onsite") goes contest → counter_argue →
//      apply with penaltyAction, each step with ctx.now set like the stories' (DemoClock).
import type { AppContext } from '../../context.ts';

/** Does nothing and throws nothing until the penalties module offers its services (see above). */
export async function seedDemoPenalties(_ctx: AppContext, _opts: { now: Date }): Promise<void> {
  // Intentionally empty.
}

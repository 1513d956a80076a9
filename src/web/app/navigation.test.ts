// The menu offers contract money (penalties, the contract view with its cap) only to the roles the
// API lets read it: never to the call center or requesters (#7 item 14).
import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { navigationFor } from './navigation';

const me = (...roles: Me['roles']): Me => ({ roles }) as unknown as Me;
const targets = (m: Me) => navigationFor(m).flatMap((g) => g.items.map((i) => i.to));

describe('navigation and contract money', () => {
  it.each([['call_center'], ['requester']] as const)('%s: no penalties nor contract pages', (role) => {
    const to = targets(me(role));
    expect(to).not.toContain('/penalties');
    expect(to).not.toContain('/contracts');
  });

  it.each([['service_head'], ['building_manager'], ['admin']] as const)('%s: penalties and the contract view', (role) => {
    expect(targets(me(role))).toEqual(expect.arrayContaining(['/penalties', '/contracts']));
  });

  it.each([['contractor'], ['accounting']] as const)('%s: penalties', (role) => {
    expect(targets(me(role))).toContain('/penalties');
  });
});

// "Manutenzione programmata" (#8): every staff role sees programs and calendar; each role its own list.
describe('navigation and planned maintenance', () => {
  it('contractor: programs, calendar and what to schedule this month', () => {
    expect(targets(me('contractor'))).toEqual(
      expect.arrayContaining(['/programs', '/planned-calendar', '/work-orders?view=planned_this_month']),
    );
  });
  it('building manager: the late planned work', () => {
    expect(targets(me('building_manager'))).toEqual(expect.arrayContaining(['/programs', '/work-orders?view=planned_late']));
  });
  it("call center: today's work in a building", () => {
    expect(targets(me('call_center'))).toContain('/planned-today');
  });
  it.each([['admin'], ['service_head'], ['building_manager'], ['contractor'], ['call_center'], ['accounting']] as const)(
    '%s: plans and meters in the planned maintenance group, not in the registry',
    (role) => {
      const groups = navigationFor(me(role));
      const planned = groups.find((g) => g.label === 'nav.plannedMaintenance')?.items.map((i) => i.to) ?? [];
      expect(planned).toEqual(expect.arrayContaining(['/plans', '/meters']));
      const registry = groups.find((g) => g.label === 'nav.registry')?.items.map((i) => i.to) ?? [];
      expect(registry).not.toContain('/plans');
    },
  );
  it('requester: nothing planned', () => {
    expect(
      targets(me('requester')).filter(
        (to) => to.startsWith('/programs') || to.startsWith('/planned') || to === '/plans' || to === '/meters',
      ),
    ).toEqual([]);
  });
});

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

// #9 item 10: each role sees the entries it can use, and nothing the API would refuse it.
describe('navigation per role', () => {
  const REGISTRY = [
    '/registry/sites',
    '/registry/buildings',
    '/registry/departments',
    '/registry/technology-classes',
    '/registry/contractors',
    '/registry/contracts',
    '/registry/assets',
    '/registry/users',
  ];

  it('requester: report a fault, its open tickets (with a badge), all its tickets, notifications; no registry, no staff lists', () => {
    const groups = navigationFor(me('requester'));
    expect(targets(me('requester'))).toEqual(['/', '/tickets/new', '/tickets?view=mine', '/tickets', '/notifications']);
    const open = groups.flatMap((g) => g.items).find((i) => i.to === '/tickets?view=mine')!;
    // The badge counts the list the entry opens, under a label that says "open" (the home counts the same list).
    expect(open).toMatchObject({ label: 'nav.myOpenTickets', badge: { resource: 'tickets', view: 'mine' } });
    expect(groups.map((g) => g.label)).not.toContain('nav.registry');
  });

  it('accounting: tickets, work orders, their amounts, penalties and the contract dashboard; read-only registry; nothing to act on', () => {
    const to = targets(me('accounting'));
    expect(to).toEqual(expect.arrayContaining(['/tickets', '/work-orders', '/accounting/work-orders', '/penalties', '/contracts']));
    expect(to).not.toEqual(expect.arrayContaining(['/tickets/new']));
    for (const other of ['/board', '/authorizations', '/inbox', '/import', '/admin/outbox', '/registry/users', '/tickets?view=to_qualify'])
      expect(to).not.toContain(other);
  });

  it.each([['service_head'], ['admin']] as const)('%s: the work-order amounts too', (role) => {
    expect(targets(me(role))).toContain('/accounting/work-orders');
  });

  it.each([['requester'], ['call_center'], ['building_manager'], ['contractor']] as const)(
    '%s: no work-order amounts (the API refuses them)',
    (role) => {
      expect(targets(me(role))).not.toContain('/accounting/work-orders');
    },
  );

  it('call center: phone entry, tickets to close, inbox, all tickets and work orders; registry without users', () => {
    const to = targets(me('call_center'));
    expect(to).toEqual(
      expect.arrayContaining(['/tickets/new', '/tickets?view=awaiting_my_action', '/inbox', '/tickets', '/work-orders', '/planned-today']),
    );
    expect(to).not.toContain('/registry/users');
    expect(to).not.toContain('/board');
  });

  it('building manager: to qualify, to verify, its work lists and the registry it reads', () => {
    const to = targets(me('building_manager'));
    expect(to).toEqual(
      expect.arrayContaining(['/tickets?view=to_qualify', '/work-orders?view=awaiting_my_action', '/registry/buildings', '/contracts']),
    );
    expect(to).not.toContain('/authorizations');
    expect(to).not.toContain('/registry/users');
  });

  it('service head: the authorisation inbox', () => {
    expect(targets(me('service_head'))).toEqual(expect.arrayContaining(['/authorizations', '/penalties', '/contracts']));
    expect(targets(me('service_head'))).not.toContain('/tickets/new');
  });

  it('contractor: the board and its lists; no departments, no users, no ticket entry', () => {
    const to = targets(me('contractor'));
    expect(to).toEqual(expect.arrayContaining(['/board', '/work-orders?view=waiting_materials', '/work-orders']));
    for (const other of ['/tickets/new', '/registry/departments', '/registry/users', '/contracts', '/inbox'])
      expect(to).not.toContain(other);
  });

  it('admin: the whole registry, import, outbox', () => {
    expect(targets(me('admin'))).toEqual(expect.arrayContaining([...REGISTRY, '/import', '/admin/outbox', '/inbox']));
  });

  it('every role: each page at most once, home first', () => {
    for (const role of ['requester', 'call_center', 'building_manager', 'service_head', 'contractor', 'accounting', 'admin'] as const) {
      const to = targets(me(role));
      expect(to[0]).toBe('/');
      expect(new Set(to).size, role).toBe(to.length);
    }
  });
});

// #10 item 1: the closing documents still owed, for the roles the list answers (never a requester or the call center).
describe('navigation and missing documents', () => {
  it.each([['building_manager'], ['service_head'], ['contractor'], ['accounting'], ['admin']] as const)('%s: the list', (role) => {
    expect(targets(me(role))).toContain('/as-built-documents');
  });
  it.each([['requester'], ['call_center']] as const)('%s: no list', (role) => {
    expect(targets(me(role))).not.toContain('/as-built-documents');
  });
});

// #10 item 5: the invoices for the roles that read them all; a contractor reads its own through the API only.
describe('navigation and invoices', () => {
  it.each([['accounting'], ['service_head'], ['admin']] as const)('%s: the invoices', (role) => {
    expect(targets(me(role))).toContain('/accounting/invoices');
  });
  it.each([['contractor'], ['building_manager'], ['call_center'], ['requester']] as const)('%s: no invoices', (role) => {
    expect(targets(me(role))).not.toContain('/accounting/invoices');
  });
});

// Monthly statements (#10 item 4): GET /api/statements's scope; building managers 403 there.
describe('navigation and statements', () => {
  it.each([['accounting'], ['service_head'], ['admin'], ['contractor']] as const)('%s: the statements', (role) => {
    expect(targets(me(role))).toContain('/accounting/statements');
  });

  it.each([['building_manager'], ['call_center'], ['requester']] as const)('%s: no statements (the API refuses them)', (role) => {
    expect(targets(me(role))).not.toContain('/accounting/statements');
  });
});

// #11 item 3: one indicator page, named after whose figures it shows; none for call center and requesters.
describe('navigation and the indicator dashboard', () => {
  const entry = (m: Me) =>
    navigationFor(m)
      .flatMap((g) => g.items)
      .find((i) => i.to === '/indicators');

  it.each([
    ['service_head', 'nav.indicators'],
    ['admin', 'nav.indicators'],
    ['accounting', 'nav.indicators'],
    ['building_manager', 'nav.buildingIndicators'],
    ['contractor', 'nav.scorecard'],
  ] as const)('%s: %s', (role, label) => {
    expect(entry(me(role))?.label).toBe(label);
  });

  it.each([['call_center'], ['requester']] as const)('%s: no dashboard', (role) => {
    expect(entry(me(role))).toBeUndefined();
  });
});

// "Soddisfazione" (#11 item 4): the roles the follow-ups API serves; the others get no entry.
describe('navigation and the satisfaction loop', () => {
  it.each([['service_head'], ['building_manager'], ['admin']] as const)('%s: the satisfaction page', (role) => {
    expect(targets(me(role))).toContain('/satisfaction');
  });
  it.each([['call_center'], ['requester'], ['contractor'], ['accounting']] as const)('%s: no satisfaction page', (role) => {
    expect(targets(me(role))).not.toContain('/satisfaction');
  });
});

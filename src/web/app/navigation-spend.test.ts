// "Spesa per contratto" (#10 item 6) in the menu of the roles GET /api/contracts/spend serves in full.
import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { navigationFor } from './navigation';

const me = (...roles: Me['roles']): Me => ({ roles }) as unknown as Me;
const targets = (m: Me) => navigationFor(m).flatMap((g) => g.items.map((i) => i.to));

describe('navigation: spend per contract', () => {
  it.each([['accounting'], ['service_head'], ['admin']] as const)('%s: the spend page', (role) => {
    expect(targets(me(role))).toContain('/accounting/spend');
  });

  it.each([['requester'], ['call_center'], ['building_manager'], ['contractor']] as const)('%s: no spend page', (role) => {
    expect(targets(me(role))).not.toContain('/accounting/spend');
  });
});

// Who reads which ratings and follow-ups (#11 item 4), as predicates on the tickets table (alias
// in the query); the SQL of each condition lives in the repositories.
//
//   ratings (comments stream, response rate)
//     service head, admin   all
//     building manager      the tickets of its buildings
//     contractor            the tickets with a work order of its own (what its work earned)
//     call center, accounting, requester: 403 — the stream is the client's review of the service,
//     and the requester's own rating is on its ticket page
//   follow-ups (read and change)
//     service head, admin   all;  building manager  its buildings';  everybody else 403
import type { Principal, Role } from '../../auth/principal.ts';
import { anyOf } from '../../scope.repository.ts';
import { managedBuildings, type Pred, type RowScope } from '../worklists/worklists.views.ts';
import { hasWorkOrderOf } from '../worklists/worklists.repository.ts';

const ALL: readonly Role[] = ['admin', 'service_head'];

function union(parts: Array<'all' | Pred | null>): RowScope {
  if (parts.includes('all')) return { kind: 'all' };
  const preds = parts.filter((x): x is Pred => typeof x === 'function');
  if (preds.length === 0) return { kind: 'forbidden' };
  if (preds.length === 1) return { kind: 'rows', where: preds[0] };
  return { kind: 'rows', where: (a) => anyOf(preds.map((w) => w(a))) };
}

export function ratingScope(p: Principal): RowScope {
  return union(
    [...p.roles].map((role): 'all' | Pred | null => {
      if (ALL.includes(role)) return 'all';
      if (role === 'building_manager') {
        const inCompetence = managedBuildings(p);
        return (t) => inCompetence(`${t}.building_id`);
      }
      if (role === 'contractor' && p.contractorId) return hasWorkOrderOf(p.contractorId);
      return null;
    }),
  );
}

export function followUpScope(p: Principal): RowScope {
  return union(
    [...p.roles].map((role): 'all' | Pred | null => {
      if (ALL.includes(role)) return 'all';
      if (role === 'building_manager') {
        const inCompetence = managedBuildings(p);
        return (t) => inCompetence(`${t}.building_id`);
      }
      return null;
    }),
  );
}

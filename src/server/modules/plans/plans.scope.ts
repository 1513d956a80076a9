// Who reads and writes which maintenance plans, as SQL predicates on a (building, class) pair
// (docs/PLANNED.md "Plans and meters"; the predicates' SQL is in plans.repository.ts):
//
//   admin, service_head                every plan; write every plan
//   call_center, accounting            read every plan
//   building_manager                   read and write the plans of the buildings they manage
//   contractor                         read the plans whose (building, class) one of its contracts covers
//   requester                          nothing (403)
//
// Meter readings ('reading'): those who write plans, and contractors on the pairs they read.
//
// Several roles: the union. A plan outside the scope reads as 404.
import type { Expression, SqlBool } from 'kysely';
import { coveredPairs, managedPairs } from './plans.repository.ts';
import { hasRole } from '../../auth/principal.ts';
import type { Actor } from '../../scope.ts';
import { anyOf } from '../../scope.repository.ts';

/** A predicate on the columns naming a plan's building and class (e.g. 'maintenance_plans.building_id'). */
export type PairPredicate = (buildingCol: string, classCol: string) => Expression<SqlBool>;
export type PlanScope = { kind: 'all' } | { kind: 'forbidden' } | { kind: 'rows'; where: PairPredicate };

export function planScope(actor: Actor, mode: 'read' | 'write' | 'reading'): PlanScope {
  if (actor === 'system' || hasRole(actor, 'admin', 'service_head')) return { kind: 'all' };
  if (mode === 'read' && hasRole(actor, 'call_center', 'accounting')) return { kind: 'all' };
  const parts: PairPredicate[] = [];
  if (actor.roles.has('building_manager')) parts.push(managedPairs(actor.userId));
  if (mode !== 'write' && actor.roles.has('contractor') && actor.contractorId) parts.push(coveredPairs(actor.contractorId));
  if (parts.length === 0) return { kind: 'forbidden' };
  if (parts.length === 1) return { kind: 'rows', where: parts[0] };
  return { kind: 'rows', where: (b, c) => anyOf(parts.map((p) => p(b, c))) };
}

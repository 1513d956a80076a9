// Workflow 2, the monthly program of planned maintenance of one contract (DOMAIN.md "Workflow 2"):
// the contractor proposes it, the building managers approve or return it, then it is published
// and its items become planned tickets and work orders.
import type { Transition } from './types.ts';

export const PROGRAM_STATES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type ProgramState = (typeof PROGRAM_STATES)[number];

/** The states in which the program's items may still be generated and edited by the contractor. */
export const EDITABLE_PROGRAM_STATES: readonly ProgramState[] = ['draft', 'returned'];

export const PROGRAM_GROUPINGS = ['activity', 'building_day'] as const;
export type ProgramGrouping = (typeof PROGRAM_GROUPINGS)[number];

/** No fact beyond state and role decides a program's moves. */
export type ProgramContext = Readonly<Record<never, never>>;

/** Workflow 2, program level: one row per transition of the brief's table. */
export const PROGRAM_TRANSITIONS: readonly Transition<ProgramState, ProgramContext>[] = [
  {
    action: 'submit',
    from: ['draft', 'returned'],
    to: 'submitted',
    roles: ['contractor'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    notices: [{ kind: 'program_submitted', to: ['building_managers'] }],
  },
  {
    action: 'return',
    from: ['submitted'],
    to: 'returned',
    roles: ['building_manager'],
    fields: [{ field: 'remarks', kind: 'text' }],
    notices: [{ kind: 'program_returned', to: ['contractor'] }],
  },
  {
    action: 'approve',
    from: ['submitted'],
    to: 'approved',
    roles: ['building_manager'],
    fields: [{ field: 'note', kind: 'text', optional: true }],
    notices: [{ kind: 'program_approved', to: ['contractor'] }],
  },
  {
    action: 'publish',
    from: ['approved'],
    to: 'published',
    roles: ['service_head', 'building_manager'],
    fields: [{ field: 'grouping', kind: 'text', optional: true }],
    // The route's schema should already refuse other values; the guard keeps the domain honest.
    guard: (f) =>
      f.grouping === undefined || (PROGRAM_GROUPINGS as readonly unknown[]).includes(f.grouping)
        ? null
        : { reason: 'grouping_invalid', params: { allowed: [...PROGRAM_GROUPINGS] } },
    notices: [{ kind: 'program_published', to: ['building_managers', 'call_center', 'contractor'] }],
  },
  {
    // Adds the occurrences the plans gained since the program was generated (never twice: the
    // occurrence key is unique per plan); allowed only while the contractor may still edit.
    action: 'regenerate',
    from: EDITABLE_PROGRAM_STATES,
    to: (_f, _c, from) => from,
    roles: ['contractor', 'building_manager', 'service_head'],
    fields: [],
    notices: [],
  },
];

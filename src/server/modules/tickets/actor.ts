// Who acts on a ticket or work order: a logged-in user (Principal) or the system on behalf of
// someone without a session (the e-mail intake, the rating link). A system actor is unscoped:
// the caller (another module) has already decided it may act.
import { randomBytes } from 'node:crypto';
import { ROLES, hasRole, type Principal, type Role } from '../../auth/principal.ts';
import type { Lang } from '../../i18n/messages.ts';

export interface SystemActor {
  kind: 'system';
  /** The name shown in the timeline ("E-mail from m.rossi@…", "Rating link"). */
  label: string;
  /** The user it acts for, when known (the requester, a known sender). */
  userId: string | null;
  /** How the input came in: tickets opened or comments added by e-mail get channel/source 'email'. */
  channel?: 'email' | 'system';
  language?: Lang;
}

export type WorkflowActor = Principal | SystemActor;

export const isSystem = (a: WorkflowActor): a is SystemActor => (a as SystemActor).kind === 'system';
export const actorUserId = (a: WorkflowActor): string | null => a.userId;
export const actorLabel = (a: WorkflowActor): string => (isSystem(a) ? a.label : a.displayName);
export const actorLang = (a: WorkflowActor): Lang => (isSystem(a) ? (a.language ?? 'it') : a.language);
export const actorHas = (a: WorkflowActor, ...roles: Role[]): boolean => !isSystem(a) && hasRole(a, ...roles);

/** Follow-on moves the system makes (a rating that reopens a work order): every role, states still checked. */
export const SYSTEM_ROLES: ReadonlySet<Role> = new Set(ROLES);

/** Roles whose holders see internal comments, internal attachments and all event data. */
export const STAFF_ROLES: readonly Role[] = ['call_center', 'building_manager', 'service_head', 'contractor', 'accounting', 'admin'];
export const isStaffOn = (roles: ReadonlySet<Role>): boolean => STAFF_ROLES.some((r) => roles.has(r));

let lastMs = 0;
let seq = 0;

/**
 * Time-ordered ids (UUIDv7 layout: 48-bit milliseconds, 12-bit sequence, random) for timeline rows,
 * so that rows written in one transaction at the same instant keep their order when sorted by
 * (at, id). Monotonic within a process.
 */
export function newSortableId(): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    seq = 0;
  } else if (++seq > 0xfff) {
    lastMs++;
    seq = 0;
  }
  const rand = randomBytes(8);
  rand[0] = (rand[0] & 0x3f) | 0x80;
  const hex = lastMs.toString(16).padStart(12, '0') + '7' + seq.toString(16).padStart(3, '0') + rand.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

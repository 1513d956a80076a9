import type { User } from '../../../shared/schemas/registry.ts';
import { hashPassword } from '../../auth/password.ts';
import { invalid, type FieldIssue } from '../../errors.ts';
import { auditedOut, unique } from './common.ts';
import { missingReferences, type EntityDef } from './crud.service.ts';
import { hasRolePredicate, otherActiveAdmins, replaceRoles, rolesOf, userUpdatedAt } from './users.repository.ts';
import { revokeAllAccess } from '../auth/account.repository.ts';

export const PASSWORD_MIN = 10;

export const users: EntityDef<User> = {
  collection: 'users',
  table: 'users',
  sort: 'username',
  search: ['username', 'display_name'],
  listWhere: (q) => (typeof q.role === 'string' ? [hasRolePredicate(q.role)] : []),
  unique: [{ field: 'username', column: 'username' }],
  text: ['username', 'displayName'],
  // Explicit fields only: the password hash and login counters never leave the server.
  present: async (db, rows) => {
    const roles = await rolesOf(
      db,
      rows.map((r) => r.id as string),
    );
    return rows.map((r) => ({
      ...auditedOut(r),
      username: r.username,
      displayName: r.display_name,
      email: r.email,
      phone: r.phone,
      language: r.language === 'en' ? ('en' as const) : ('it' as const),
      roles: roles.get(r.id)! as User['roles'],
      contractorId: r.contractor_id,
      departmentId: r.department_id,
      technician: r.technician === true || Number(r.technician) === 1,
    }));
  },
  toRow: (i) => ({
    username: i.username,
    display_name: i.displayName,
    email: i.email ?? null,
    phone: i.phone ?? null,
    language: i.language ?? 'it',
    contractor_id: i.contractorId ?? null,
    department_id: i.departmentId ?? null,
    technician: i.technician ? 1 : 0,
  }),
  validate: (i) => {
    const issues: FieldIssue[] = [];
    if (typeof i.password === 'string' && i.password.length < PASSWORD_MIN)
      issues.push({ field: 'password', rule: 'passwordLength', params: { limit: PASSWORD_MIN } });
    const contractorRole = (i.roles ?? []).includes('contractor');
    if (contractorRole && !i.contractorId) issues.push({ field: 'contractorId', rule: 'contractorRequired' });
    // A technician is field staff of one contractor (#9 item 13): the flag needs both.
    if (i.technician && (!contractorRole || !i.contractorId)) issues.push({ field: 'technician', rule: 'technicianContractor' });
    return issues;
  },
  prepare: async (body) => {
    if (typeof body.password !== 'string') return {};
    if (body.password.length < PASSWORD_MIN)
      throw invalid([{ field: 'password', rule: 'passwordLength', params: { limit: PASSWORD_MIN } }]);
    // A new password also lifts a lock left by failed logins.
    return { password_hash: await hashPassword(body.password), failed_logins: 0, locked_until: null };
  },
  references: async (db, i) => [
    ...(await missingReferences(db, 'contractors', [{ field: 'contractorId', id: i.contractorId }])),
    ...(await missingReferences(db, 'departments', [{ field: 'departmentId', id: i.departmentId }])),
  ],
  guard: async (db, i, current) => {
    if (!current?.active || !current.roles.includes('admin')) return;
    const staysAdmin = i.active !== false && (i.roles ?? []).includes('admin');
    if (staysAdmin || (await otherActiveAdmins(db, current.id)) > 0) return;
    throw invalid([{ field: i.active === false ? 'active' : 'roles', rule: 'lastAdmin' }]);
  },
  writeLinks: async (db, id, i, current) => {
    await replaceRoles(db, id, unique<string>(i.roles ?? []));
    // #7: an administrator's reset closes every session and revokes every token of the user, at
    // the instant the reset was written on the row.
    if (current && typeof i.password === 'string') await revokeAllAccess(db, id, await userUpdatedAt(db, id));
  },
};

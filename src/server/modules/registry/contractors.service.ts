import type { Contractor } from '../../../shared/schemas/registry.ts';
import { checkVatNumber } from '../../../domain/vat.ts';
import { auditedOut } from './common.ts';
import type { EntityDef } from './crud.service.ts';

export const contractors: EntityDef<Contractor> = {
  collection: 'contractors',
  table: 'contractors',
  sort: 'name',
  search: ['name', 'vat_number'],
  unique: [{ field: 'vatNumber', column: 'vat_number' }],
  text: ['name', 'vatNumber'],
  present: async (_db, rows) =>
    rows.map((r) => ({
      ...auditedOut(r),
      name: r.name,
      vatNumber: r.vat_number,
      pec: r.pec,
      email: r.email,
      phone: r.phone,
      durcValidUntil: r.durc_valid_until ?? null,
    })),
  toRow: (i) => ({
    name: i.name,
    vat_number: i.vatNumber,
    pec: i.pec,
    email: i.email ?? null,
    phone: i.phone ?? null,
    durc_valid_until: i.durcValidUntil ?? null,
  }),
  validate: (i) => {
    const rule = checkVatNumber(i.vatNumber);
    return rule ? [{ field: 'vatNumber', rule }] : [];
  },
};

import { describe, expect, it } from 'vitest';
import type { Role } from './types.ts';
import {
  decideDocument,
  documentActions,
  documentsComplete,
  documentsToCarry,
  type DocumentAction,
  type DocumentState,
} from './as-built.ts';

const roles = (...r: Role[]) => new Set<Role>(r);

describe('as-built documents', () => {
  it('adds the class rules to the gating documents: always, or on installation work only', () => {
    const rules = [
      { documentType: 'as_built', requiredWhen: 'installation_work' as const },
      { documentType: 'logbook_entry', requiredWhen: 'always' as const },
    ];
    expect(documentsToCarry([], rules, { extraordinary: false, changesInstallation: false })).toEqual(['logbook_entry']);
    expect(documentsToCarry(['conformity_declaration'], rules, { extraordinary: false, changesInstallation: true })).toEqual([
      'conformity_declaration',
      'as_built',
      'logbook_entry',
    ]);
    expect(documentsToCarry(['logbook_entry'], rules, { extraordinary: true, changesInstallation: false })).toEqual([
      'logbook_entry',
      'as_built',
    ]);
  });

  // Every state × action × role.
  const table: Array<[DocumentState, DocumentAction, Role, DocumentState | 'FORBIDDEN' | 'INVALID_STATE']> = [
    ['missing', 'upload', 'contractor', 'uploaded'],
    ['returned', 'upload', 'contractor', 'uploaded'],
    ['uploaded', 'upload', 'contractor', 'uploaded'],
    ['accepted', 'upload', 'contractor', 'INVALID_STATE'],
    ['missing', 'upload', 'building_manager', 'FORBIDDEN'],
    ['uploaded', 'accept', 'building_manager', 'accepted'],
    ['uploaded', 'return', 'building_manager', 'returned'],
    ['missing', 'accept', 'building_manager', 'INVALID_STATE'],
    ['returned', 'accept', 'building_manager', 'INVALID_STATE'],
    ['accepted', 'return', 'building_manager', 'INVALID_STATE'],
    ['uploaded', 'accept', 'contractor', 'FORBIDDEN'],
    ['uploaded', 'return', 'admin', 'FORBIDDEN'],
  ];
  it.each(table)('%s + %s by %s → %s', (state, action, role, expected) => {
    const d = decideDocument(state, action, roles(role));
    expect(d.ok ? d.to : d.code).toBe(expected);
  });

  it('offers the actions of the caller', () => {
    expect(documentActions('uploaded', roles('building_manager'))).toEqual(['accept', 'return']);
    expect(documentActions('returned', roles('contractor'))).toEqual(['upload']);
    expect(documentActions('accepted', roles('contractor', 'building_manager'))).toEqual([]);
  });

  it('is complete only when completed and all accepted', () => {
    expect(documentsComplete(true, [])).toBe(true);
    expect(documentsComplete(false, [])).toBe(false);
    expect(documentsComplete(true, ['accepted', 'accepted'])).toBe(true);
    expect(documentsComplete(true, ['accepted', 'returned'])).toBe(false);
    expect(documentsComplete(true, ['uploaded'])).toBe(false);
  });
});

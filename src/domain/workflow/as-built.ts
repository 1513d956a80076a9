// As-built documents and certificates (#10 item 1): the documents a completed work order must
// carry, each checked by the building manager. Pure: the rows and the rules are parameters.
import type { Role } from './types.ts';

export type DocumentState = 'missing' | 'uploaded' | 'accepted' | 'returned';
export const DOCUMENT_STATES: readonly DocumentState[] = ['missing', 'uploaded', 'accepted', 'returned'];

/** When a technology class asks for a document type: on every work order, or on installation work only. */
export type RequiredWhen = 'always' | 'installation_work';
export const REQUIRED_WHEN: readonly RequiredWhen[] = ['always', 'installation_work'];

export interface ClassDocumentRule {
  documentType: string;
  requiredWhen: RequiredWhen;
}

/**
 * The documents a work order carries: those that already gate completion (DM 37/2008 and the
 * class's own, `gating`) plus the class's catalogue rules; installation work is extraordinary
 * (extra-fee) work or work that changes the installation. Order kept, no duplicates.
 */
export function documentsToCarry(
  gating: readonly string[],
  rules: readonly ClassDocumentRule[],
  work: { extraordinary: boolean; changesInstallation: boolean },
): string[] {
  const out = [...new Set(gating)];
  const installation = work.extraordinary || work.changesInstallation;
  for (const r of rules) {
    if (r.requiredWhen === 'always' || installation) if (!out.includes(r.documentType)) out.push(r.documentType);
  }
  return out;
}

export type DocumentAction = 'upload' | 'accept' | 'return';
export const DOCUMENT_ACTIONS: readonly DocumentAction[] = ['upload', 'accept', 'return'];

/**
 * The check of one document: the contractor uploads (again, after a return, or replacing a file
 * not yet checked), the building manager of the building accepts or returns it with a reason.
 * An accepted document is final.
 */
export const DOCUMENT_TRANSITIONS: Record<DocumentAction, { from: readonly DocumentState[]; to: DocumentState; role: Role }> = {
  upload: { from: ['missing', 'returned', 'uploaded'], to: 'uploaded', role: 'contractor' },
  accept: { from: ['uploaded'], to: 'accepted', role: 'building_manager' },
  return: { from: ['uploaded'], to: 'returned', role: 'building_manager' },
};

export type DocumentDecision = { ok: true; to: DocumentState } | { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' };

export function decideDocument(state: DocumentState, action: DocumentAction, roles: ReadonlySet<Role>): DocumentDecision {
  const t = DOCUMENT_TRANSITIONS[action];
  if (!roles.has(t.role)) return { ok: false, code: 'FORBIDDEN' };
  if (!t.from.includes(state)) return { ok: false, code: 'INVALID_STATE' };
  return { ok: true, to: t.to };
}

/** The actions the caller may take on a document now (the UI shows these buttons). */
export const documentActions = (state: DocumentState, roles: ReadonlySet<Role>): DocumentAction[] =>
  DOCUMENT_ACTIONS.filter((a) => decideDocument(state, a, roles).ok);

/**
 * Documents complete: the work order was completed and every document it carries is accepted
 * (none required counts as complete). The final accounts take only such work orders.
 */
export const documentsComplete = (completed: boolean, states: readonly DocumentState[]): boolean =>
  completed && states.every((s) => s === 'accepted');

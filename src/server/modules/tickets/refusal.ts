// The domain's typed refusals → the API's stable error codes (docs/API.md "Workflow").
import { formatter } from '../../../shared/format.ts';
import type { Refusal } from '../../../domain/workflow/types.ts';
import { PRIORITIES } from '../../../domain/workflow/types.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { translate, type Lang } from '../../i18n/messages.ts';

const FIELD_RULE: Record<string, { rule: string; params?: Record<string, unknown> }> = {
  text: { rule: 'maxLength', params: { limit: 10_000 } },
  instant: { rule: 'instant' },
  date: { rule: 'date' },
  priority: { rule: 'enum', params: { allowed: PRIORITIES.join(', ') } },
  number: { rule: 'number' },
  lines: { rule: 'minItems', params: { limit: 1 } },
  boolean: { rule: 'type', params: { expected: 'boolean' } },
  rating: { rule: 'rating' },
};

const DOC_RULE: Record<string, string> = {
  conformity_declaration: 'docConformityDeclaration',
  logbook_entry: 'docLogbookEntry',
  test_report: 'docTestReport',
  as_built: 'docAsBuilt',
  maintenance_tag: 'docMaintenanceTag',
  fgas_register_entry: 'docFgasRegisterEntry',
};

export const documentName = (lang: Lang, kind: string): string => translate(lang, 'rule', DOC_RULE[kind] ?? kind);

const localTime = (iso: string, lang: Lang) => formatter(lang).dateTime(iso);
const localDate = (isoDate: string, lang: Lang) => formatter(lang).date(isoDate);

/**
 * ROLE → 403 FORBIDDEN; STATE → 409 INVALID_STATE; FIELD_* → 400 VALIDATION_FAILED naming the
 * field; GUARD → its own code (409 or 422) with the reason in the user's language and, for
 * clients, `reason` and its facts in the problem body.
 */
export function refusalError(r: Refusal, action: string, state: string, lang: Lang): AppError {
  switch (r.code) {
    case 'UNKNOWN_ACTION':
      return notFound();
    case 'ROLE_NOT_ALLOWED':
      return forbidden();
    case 'STATE_NOT_ALLOWED':
      return new AppError('INVALID_STATE', { action, state }, [], { action, state });
    case 'FIELD_REQUIRED':
      return invalid([{ field: r.field!, rule: 'required' }]);
    case 'FIELD_INVALID': {
      const m = FIELD_RULE[String(r.params?.kind)] ?? { rule: 'type' };
      return invalid([{ field: r.field!, rule: m.rule, params: m.params }]);
    }
    case 'GUARD_FAILED': {
      const extra = { reason: r.reason, ...(r.params ?? {}) };
      switch (r.reason) {
        case 'emergency_only':
          return new AppError('EMERGENCY_ONLY', {}, [], extra);
        case 'same_priority':
          return new AppError(
            'SAME_PRIORITY',
            {},
            [{ field: 'priority', rule: 'enum', params: { allowed: PRIORITIES.join(', ') } }],
            extra,
          );
        case 'reminder_once_a_day':
        case 'reminder_too_early':
          return new AppError('REMINDER_TOO_SOON', { nextAt: localTime(String(r.params?.nextAt), lang) }, [], extra);
        case 'documents_missing': {
          const missing = (r.params?.missing as string[]) ?? [];
          return new AppError('DOCUMENTS_MISSING', { missing: missing.map((k) => documentName(lang, k)).join(', ') }, [], extra);
        }
        case 'checklist_incomplete': {
          const missing = (r.params?.missing as string[]) ?? [];
          return new AppError(
            'CHECKLIST_INCOMPLETE',
            { missing: missing.join(', ') },
            missing.map((k) => ({ field: `checklist.${k}`, rule: 'required' })),
            extra,
          );
        }
        case 'reopen_window_over':
          return new AppError(
            'REOPEN_WINDOW_OVER',
            { days: Number(r.params?.days), until: r.params?.until ? localTime(String(r.params.until), lang) : '—' },
            [],
            extra,
          );
        case 'documents_pending': {
          const missing = (r.params?.missing as string[]) ?? [];
          const dueOn = String(r.params?.dueOn ?? '');
          return new AppError(
            'DOCUMENTS_PENDING',
            { missing: missing.map((k) => documentName(lang, k)).join(', '), dueOn: localDate(dueOn, lang) },
            [],
            extra,
          );
        }
        case 'no_out_of_range':
          return new AppError('NO_OUT_OF_RANGE', {}, [], extra);
        case 'follow_up_exists':
          return new AppError('FOLLOW_UP_EXISTS', {}, [], extra);
        default:
          return new AppError('ACTION_REFUSED', { reason: r.reason ?? '' }, [], extra);
      }
    }
  }
}

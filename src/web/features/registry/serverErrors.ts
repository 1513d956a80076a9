import type { FormErrors } from '@mantine/form';
import { fieldPath, isApiError } from '../../api/problem';

/**
 * Splits a problem's `errors[]` into those that belong to a field of the form (shown next to
 * it) and the rest (shown at the top). Returns the form errors and the server field names used.
 */
export function mapServerErrors(
  error: unknown,
  values: object,
  serverFields: Record<string, string> = {},
): { formErrors: FormErrors; shown: Set<string> } {
  const formErrors: FormErrors = {};
  const shown = new Set<string>();
  if (!isApiError(error)) return { formErrors, shown };
  for (const e of error.errors) {
    if (!e.field) continue;
    const raw = fieldPath(e.field);
    const head = raw.split('.')[0] ?? raw;
    const mappedHead = serverFields[head] ?? head;
    const path = [mappedHead, ...raw.split('.').slice(1)].join('.');
    const mapped = serverFields[raw] ?? path;
    if (!((mapped.split('.')[0] ?? mapped) in values)) continue;
    if (!formErrors[mapped]) formErrors[mapped] = e.message;
    shown.add(e.field);
  }
  return { formErrors, shown };
}

/** Only what changed: the PATCH body for edits. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) out[key] = value;
  }
  return out;
}

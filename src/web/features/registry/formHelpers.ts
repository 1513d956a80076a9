import type { FormErrors } from '@mantine/form';
import type { Translate } from '../../i18n/messages';

/** Trimmed text, or null when empty (optional API fields take null). */
export function textOrNull(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}

/** Adds a "required" error for each listed field that is empty. */
export function requireFields<V extends object>(
  values: V,
  fields: Array<keyof V & string>,
  t: Translate,
  errors: FormErrors = {},
): FormErrors {
  for (const field of fields) {
    const v = values[field] as unknown;
    const empty = v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    if (empty && !errors[field]) errors[field] = t('form.required');
  }
  return errors;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(errors: FormErrors, field: string, value: string, t: Translate): void {
  if (value.trim() && !EMAIL.test(value.trim()) && !errors[field]) errors[field] = t('form.invalidEmail');
}

import type { FormErrors } from '@mantine/form';

/**
 * Moves focus to the first field (in page order) that has an error, so keyboard and screen-reader
 * users land where there is something to fix. Fields are found by @mantine/form's `data-path`.
 */
export function focusFirstError(errors: FormErrors, within: ParentNode = document): void {
  const paths = new Set(Object.keys(errors).filter((k) => errors[k]));
  if (paths.size === 0) return;
  for (const node of within.querySelectorAll<HTMLElement>('[data-path]')) {
    if (paths.has(node.dataset.path ?? '') && typeof node.focus === 'function') {
      node.focus();
      if (document.activeElement === node) return;
    }
  }
}

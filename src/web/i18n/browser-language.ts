// The login page's language before anyone chose one: the browser's (issue #9).
import type { Language } from '../api/types';

/**
 * The language of a browser's preference list (navigator.languages): Italian when the list has
 * Italian anywhere (the product of an Italian public body, the demo's people read it first), else
 * English when it has English, else Italian.
 */
export function browserLanguage(preferred: readonly string[] | undefined): Language {
  const bases = (preferred ?? []).map((tag) => tag.toLowerCase().split(/[-_]/)[0]);
  if (bases.includes('it')) return 'it';
  if (bases.includes('en')) return 'en';
  return 'it';
}

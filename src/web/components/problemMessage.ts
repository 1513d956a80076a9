import { isApiError, NETWORK_ERROR } from '../api/problem';
import type { Translate } from '../i18n/messages';

/** One sentence for the user: the server's own `detail` (already in their language) when it has one. */
export function problemMessage(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('errors.unexpected');
  if (error.code === NETWORK_ERROR) return t('errors.network');
  if (error.detail) return error.detail;
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if (error.status >= 500) return t('errors.server');
  return t('errors.unexpectedCode', { code: error.code });
}

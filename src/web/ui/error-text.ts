import { isApiError } from '../api/client.ts';
import type { I18n } from '../i18n/i18n.tsx';

/** A sentence for the user from any failure; server messages are shown only for validation errors, which are meant for people. */
export const errorText = (i18n: Pick<I18n, 't'>, e: unknown): string => {
  if (isApiError(e)) {
    switch (e.code) {
      case 'network':
        return i18n.t('error.network');
      case 'unauthorized':
        return i18n.t('error.unauthorized');
      case 'forbidden':
        return i18n.t('error.forbidden');
      case 'not-found':
        return i18n.t('error.notFound');
      case 'rate-limited':
        return i18n.t('error.rateLimited');
      case 'bad-request':
      case 'invalid-query':
      case 'conflict':
        return e.message;
      default:
        return i18n.t('error.generic', { message: e.message });
    }
  }
  return i18n.t('error.generic', { message: e instanceof Error ? e.message : String(e) });
};

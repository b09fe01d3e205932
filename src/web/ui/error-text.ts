import { isApiError } from '../api/client.ts';
import { renderProblems } from '../../core/messages.ts';
import type { Locale, MessageKey, Vars } from '../i18n/translate.ts';

/**
 * A sentence for the user from any failure, in the interface's language: the server's problems
 * rendered from their message keys (ADR 0220), else a sentence of this interface for the code.
 */
export const errorText = (i18n: { readonly locale: Locale; t(key: MessageKey, vars?: Vars): string }, e: unknown): string => {
  if (isApiError(e)) {
    if (e.code === 'network') return i18n.t('error.network');
    // An ended session reads the same wherever it is noticed.
    if (e.code === 'unauthorized' && e.problems[0]?.key === 'auth.sign-in-first') return i18n.t('error.unauthorized');
    if (e.problems.length > 0) return renderProblems(e.problems, i18n.locale);
    switch (e.code) {
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

import { fail, type AppError } from '../../core/errors.ts';
import type { StoredReason } from '../../core/messages.ts';
import { FetchError } from '../../sources/http/safe-fetch.ts';
import { SourceError } from '../../sources/source.ts';

/**
 * A connector's or the HTTP client's failure as the API says it (ADR 0220): in the user's
 * words, with the address it concerns, as the user's input (400) or the network (503).
 * The English detail stays in `details` for the logs.
 */
export const fetchFailure = (e: FetchError, url: string): AppError => {
  const details = { detail: e.message };
  switch (e.code) {
    case 'bad-url':
      return fail('fetch.bad-url', { url }, { details });
    case 'blocked-address':
      return fail('fetch.blocked-address', { url }, { details });
    case 'dns':
      return fail('fetch.dns', { url }, { details });
    case 'timeout':
      return fail('fetch.timeout', { url }, { details });
    case 'too-large':
      return fail('fetch.too-large', { url }, { details });
    case 'too-many-redirects':
      return fail('fetch.too-many-redirects', { url }, { details });
    case 'aborted':
      return fail('fetch.aborted', { url }, { details });
    case 'http-status':
      if (e.status === 410) return fail('fetch.gone', { url }, { details });
      // 4xx but 429: the address or the request is wrong; 429 and 5xx: try again later.
      return fail('fetch.http-status', { url, status: e.status ?? 0 }, { details, code: e.action === 'give-up' ? 'bad-request' : 'unavailable' });
    default:
      return fail('fetch.network', { url }, { details });
  }
};

export const sourceFailure = (e: SourceError, url: string): AppError => {
  const details = { detail: e.message };
  if (e.action === 'reconnect') return fail('source.reconnect', { url }, { details });
  if (e.cause instanceof FetchError) return fetchFailure(e.cause, url);
  if (e.code === 'config') return fail('source.config-refused', {}, { details });
  if (e.code === 'parse') return e.action === 'give-up' ? fail('source.wrong-service', {}, { details }) : fail('source.unexpected-answer', {}, { details });
  return fail('fetch.network', { url }, { details, code: e.action === 'give-up' ? 'bad-request' : 'unavailable' });
};

/** Any failure of a fetch made for a person; other errors are left as they are. */
export const asUserFailure = (e: unknown, url: string): unknown => {
  if (e instanceof SourceError) return sourceFailure(e, url);
  if (e instanceof FetchError) return fetchFailure(e, url);
  return e;
};

/**
 * A failure kept for a person to read later (ADR 0250): the connector's or the HTTP client's
 * English as it was said (logs, older rows) and the same key the API answers with, so the
 * reader sees it in their language.
 */
export const storedFailure = (e: SourceError | FetchError, url: string): StoredReason => ({
  text: e.message,
  problem: (e instanceof SourceError ? sourceFailure(e, url) : fetchFailure(e, url)).problems[0] ?? null,
});

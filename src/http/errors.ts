import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { issueProblems } from '../core/api/issues.ts';
import { isAppError, type ErrorCode } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { codeOfMessage, renderProblems, type Params, type Problem, type ServerMessageKey } from '../core/messages.ts';
import { isLocale, type Locale } from '../core/user.ts';

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  'bad-request': 400,
  'invalid-query': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

/**
 * The first of `fr` / `en` an Accept-Language header asks for, by quality then order; null when
 * it names neither (or is absent).
 */
export const negotiateAcceptLanguage = (header: string | undefined): Locale | null => {
  if (!header) return null;
  const asked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([0-9.]+)\s*$/.exec(r)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((a) => a.q > 0 && !Number.isNaN(a.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const a of asked) if (isLocale(a.base)) return a.base;
  return null;
};

/**
 * The language of the answer's messages (ADR 0220): the Accept-Language header when it names
 * French or English (the web interface sends the language it shows), else the signed-in
 * user's preference, else French.
 */
export const requestLocale = async (c: Context): Promise<Locale> => {
  const asked = negotiateAcceptLanguage(c.req.header('accept-language'));
  if (asked) return asked;
  const preferred = (c.get('userLocale') as (() => Promise<Locale | null>) | undefined) ?? undefined;
  if (preferred) {
    try {
      const l = await preferred();
      if (l && isLocale(l)) return l;
    } catch {
      // The preference is a nicety: an error answer never fails for want of it.
    }
  }
  return 'fr';
};

/**
 * The one error envelope: `{ error: { code, message, problems } }`. Codes are the stable
 * contract; each problem is a message key with its parameters (core/messages.ts); `message`
 * is the problems in the caller's language.
 */
export const problemResponse = async (c: Context, problems: readonly Problem[], o: { code?: ErrorCode; headers?: Record<string, string> } = {}) => {
  const code = o.code ?? (problems[0] ? codeOfMessage(problems[0].key) : 'bad-request');
  const locale = await requestLocale(c);
  return c.json({ error: { code, message: renderProblems(problems, locale), problems } }, statusOf[code], o.headers);
};

export const errorResponse = (c: Context, key: ServerMessageKey, params?: Params) => problemResponse(c, [params ? { key, params } : { key }]);

/** Zod issues as problems: one sentence per issue, naming the field. */
export const describeIssues = (error: ZodError): Problem[] => issueProblems(error.issues);

/** Validation failures of any request part (JSON body, query, path) become 400 bad-request. */
export const validationHook = (result: { success: boolean; error?: unknown }, c: Context) => {
  if (!result.success) return problemResponse(c, describeIssues(result.error as ZodError), { code: 'bad-request' });
  return undefined;
};

/** Maps anything thrown to the envelope; unexpected errors are logged and never leak a stack. */
export const handleError = (logger: Logger) => async (e: Error, c: Context) => {
  if (isAppError(e)) {
    const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    const headers = retry ? { 'Retry-After': String(retry) } : undefined;
    if (e.problems.length > 0) return problemResponse(c, e.problems, { code: e.code, ...(headers ? { headers } : {}) });
    // A message written for the command line only: said as it is.
    return c.json({ error: { code: e.code, message: e.message, problems: [] } }, statusOf[e.code], headers);
  }
  if (e instanceof HTTPException) {
    if (e.status === 413) return errorResponse(c, 'request.too-large');
    if (e.status === 415) return errorResponse(c, 'request.json-only');
    if (e.status === 400) return errorResponse(c, /json/i.test(e.message) ? 'request.bad-json' : 'request.malformed');
    if (e.status === 401) return errorResponse(c, 'auth.sign-in-first');
    if (e.status === 404) return errorResponse(c, 'request.not-found');
  }
  logger.error('http.error', { method: c.req.method, path: c.req.path, error: e.message, stack: e.stack });
  return errorResponse(c, 'server.internal');
};

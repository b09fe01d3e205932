import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { isAppError, type ErrorCode } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

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

/** The one error envelope. Messages are for people; codes are the stable contract. */
export const errorResponse = (c: Context, code: ErrorCode, message: string, headers?: Record<string, string>) =>
  c.json({ error: { code, message } }, statusOf[code], headers);

/** Zod issues as one readable line: `field: problem; other: problem`. */
export const describeIssues = (error: ZodError): string =>
  error.issues
    .map((i) => {
      const where = i.path.length ? i.path.join('.') : 'body';
      return `${where}: ${i.message}`;
    })
    .join('; ');

/** Validation failures of any request part (JSON body, query, path) become 400 bad-request. */
export const validationHook = (result: { success: boolean; error?: unknown }, c: Context) => {
  if (!result.success) return errorResponse(c, 'bad-request', describeIssues(result.error as ZodError));
  return undefined;
};

/** Maps anything thrown to the envelope; unexpected errors are logged and never leak a stack. */
export const handleError = (logger: Logger) => (e: Error, c: Context) => {
  if (isAppError(e)) {
    const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return errorResponse(c, e.code, e.message, retry ? { 'Retry-After': String(retry) } : undefined);
  }
  if (e instanceof HTTPException) {
    if (e.status === 413) return errorResponse(c, 'payload-too-large', 'The request body is too large.');
    if (e.status === 415) return errorResponse(c, 'bad-request', 'Send the body as JSON with Content-Type: application/json.');
    if (e.status === 400) return errorResponse(c, 'bad-request', e.message || 'Bad request.');
    if (e.status === 401) return errorResponse(c, 'unauthorized', e.message || 'Sign in first.');
    if (e.status === 404) return errorResponse(c, 'not-found', 'Not found.');
  }
  logger.error('http.error', { method: c.req.method, path: c.req.path, error: e.message, stack: e.stack });
  return errorResponse(c, 'internal', 'Something went wrong on our side; it has been logged.');
};

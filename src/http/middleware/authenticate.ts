import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { authenticateApiToken } from '../../app/access.ts';
import { validateSession } from '../../app/auth/sessions.ts';
import type { AppEnv, HttpDeps } from '../context.ts';
import { readSessionCookie } from '../cookies.ts';
import { errorResponse } from '../errors.ts';
import { findUserById } from '../../storage/users.repo.ts';

/** Routes anyone may call: first-run setup, sign-in, accepting an invitation link. */
export const publicApiPaths: ReadonlySet<string> = new Set(['/api/v1/setup', '/api/v1/auth/login', '/api/v1/invitations/accept']);

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Whether a browser's Origin header names this server. With RELAIS_PUBLIC_URL
 * the whole origin (scheme, host, port) must match it; without, the host must
 * match the one the request was addressed to.
 */
const sameOrigin = (c: Context, deps: HttpDeps, origin: string): boolean => {
  let seen: URL;
  try {
    seen = new URL(origin);
  } catch {
    return false;
  }
  if (deps.config.publicUrl) return seen.origin === new URL(deps.config.publicUrl).origin;
  const forwarded = deps.config.trustProxy ? c.req.header('x-forwarded-host') : undefined;
  return seen.host === (forwarded ?? c.req.header('host') ?? new URL(c.req.url).host);
};

/**
 * Who is calling, then CSRF: a bearer token (automation, no ambient authority,
 * no CSRF check) or the session cookie, whose unsafe requests must carry
 * `x-csrf-token` and, when the browser sends one, a same-host Origin.
 * Anonymous callers get 401 everywhere except the public paths.
 */
export const authenticate =
  (deps: HttpDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const db = deps.database.db;
    const isPublic = publicApiPaths.has(c.req.path);
    const unsafe = unsafeMethods.has(c.req.method);
    const origin = c.req.header('origin');
    if (unsafe && origin !== undefined && !sameOrigin(c, deps, origin)) {
      return errorResponse(c, 'auth.cross-origin');
    }
    c.set('principal', null);
    const auth = c.req.header('authorization');
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const principal = m?.[1] ? await authenticateApiToken(db, m[1], deps.clock) : null;
      if (!principal) return errorResponse(c, 'auth.token-invalid');
      c.set('principal', principal);
      c.set('userLocale', async () => (await findUserById(db, principal.userId))?.locale ?? null);
      return next();
    }
    const cookie = readSessionCookie(c, deps.config);
    const found = cookie
      ? await validateSession(db, cookie, deps.clock, { idleMs: deps.config.sessionIdleMs, maxMs: deps.config.sessionMaxMs })
      : null;
    if (found) {
      const locale = found.user.locale;
      c.set('userLocale', async () => locale);
      const csrf = c.req.header('x-csrf-token');
      const csrfOk = !unsafe || (csrf !== undefined && sameSecret(csrf, found.session.csrfToken));
      if (csrfOk) c.set('principal', { kind: 'session', userId: found.user.id, session: found.session });
      // On a public path a cookie without its CSRF token is simply not used: the caller acts anonymously.
      else if (!isPublic) return errorResponse(c, 'auth.csrf');
    }
    if (!isPublic && !c.get('principal')) return errorResponse(c, 'auth.sign-in-first');
    return next();
  };

import { createRoute } from '@hono/zod-openapi';
import { login, logout } from '../../app/auth/login.ts';
import { requireSessionPrincipal } from '../../app/access.ts';
import { emptyRequestSchema, loginRequestSchema, okSchema, sessionViewSchema } from '../../core/api/auth.ts';
import { errorEnvelopeSchema } from '../../core/api/common.ts';
import { clientIp } from '../client-ip.ts';
import { principalOf, type Api, type HttpDeps } from '../context.ts';
import { clearSessionCookie } from '../cookies.ts';
import { sessionPolicy, signedInAnswer } from '../session-policy.ts';
import { errorAnswers, jsonAnswer, jsonBody } from './shared.ts';

const loginRoute = createRoute({
  method: 'post',
  path: '/api/v1/auth/login',
  tags: ['auth'],
  summary: 'Sign in with e-mail and password; sets the session cookie',
  security: [], // public
  request: { body: jsonBody(loginRequestSchema) },
  responses: {
    200: jsonAnswer('Signed in', sessionViewSchema),
    400: errorAnswers[400],
    401: errorAnswers[401],
    429: jsonAnswer('Too many failed attempts; see Retry-After', errorEnvelopeSchema),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/v1/auth/logout',
  tags: ['auth'],
  summary: 'End this session and clear its cookie',
  request: { body: { required: false, content: { 'application/json': { schema: emptyRequestSchema } } } },
  responses: { 200: jsonAnswer('Signed out', okSchema), 401: errorAnswers[401], 403: errorAnswers[403] },
});

export const registerAuthRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(loginRoute, async (c) => {
    const body = c.req.valid('json');
    const signedIn = await login(
      { db, clock: deps.clock, policy: sessionPolicy(deps.config) },
      { email: body.email, password: body.password, ip: clientIp(c, deps.config.trustProxy) },
    );
    return c.json(signedInAnswer(c, deps.config, signedIn), 200);
  });
  api.openapi(logoutRoute, async (c) => {
    const principal = principalOf(c);
    requireSessionPrincipal(principal);
    if (principal.kind === 'session') await logout(db, principal.session.id);
    clearSessionCookie(c, deps.config);
    return c.json({ ok: true as const }, 200);
  });
};

import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, HttpDeps } from './context.ts';
import { errorResponse, handleError, validationHook } from './errors.ts';
import { authenticate } from './middleware/authenticate.ts';
import { requestLog } from './middleware/request-log.ts';
import { workspaceAccess } from './middleware/workspace-access.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerBrandRoutes } from './routes/brand.ts';
import { registerInvitationRoutes } from './routes/invitations.ts';
import { registerListenRoutes } from './routes/listen.ts';
import { registerQueryRoutes } from './routes/listen-queries.ts';
import { registerSourceRoutes } from './routes/sources.ts';
import { registerImportRoutes } from './routes/imports.ts';
import { registerPeopleRoutes } from './routes/people.ts';
import { registerAlertRoutes } from './routes/alerts.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { registerMeasureRoutes } from './routes/measures.ts';
import { registerMeRoutes } from './routes/me.ts';
import { registerMemberRoutes } from './routes/members.ts';
import { registerSetupRoutes } from './routes/setup.ts';
import { registerTokenRoutes } from './routes/tokens.ts';
import { registerWorkspaceRoutes } from './routes/workspaces.ts';
import { serveWeb } from './static-web.ts';

export type { HttpDeps } from './context.ts';

/**
 * The HTTP application: JSON API under /api/v1, its OpenAPI document, health
 * probes, and the built web interface. Every request passes, in order:
 * request log → security headers → body limit → authentication and CSRF →
 * workspace membership → validation → use case → presenter.
 */
export const createHttpApp = (deps: HttpDeps) => {
  const { logger, config } = deps;
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  api.use('*', requestLog(logger));
  api.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));
  const limit = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: (c) => errorResponse(c, 'request.over-limit', { bytes: config.maxBodyBytes }),
  });
  // An import's file is read as a stream by its route, under its own limit (ADR 0200).
  const importUpload = /^\/api\/v1\/workspaces\/[^/]+\/import-runs\/[^/]+\/file$/;
  api.use('/api/*', (c, next) => (c.req.method === 'PUT' && importUpload.test(c.req.path) ? next() : limit(c, next)));
  api.use('/api/v1/*', authenticate(deps));
  api.use('/api/v1/workspaces/:workspaceId/*', workspaceAccess(deps));

  registerSetupRoutes(api, deps);
  registerAuthRoutes(api, deps);
  registerMeRoutes(api, deps);
  registerTokenRoutes(api, deps);
  registerWorkspaceRoutes(api, deps);
  registerBrandRoutes(api, deps);
  registerMemberRoutes(api, deps);
  registerInvitationRoutes(api, deps);
  registerListenRoutes(api, deps);
  registerQueryRoutes(api, deps);
  registerSourceRoutes(api, deps);
  registerImportRoutes(api, deps);
  registerPeopleRoutes(api, deps);
  registerAlertRoutes(api, deps);
  registerWebhookRoutes(api, deps);
  registerMeasureRoutes(api, deps);

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: config.secureCookies ? '__Host-relais_session' : 'relais_session',
    description: 'Set by login, setup or invitation accept. Unsafe methods also need the x-csrf-token header.',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal API token (rls_…), limited to one workspace and a role.',
  });
  api.doc31('/api/openapi.json', {
    security: [{ session: [] }, { token: [] }],
    openapi: '3.1.0',
    info: {
      title: 'relais API',
      version: '1',
      description:
        'Sign in with a session cookie (unsafe methods need the x-csrf-token header) or send a personal API token as `Authorization: Bearer <token>`. Errors: `{ "error": { "code", "message", "problems" } }`, the message in the language of Accept-Language (fr or en), else of the user’s preference, else French.',
    },
  });

  // Probes: /healthz says the process is up; /readyz says the database answers.
  api.get('/healthz', (c) => c.json({ ok: true }));
  api.get('/readyz', async (c) => {
    try {
      await deps.database.query('select 1');
      return c.json({ ok: true, database: deps.database.kind });
    } catch (e) {
      logger.warn('http.readyz.failed', { error: (e as Error).message });
      return errorResponse(c, 'server.database-down');
    }
  });

  api.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return (await serveWeb(c, deps.webDir)) ?? next();
  });

  api.notFound((c) => errorResponse(c, 'request.no-route', { method: c.req.method, path: c.req.path }));
  api.onError(handleError(logger));
  return api;
};

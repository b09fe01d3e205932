import { createRoute } from '@hono/zod-openapi';
import { needsSetup, setupFirstAdmin } from '../../app/auth/accounts.ts';
import { signIn } from '../../app/auth/login.ts';
import { sessionViewSchema, setupRequestSchema, setupStatusSchema } from '../../core/api/auth.ts';
import { errorEnvelopeSchema } from '../../core/api/common.ts';
import type { Api, HttpDeps } from '../context.ts';
import { sessionPolicy, signedInAnswer } from '../session-policy.ts';
import { errorAnswers, jsonAnswer, jsonBody } from './shared.ts';

const status = createRoute({
  method: 'get',
  path: '/api/v1/setup',
  tags: ['setup'],
  summary: 'Whether relais still needs its first administrator',
  security: [], // public
  responses: { 200: jsonAnswer('Setup status', setupStatusSchema) },
});

const setup = createRoute({
  method: 'post',
  path: '/api/v1/setup',
  tags: ['setup'],
  summary: 'Create the first administrator and workspace, and sign in (only while no user exists)',
  security: [], // public
  request: { body: jsonBody(setupRequestSchema) },
  responses: {
    201: jsonAnswer('Signed in', sessionViewSchema),
    400: errorAnswers[400],
    409: jsonAnswer('Already set up (conflict)', errorEnvelopeSchema),
  },
});

export const registerSetupRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(status, async (c) => c.json({ needsSetup: await needsSetup(db) }, 200));
  api.openapi(setup, async (c) => {
    const body = c.req.valid('json');
    const { user } = await setupFirstAdmin(db, body, body.workspaceName, deps.clock);
    const signedIn = await signIn(db, user, deps.clock, sessionPolicy(deps.config));
    return c.json(signedInAnswer(c, deps.config, signedIn), 201);
  });
};

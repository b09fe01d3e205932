import { createRoute } from '@hono/zod-openapi';
import { getBrand, updateBrand } from '../../app/brand.ts';
import { brandProfileBodySchema, brandProfileViewSchema } from '../../core/api/brand.ts';
import type { Api, HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { brandView } from '../presenters.ts';
import { errorAnswers, jsonAnswer, jsonBody, workspaceParams } from './shared.ts';

const tags = ['brand'];

const get = createRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/brand',
  tags,
  summary: "The workspace's brand profile (empty until filled in)",
  request: { params: workspaceParams },
  responses: { 200: jsonAnswer('Brand profile', brandProfileViewSchema), 401: errorAnswers[401], 404: errorAnswers[404] },
});

const put = createRoute({
  method: 'put',
  path: '/api/v1/workspaces/{workspaceId}/brand',
  tags,
  summary: 'Replace the brand profile (editor)',
  request: { params: workspaceParams, body: jsonBody(brandProfileBodySchema) },
  responses: { 200: jsonAnswer('Saved', brandProfileViewSchema), ...errorAnswers },
});

export const registerBrandRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(get, async (c) => c.json(brandView(await getBrand(db, c.req.valid('param').workspaceId)), 200));
  api.openapi(put, async (c) => {
    requireRole(c, 'editor');
    const saved = await updateBrand(db, c.req.valid('param').workspaceId, c.req.valid('json'), deps.clock);
    return c.json(brandView(saved), 200);
  });
};

import { createRoute } from '@hono/zod-openapi';
import { importPeople } from '../../app/import/import-people.ts';
import { importPosts } from '../../app/import/import-posts.ts';
import { importBodySchema, importReportSchema, peopleImportBodySchema, peopleImportReportSchema } from '../../core/api/imports.ts';
import type { Api, HttpDeps } from '../context.ts';
import { requireRole } from '../middleware/workspace-access.ts';
import { errorAnswers, jsonAnswer, jsonBody, workspaceParams } from './shared.ts';

const create = createRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/imports',
  tags: ['listen'],
  summary: 'Import a CSV or JSON file of posts: valid lines stored, every refused line reported (editor)',
  request: { params: workspaceParams, body: jsonBody(importBodySchema) },
  responses: { 200: jsonAnswer('What was stored and what was refused, line by line', importReportSchema), ...errorAnswers },
});

const createPeople = createRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/imports/people',
  tags: ['people'],
  summary: 'Import a CSV or JSON file of people: known handles merged, never duplicated; every refused line reported (editor)',
  request: { params: workspaceParams, body: jsonBody(peopleImportBodySchema) },
  responses: { 200: jsonAnswer('Who was added or updated, and what was refused, line by line', peopleImportReportSchema), ...errorAnswers },
});

/** The file of an import request, as both imports (posts, people) take it. */
const fileOf = <F extends string, M>(
  workspaceId: string,
  body: { readonly name: string; readonly content: string; readonly format?: F | undefined; readonly mapping?: M | undefined },
) => ({
  workspaceId,
  name: body.name,
  content: body.content,
  ...(body.format ? { format: body.format } : {}),
  ...(body.mapping ? { mapping: body.mapping } : {}),
});

export const registerImportRoutes = (api: Api, deps: HttpDeps): void => {
  api.openapi(create, async (c) => {
    requireRole(c, 'editor');
    const report = await importPosts(
      deps.database.db,
      fileOf(c.req.valid('param').workspaceId, c.req.valid('json')),
      deps.clock,
    );
    return c.json({ ...report, refused: report.refused.map((r) => ({ line: r.line, reason: r.reason })) }, 200);
  });

  api.openapi(createPeople, async (c) => {
    requireRole(c, 'editor');
    const report = await importPeople(
      deps.database.db,
      fileOf(c.req.valid('param').workspaceId, c.req.valid('json')),
      deps.clock,
    );
    return c.json({ format: report.format, unit: report.unit, records: report.records, created: report.created, merged: report.merged, unchanged: report.unchanged, refused: report.refused.map((r) => ({ line: r.line, reason: r.reason })) }, 200);
  });
};

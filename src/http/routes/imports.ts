import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { createImport, createImportRunner, listRecentImports, readImport, refusalsCsv, type ImportState } from '../../app/import/followed-import.ts';
import type { ImportRow } from '../../storage/imports.repo.ts';
import { importPeople } from '../../app/import/import-people.ts';
import { importPosts } from '../../app/import/import-posts.ts';
import {
  createImportRunBodySchema, importBodySchema, importReportSchema, importRunSchema, importRunsSchema, peopleImportBodySchema, peopleImportReportSchema,
  type ImportRunView,
} from '../../core/api/imports.ts';
import { errorEnvelopeSchema } from '../../core/api/common.ts';
import { fail } from '../../core/errors.ts';
import { renderProblem, renderReason } from '../../core/messages.ts';
import type { Locale } from '../../core/user.ts';
import { requestLocale } from '../errors.ts';
import { principalOf, type Api, type HttpDeps } from '../context.ts';
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

const runs = '/api/v1/workspaces/{workspaceId}/import-runs';
const runParams = z.object({ workspaceId: z.string(), importId: z.string() });
const createRun = createRoute({
  method: 'post',
  path: runs,
  tags: ['listen'],
  summary: 'Start a followed import of posts or people (ADR 0200): its file is then sent to PUT …/{importId}/file, and its progress read from GET …/{importId} (editor)',
  request: { params: workspaceParams, body: jsonBody(createImportRunBodySchema) },
  responses: { 201: jsonAnswer('Created, waiting for its file', importRunSchema), ...errorAnswers },
});
const listRuns = createRoute({
  method: 'get',
  path: runs,
  tags: ['listen'],
  summary: 'The workspace\'s latest followed imports, newest first, with their progress (ADR 0250)',
  request: { params: workspaceParams },
  responses: { 200: jsonAnswer('The latest imports', importRunsSchema), 401: errorAnswers[401], 404: errorAnswers[404] },
});
const getRun = createRoute({
  method: 'get',
  path: `${runs}/{importId}`,
  tags: ['listen'],
  summary: 'An import and its progress: bytes read of the total, records read, saved, refused, and the first refused lines',
  request: { params: runParams },
  responses: { 200: jsonAnswer('The import as committed so far', importRunSchema), 401: errorAnswers[401], 404: errorAnswers[404] },
});
const uploadRun = createRoute({
  method: 'put',
  path: `${runs}/{importId}/file`,
  tags: ['listen'],
  summary:
    'The file of a waiting import, as the raw request body (CSV or JSON): received whole, then imported in the background of the server (ADR 0250); answers once its columns are settled, and the import goes on if the client leaves (editor)',
  request: { params: runParams, body: { required: true, content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } } },
  responses: {
    202: jsonAnswer('Received: the import runs on the server; follow it with GET …/{importId}', importRunSchema),
    409: jsonAnswer('Its file was already sent (conflict)', errorEnvelopeSchema),
    413: jsonAnswer('Over RELAIS_MAX_IMPORT_BYTES (payload-too-large)', errorEnvelopeSchema),
    ...errorAnswers,
  },
});
const refusedCsv = createRoute({
  method: 'get',
  path: `${runs}/{importId}/refused.csv`,
  tags: ['listen'],
  summary: 'Every refused line of an import as CSV (line or item, reason), the reasons in `lang` when given, else in the language of the request (ADR 0250)',
  request: { params: runParams, query: z.object({ lang: z.enum(['fr', 'en']).optional() }) },
  responses: { 200: { description: 'The report', content: { 'text/csv': { schema: z.string() } } }, 401: errorAnswers[401], 404: errorAnswers[404] },
});

const rowView = (s: ImportRow, locale: Locale): Omit<ImportRunView, 'refusedLines'> => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  format: s.format,
  unit: s.unit,
  status: s.status,
  bytesTotal: s.bytesTotal,
  bytesRead: s.bytesRead,
  records: s.records,
  refused: s.refused,
  lastLine: s.lastLine,
  counts: {
    stored: s.counts['stored'] ?? 0,
    duplicates: s.counts['duplicates'] ?? 0,
    nearDuplicates: s.counts['nearDuplicates'] ?? 0,
    created: s.counts['created'] ?? 0,
    merged: s.counts['merged'] ?? 0,
    unchanged: s.counts['unchanged'] ?? 0,
  },
  sourceId: s.sourceId,
  error: s.error ? renderReason(s.error, locale) : null,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  finishedAt: s.finishedAt?.toISOString() ?? null,
});

/** An import with its first refused lines, every reason said in `locale` (ADR 0250). */
const runView = (s: ImportState, locale: Locale): ImportRunView => ({
  ...rowView(s, locale),
  refusedLines: s.refusedLines.map((r) => ({ line: r.line, reason: renderReason(r.reason, locale) })),
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
  // Without a runner of its own (tests), the app imports in its own background.
  const runner = deps.imports ?? createImportRunner({ db: deps.database.db, clock: deps.clock, logger: deps.logger });

  api.openapi(create, async (c) => {
    requireRole(c, 'editor');
    const report = await importPosts(
      deps.database.db,
      fileOf(c.req.valid('param').workspaceId, c.req.valid('json')),
      deps.clock,
    );
    const locale = await requestLocale(c);
    return c.json({ ...report, refused: report.refused.map((r) => ({ line: r.line, reason: renderProblem(r.problem, locale) })) }, 200);
  });

  api.openapi(createPeople, async (c) => {
    requireRole(c, 'editor');
    const report = await importPeople(
      deps.database.db,
      fileOf(c.req.valid('param').workspaceId, c.req.valid('json')),
      deps.clock,
    );
    const locale = await requestLocale(c);
    const refused = report.refused.map((r) => ({ line: r.line, reason: renderProblem(r.problem, locale) }));
    return c.json({ format: report.format, unit: report.unit, records: report.records, created: report.created, merged: report.merged, unchanged: report.unchanged, refused }, 200);
  });

  api.openapi(createRun, async (c) => {
    requireRole(c, 'editor');
    const { workspaceId } = c.req.valid('param');
    const b = c.req.valid('json');
    const row = await createImport(deps.database.db, workspaceId, { ...b, userId: principalOf(c).userId }, deps.clock);
    return c.json(runView({ ...row, refusedLines: [] }, await requestLocale(c)), 201);
  });

  api.openapi(listRuns, async (c) => {
    const { workspaceId } = c.req.valid('param');
    const locale = await requestLocale(c);
    return c.json({ items: (await listRecentImports(deps.database.db, workspaceId, deps.clock)).map((r) => rowView(r, locale)) }, 200);
  });

  api.openapi(getRun, async (c) => {
    const { workspaceId, importId } = c.req.valid('param');
    return c.json(runView(await readImport(deps.database.db, workspaceId, importId, deps.clock), await requestLocale(c)), 200);
  });

  api.openapi(uploadRun, async (c) => {
    // An answer given before the whole body is read (a refusal) closes the connection: what is
    // left of the file must not be read as the next request.
    c.header('connection', 'close');
    requireRole(c, 'editor');
    const { workspaceId, importId } = c.req.valid('param');
    const max = deps.config.maxImportBytes;
    const length = Number(c.req.header('content-length') ?? 'NaN');
    if (length > max) throw fail('import.file-too-large', { bytes: max });
    const body = c.req.raw.body;
    if (!body) throw fail('import.no-body');
    // The body is stored in the database as it arrives (never held whole), stopped past the limit;
    // the import then runs in the background whether or not the client stays (ADR 0290).
    const state = await runner.accept(workspaceId, importId, body as unknown as AsyncIterable<Uint8Array>, { maxBytes: max });
    return c.json(runView(state, await requestLocale(c)), 202);
  });

  api.openapi(refusedCsv, async (c) => {
    const { workspaceId, importId } = c.req.valid('param');
    const state = await readImport(deps.database.db, workspaceId, importId, deps.clock);
    const file = `${state.name.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'import'}-refused.csv`;
    const db = deps.database.db;
    // A download is a plain link: the page says its language in the address.
    const locale = c.req.valid('query').lang ?? (await requestLocale(c));
    const bytes = async function* () {
      for await (const text of refusalsCsv(db, workspaceId, importId, locale)) yield Buffer.from(text, 'utf8');
    };
    const stream = Readable.toWeb(Readable.from(bytes())) as ReadableStream<Uint8Array>;
    return new Response(stream, {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
        'cache-control': 'no-store',
      },
    }) as never;
  });
};

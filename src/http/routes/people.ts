import { createRoute } from '@hono/zod-openapi';
import { isUuid } from '../../core/ids.ts';
import { fail } from '../../core/errors.ts';
import type { Person } from '../../core/person.ts';
import { peoplePageSchema, peopleQuerySchema, personParams, personViewSchema, type PersonView } from '../../core/api/people.ts';
import { findPerson, searchPeople } from '../../storage/people.repo.ts';
import type { Api, HttpDeps } from '../context.ts';
import { errorAnswers, jsonAnswer, workspaceParams } from './shared.ts';

const base = '/api/v1/workspaces/{workspaceId}/people';
const tags = ['people'];
const readAnswers = { 400: errorAnswers[400], 401: errorAnswers[401], 404: errorAnswers[404] };

const list = createRoute({
  method: 'get',
  path: base,
  tags,
  summary: 'The people of the workspace by name, with their handles; q finds a part of a name, a handle or a tag; pages by limit and offset',
  request: { params: workspaceParams, query: peopleQuerySchema },
  responses: { 200: jsonAnswer('A page of people and the total', peoplePageSchema), ...readAnswers },
});

const get = createRoute({
  method: 'get',
  path: `${base}/{personId}`,
  tags,
  summary: 'One person with their handles, tags, roles and notes',
  request: { params: personParams },
  responses: { 200: jsonAnswer('The person', personViewSchema), ...readAnswers },
});

const personView = (p: Person): PersonView => ({
  id: p.id,
  displayName: p.displayName,
  handles: p.handles.map((h) => ({ network: h.network, handle: h.handle, ...(h.did ? { did: h.did } : {}) })),
  profileUrl: p.profileUrl,
  bio: p.bio,
  tags: [...p.tags],
  roles: [...p.roles],
  notes: p.notes,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** Plain reads (a repository directly, as ARCHITECTURE allows): every member may read. */
export const registerPeopleRoutes = (api: Api, deps: HttpDeps): void => {
  const db = deps.database.db;
  api.openapi(list, async (c) => {
    const { workspaceId } = c.req.valid('param');
    const q = c.req.valid('query');
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const page = await searchPeople(db, workspaceId, { q: q.q, limit, offset });
    return c.json({ items: page.items.map(personView), total: page.total, limit, offset }, 200);
  });

  api.openapi(get, async (c) => {
    const { workspaceId, personId } = c.req.valid('param');
    const p = isUuid(personId) ? await findPerson(db, workspaceId, personId) : null;
    if (!p) throw fail('person.not-found');
    return c.json(personView(p), 200);
  });
};

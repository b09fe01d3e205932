import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { seedDemo } from '../app/demo.ts';
import { createAccountWithWorkspace } from '../app/auth/accounts.ts';
import type { SessionView } from '../core/api/auth.ts';
import type { CreatedInvitation } from '../core/api/invitations.ts';
import type { CreatedToken } from '../core/api/tokens.ts';
import { makeHarness, password, type Answer, type Client, type Harness } from './testing/harness.ts';

/**
 * The isolation sweep. Routes are discovered from the router itself, so a
 * route added later is covered without touching this file, unless it has a
 * path parameter this file cannot fill: then the test fails and asks for a
 * fixture, on purpose.
 */

/** Routes anyone may call, each for a reason. Everything else must answer 401 to an anonymous caller. */
const publicRoutes = new Set([
  'GET /healthz', // liveness probe for the orchestrator
  'GET /readyz', // readiness probe
  'GET /api/openapi.json', // the API's public description
  'GET /api/v1/setup', // the first-run screen asks whether setup is needed
  'POST /api/v1/setup', // creates the first admin; refuses once a user exists
  'POST /api/v1/auth/login', // signing in
  'POST /api/v1/invitations/accept', // the invitation link is the credential
]);

interface Route {
  readonly method: string;
  readonly path: string;
}

const discoverRoutes = (h: Harness): Route[] => {
  const seen = new Map<string, Route>();
  for (const r of h.app.routes) {
    // Middleware is registered as ALL; the catch-all GET * serves the web app's files.
    if (r.method === 'ALL' || r.path === '*' || r.path === '/*') continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
};

for (const target of targets) {
  describe(`isolation sweep on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let routes: Route[];
    let a: Client;
    let b: Client;
    let bBot: Client;
    const A: Record<string, string> = {};

    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      // Workspace A: the full demo (brand, queries, sources, mentions, two members), plus an invitation and a token.
      const demo = await seedDemo(database.db, h.clock);
      assert.ok(demo.login);
      a = h.client();
      const signedIn = await a.login(demo.login.email, demo.login.password);
      assert.equal(signedIn.status, 200);
      A.workspaceId = demo.workspaceId;
      A.userId = signedIn.json<SessionView>().user.id;
      A.invitationId = (await a.post(`/api/v1/workspaces/${demo.workspaceId}/invitations`, { email: 'guest@example.org', role: 'viewer' })).json<CreatedInvitation>().id;
      const token = (await a.post('/api/v1/me/tokens', { name: 'a-bot', workspaceId: demo.workspaceId, role: 'owner' })).json<CreatedToken>();
      A.tokenId = token.id;
      A.token = token.token;
      A.sourceId = (await a.get(`/api/v1/workspaces/${demo.workspaceId}/sources`)).json<{ items: { id: string }[] }>().items[0]?.id ?? '';
      A.queryId = (await a.get(`/api/v1/workspaces/${demo.workspaceId}/queries`)).json<{ items: { id: string }[] }>().items[0]?.id ?? '';
      A.alertId = (await a.get(`/api/v1/workspaces/${demo.workspaceId}/alerts`)).json<{ items: { id: string }[] }>().items[0]?.id ?? '';
      A.watchedId = (await a.get(`/api/v1/workspaces/${demo.workspaceId}/watch-list`)).json<{ items: { id: string }[] }>().items[0]?.id ?? '';
      A.webhookId = (await a.post(`/api/v1/workspaces/${demo.workspaceId}/webhooks`, { url: 'https://hooks.example.org/relais', events: ['alert.opened'] })).json<{ id: string }>().id;
      A.importId = (await a.post(`/api/v1/workspaces/${demo.workspaceId}/import-runs`, { kind: 'posts', name: 'avis.csv' })).json<{ id: string }>().id;
      const people = JSON.stringify([{ name: 'Julien Barbu', mastodon: '@julien@piaille.fr' }]);
      assert.equal((await a.post(`/api/v1/workspaces/${demo.workspaceId}/imports/people`, { name: 'people.json', content: people })).status, 200);
      A.personId = (await a.get(`/api/v1/workspaces/${demo.workspaceId}/people`)).json<{ items: { id: string }[] }>().items[0]?.id ?? '';

      // Workspace B: one user, nothing else.
      const bAccount = await createAccountWithWorkspace(database.db, { email: 'b@example.org', name: 'B', password }, 'Boutique B', h.clock);
      b = h.client();
      assert.equal((await b.login('b@example.org', password)).status, 200);
      bBot = h.client();
      bBot.bearer = (await b.post('/api/v1/me/tokens', { name: 'b-bot', workspaceId: bAccount.workspace.id, role: 'owner' })).json<CreatedToken>().token;
      routes = discoverRoutes(h);
    });
    after(() => database.close());

    /** What must never appear in an answer to B: A's ids, names, e-mail, texts. */
    const leaks = (r: Answer): string[] => {
      const markers = [A.workspaceId, A.userId, A.invitationId, A.tokenId, 'Coupe-Chou', 'demo@relais.local', 'guest@example.org', 'Barbe Royale', 'Julien Barbu'];
      return markers.filter((m): m is string => m !== undefined && r.text.includes(m));
    };

    const fill = (path: string): string =>
      path.replace(/:(\w+)/g, (_, name: string) => {
        const value = A[name];
        if (!value) {
          throw new Error(`No fixture for the path parameter :${name} of ${path}: add a resource of that kind to workspace A in this test.`);
        }
        return value;
      });

    it('discovers the routes from the router', () => {
      assert.ok(routes.length >= 20, `only ${routes.length} routes found`);
      assert.ok(routes.some((r) => r.path === '/api/v1/workspaces/:workspaceId/mentions'));
    });

    it('answers 401 to anonymous callers everywhere but the public routes', async () => {
      const anon = h.client();
      for (const r of routes) {
        if (publicRoutes.has(`${r.method} ${r.path}`)) continue;
        const res = await anon.request(r.method, fill(r.path), r.method === 'GET' ? undefined : {});
        assert.equal(res.status, 401, `${r.method} ${r.path} answered ${res.status} to an anonymous caller`);
        assert.deepEqual(leaks(res), [], `${r.method} ${r.path} leaked to an anonymous caller`);
      }
    });

    for (const who of ['session', 'token'] as const) {
      it(`answers 404 to B (${who}) for every route naming A's resources, and never shows A's data`, async () => {
        const caller = who === 'session' ? b : bBot;
        // Logging out last, so the sweep keeps its session to the end.
        const ordered = [...routes].sort((x, y) => Number(x.path.endsWith('/logout')) - Number(y.path.endsWith('/logout')));
        for (const r of ordered) {
          const res = await caller.request(r.method, fill(r.path), r.method === 'GET' ? undefined : {});
          const label = `${r.method} ${r.path} as B (${who})`;
          assert.ok(res.status < 500, `${label} answered ${res.status}: ${res.text}`);
          if (r.path.includes(':')) assert.equal(res.status, 404, `${label} answered ${res.status}, not 404`);
          assert.deepEqual(leaks(res), [], `${label} leaked A's data: ${res.text.slice(0, 300)}`);
        }
      });
    }

    it("refuses B a token for A's workspace named in the body", async () => {
      const b2 = h.client();
      await b2.login('b@example.org', password);
      const res = await b2.post('/api/v1/me/tokens', { name: 'sneaky', workspaceId: A.workspaceId, role: 'viewer' });
      assert.equal(res.status, 404);
      assert.deepEqual(leaks(res), []);
    });

    it("left A's resources untouched", async () => {
      const aBot = h.client();
      aBot.bearer = A.token;
      assert.equal((await aBot.get(`/api/v1/workspaces/${A.workspaceId}`)).status, 200, "A's token still works");
      const inv = await a.get(`/api/v1/workspaces/${A.workspaceId}/invitations`);
      assert.ok(inv.text.includes(A.invitationId ?? '?'), "A's invitation is still pending");
      const members = await a.get(`/api/v1/workspaces/${A.workspaceId}/members`);
      assert.ok(members.text.includes(A.userId ?? '?'));
      const brand = await a.get(`/api/v1/workspaces/${A.workspaceId}/brand`);
      assert.ok(brand.text.includes('Barbe Royale'), "A's brand profile is intact");
      assert.equal((await a.get(`/api/v1/workspaces/${A.workspaceId}/sources/${A.sourceId}`)).status, 200, "A's source is still there");
      assert.ok((await a.get(`/api/v1/workspaces/${A.workspaceId}/queries`)).text.includes(A.queryId ?? '?'), "A's query is still there");
      const alerts = await a.get(`/api/v1/workspaces/${A.workspaceId}/alerts`);
      assert.ok(alerts.text.includes(A.alertId ?? '?') && !alerts.text.includes('"acknowledged"'), "A's alerts are untouched");
      assert.ok((await a.get(`/api/v1/workspaces/${A.workspaceId}/watch-list`)).text.includes(A.watchedId ?? '?'), "A's watch list is intact");
      assert.ok((await a.get(`/api/v1/workspaces/${A.workspaceId}/webhooks`)).text.includes(A.webhookId ?? '?'), "A's webhook is still there");
    });
  });
}

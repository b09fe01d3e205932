import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import type { SessionView } from '../core/api/auth.ts';
import type { BrandProfileView } from '../core/api/brand.ts';
import type { CreatedInvitation } from '../core/api/invitations.ts';
import type { CreatedToken, TokenView } from '../core/api/tokens.ts';
import type { MemberView, WorkspaceView } from '../core/api/workspaces.ts';
import { makeHarness, password, setUp, type Client, type Harness } from './testing/harness.ts';

type Envelope = { error: { code: string; message: string } };
const day = 24 * 3600_000;

const brand = {
  services: ['Savons', ' Savons ', 'Huiles'],
  knowHow: ['Saponification à froid'],
  differentiators: [],
  values: ['Sincérité'],
  toneOfVoice: 'Chaleureux',
  keywords: ['rasage'],
  competitors: ['Barbe Royale'],
  networks: ['mastodon', 'bluesky'],
};

for (const target of targets) {
  describe(`workspaces, members, invitations, tokens and brand on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let owner: Client;
    let ws: string;
    let ownerId: string;
    const base = () => `/api/v1/workspaces/${ws}`;

    /** Invites `email` with `role` and returns a client signed in as the new member. */
    const join = async (email: string, role: 'owner' | 'editor' | 'viewer'): Promise<{ client: Client; userId: string }> => {
      const inv = await owner.post(`${base()}/invitations`, { email, role });
      assert.equal(inv.status, 201, inv.text);
      const c = h.client();
      const r = await c.post('/api/v1/invitations/accept', { token: inv.json<CreatedInvitation>().token, name: email.split('@')[0], password });
      assert.equal(r.status, 200, r.text);
      return { client: c, userId: r.json<SessionView>().user.id };
    };

    before(async () => {
      database = await target.open();
      h = makeHarness(database);
      ({ client: owner, workspaceId: ws, userId: ownerId } = await setUp(h));
    });
    after(() => database.close());

    it('creates, lists, reads and renames workspaces; only owners rename', async () => {
      const created = await owner.post('/api/v1/workspaces', { name: 'Second atelier' });
      assert.equal(created.status, 201);
      assert.equal(created.json<WorkspaceView>().role, 'owner');
      const list = await owner.get('/api/v1/workspaces');
      assert.deepEqual(list.json<{ items: { name: string }[] }>().items.map((w) => w.name), ['Atelier', 'Second atelier']);
      assert.equal((await owner.patch(base(), { name: 'Atelier Lyon' })).json<WorkspaceView>().name, 'Atelier Lyon');
      const { client: viewer } = await join('viewer1@example.org', 'viewer');
      assert.equal((await viewer.get(base())).json<WorkspaceView>().role, 'viewer');
      const refused = await viewer.patch(base(), { name: 'Mine now' });
      assert.equal(refused.status, 403);
      assert.equal(refused.json<Envelope>().error.code, 'forbidden');
    });

    it('saves the brand profile for editors (tidied), refuses viewers and bad input', async () => {
      const empty = await owner.get(`${base()}/brand`);
      assert.equal(empty.json<BrandProfileView>().updatedAt, null);
      const { client: editor } = await join('editor1@example.org', 'editor');
      const saved = await editor.put(`${base()}/brand`, brand);
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.json<BrandProfileView>().services, ['Savons', 'Huiles']);
      assert.deepEqual((await owner.get(`${base()}/brand`)).json<BrandProfileView>().networks, ['mastodon', 'bluesky']);
      const { client: viewer } = await join('viewer2@example.org', 'viewer');
      assert.equal((await viewer.put(`${base()}/brand`, brand)).status, 403);
      assert.equal((await editor.put(`${base()}/brand`, { ...brand, networks: ['mastodon', 'mastodon'] })).status, 400);
      assert.equal((await editor.put(`${base()}/brand`, { ...brand, networks: ['myspace'] })).status, 400);
      const { networks: _, ...partial } = brand;
      assert.equal((await editor.put(`${base()}/brand`, partial)).status, 400, 'PUT replaces the whole profile');
    });

    it('changes roles and removes members, never the last owner', async () => {
      const { client: ed, userId: edId } = await join('editor2@example.org', 'editor');
      const members = await owner.get(`${base()}/members`);
      assert.ok(members.json<{ items: MemberView[] }>().items.some((m) => m.userId === edId && m.role === 'editor'));
      assert.equal((await ed.patch(`${base()}/members/${ownerId}`, { role: 'viewer' })).status, 403, 'editors do not manage members');
      const lastOwner = await owner.patch(`${base()}/members/${ownerId}`, { role: 'editor' });
      assert.equal(lastOwner.status, 409);
      assert.equal((await owner.delete(`${base()}/members/${ownerId}`)).status, 409);
      assert.equal((await owner.patch(`${base()}/members/${edId}`, { role: 'owner' })).json<MemberView>().role, 'owner');
      // Now two owners: the first may step down, and the promoted one may remove the other.
      assert.equal((await owner.patch(`${base()}/members/${ownerId}`, { role: 'editor' })).status, 200);
      assert.equal((await ed.patch(`${base()}/members/${ownerId}`, { role: 'owner' })).status, 200);
      assert.equal((await owner.delete(`${base()}/members/${edId}`)).status, 200);
      assert.equal((await ed.get(base())).status, 404, 'a removed member no longer sees the workspace');
      assert.equal((await owner.delete(`${base()}/members/00000000-0000-4000-8000-000000000000`)).status, 404);
    });

    it('lets a member leave on their own', async () => {
      const { client: v, userId } = await join('leaver@example.org', 'viewer');
      assert.equal((await v.delete(`${base()}/members/${userId}`)).status, 200);
      assert.equal((await v.get(base())).status, 404);
    });

    it('invitations: listed while pending, accepted once, by a new or an existing account, expiring', async () => {
      const inv = (await owner.post(`${base()}/invitations`, { email: 'New@Example.org', role: 'editor' })).json<CreatedInvitation>();
      const pending = (await owner.get(`${base()}/invitations`)).json<{ items: { id: string; email: string }[] }>().items;
      assert.ok(pending.some((i) => i.id === inv.id && i.email === 'new@example.org'));
      assert.ok(!JSON.stringify(pending).includes(inv.token), 'the token is never listed');

      const stranger = h.client();
      const missing = await stranger.post('/api/v1/invitations/accept', { token: inv.token });
      assert.equal(missing.status, 400, 'a new account needs a name and password');
      const joined = await stranger.post('/api/v1/invitations/accept', { token: inv.token, name: 'New', password });
      assert.equal(joined.status, 200);
      assert.equal(joined.json<SessionView>().workspaces[0]?.role, 'editor');
      assert.equal((await stranger.get(base())).status, 200, 'signed in by accepting');
      assert.equal((await h.client().post('/api/v1/invitations/accept', { token: inv.token, name: 'Again', password })).status, 404);

      // An existing account must prove itself, or accept while signed in.
      const other = await owner.post('/api/v1/workspaces', { name: 'Third' });
      const third = other.json<WorkspaceView>().id;
      const inv2 = (await owner.post(`/api/v1/workspaces/${third}/invitations`, { email: 'new@example.org', role: 'viewer' })).json<CreatedInvitation>();
      assert.equal((await h.client().post('/api/v1/invitations/accept', { token: inv2.token, password: 'wrong password!' })).status, 401);
      const viaSession = await stranger.post('/api/v1/invitations/accept', { token: inv2.token });
      assert.equal(viaSession.status, 200);
      assert.equal((await stranger.get(`/api/v1/workspaces/${third}`)).json<WorkspaceView>().role, 'viewer');

      const late = (await owner.post(`${base()}/invitations`, { email: 'late@example.org', role: 'viewer' })).json<CreatedInvitation>();
      const revoked = (await owner.post(`${base()}/invitations`, { email: 'gone@example.org', role: 'viewer' })).json<CreatedInvitation>();
      assert.equal((await owner.delete(`${base()}/invitations/${revoked.id}`)).status, 200);
      assert.equal((await h.client().post('/api/v1/invitations/accept', { token: revoked.token, name: 'G', password })).status, 404);
      h.clock.advance(8 * day);
      assert.equal((await h.client().post('/api/v1/invitations/accept', { token: late.token, name: 'L', password })).status, 404);
      assert.ok(!(await owner.get(`${base()}/invitations`)).text.includes(late.id), 'expired invitations are not pending');
      await owner.login('owner@example.org', password); // the session went idle during the 8 days
    });

    it('API tokens: shown once, scoped to one workspace and capped by role, revocable', async () => {
      await owner.login('owner@example.org', password);
      const created = await owner.post('/api/v1/me/tokens', { name: 'zapier', workspaceId: ws, role: 'viewer' });
      assert.equal(created.status, 201, created.text);
      const t = created.json<CreatedToken>();
      assert.match(t.token, /^rls_/);
      const listed = (await owner.get('/api/v1/me/tokens')).json<{ items: TokenView[] }>().items;
      assert.ok(listed.some((x) => x.id === t.id) && !JSON.stringify(listed).includes(t.token));

      const bot = h.client();
      bot.bearer = t.token;
      const me = await bot.get('/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal(me.json<SessionView>().csrfToken, null);
      assert.deepEqual(me.json<SessionView>().workspaces.map((w) => [w.id, w.role]), [[ws, 'viewer']]);
      assert.equal((await bot.get(`${base()}/brand`)).status, 200);
      assert.equal((await bot.put(`${base()}/brand`, brand)).status, 403, 'viewer token cannot write');
      const others = (await owner.get('/api/v1/workspaces')).json<{ items: { id: string }[] }>().items.filter((w) => w.id !== ws);
      assert.equal((await bot.get(`/api/v1/workspaces/${others[0]?.id}`)).status, 404, 'outside its workspace');
      assert.equal((await bot.post('/api/v1/me/tokens', { name: 'x', workspaceId: ws, role: 'viewer' })).status, 403);
      assert.equal((await bot.post('/api/v1/workspaces', { name: 'x' })).status, 403);

      const { client: viewer } = await join('viewer3@example.org', 'viewer');
      const tooStrong = await viewer.post('/api/v1/me/tokens', { name: 'x', workspaceId: ws, role: 'editor' });
      assert.equal(tooStrong.status, 403);
      assert.equal((await viewer.post('/api/v1/me/tokens', { name: 'x', workspaceId: others[0]?.id, role: 'viewer' })).status, 404);

      assert.equal((await viewer.delete(`/api/v1/me/tokens/${t.id}`)).status, 404, 'only its owner revokes it');
      const second = (await owner.post('/api/v1/me/tokens', { name: 'rotating', workspaceId: ws, role: 'viewer' })).json<CreatedToken>();
      const rotating = h.client();
      rotating.bearer = second.token;
      assert.equal((await rotating.delete(`/api/v1/me/tokens/${t.id}`)).status, 404, 'a token revokes only itself');
      assert.equal((await rotating.delete(`/api/v1/me/tokens/${second.id}`)).status, 200);
      assert.equal((await rotating.get('/api/v1/me')).status, 401);
      assert.equal((await owner.delete(`/api/v1/me/tokens/${t.id}`)).status, 200);
      assert.equal((await bot.get('/api/v1/me')).status, 401);
      assert.equal((await owner.delete(`/api/v1/me/tokens/${t.id}`)).status, 404);
    });
  });
}

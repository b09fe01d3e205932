import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import type { SessionView } from '../core/api/auth.ts';
import { makeHarness, password, setUp, type Harness } from './testing/harness.ts';

const hour = 3600_000;

for (const target of targets) {
  describe(`sign-in, sessions and CSRF on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    before(async () => {
      database = await target.open();
      h = makeHarness(database, { env: { RELAIS_SESSION_IDLE_HOURS: '1', RELAIS_SESSION_MAX_HOURS: '3', RELAIS_TRUST_PROXY: 'true' } });
    });
    after(() => database.close());

    it('sets up the first admin once, signed in with a hardened cookie', async () => {
      const anon = h.client();
      assert.deepEqual((await anon.get('/api/v1/setup')).body, { needsSetup: true });
      const { client } = await setUp(h);
      const me = await client.get('/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal(me.json<SessionView>().user.email, 'owner@example.org');
      assert.equal(me.json<SessionView>().workspaces[0]?.role, 'owner');
      assert.deepEqual((await anon.get('/api/v1/setup')).body, { needsSetup: false });
      const again = await anon.post('/api/v1/setup', { email: 'x@example.org', name: 'X', password, workspaceName: 'W' });
      assert.equal(again.status, 409);
      assert.equal(again.json<{ error: { code: string } }>().error.code, 'conflict');
    });

    it('logs in with a fresh token each time, and the cookie is HttpOnly, SameSite=Lax, Path=/', async () => {
      const a = h.client();
      const r = await a.login('OWNER@example.org', password);
      assert.equal(r.status, 200);
      const cookie = r.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^relais_session=[\w-]{22};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Secure/);
      const b = h.client();
      await b.login('owner@example.org', password);
      assert.notEqual(a.cookie, b.cookie);
      assert.ok(a.csrf && b.csrf && a.csrf !== b.csrf);
    });

    it('refuses a wrong password or an unknown e-mail with the same answer', async () => {
      const c = h.client();
      const wrong = await c.login('owner@example.org', 'not the password');
      const unknown = await c.login('nobody@example.org', 'not the password');
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual(wrong.body, unknown.body);
      assert.equal(c.cookie, undefined);
    });

    it('logs out: the cookie is cleared and the session is dead server-side', async () => {
      const c = h.client();
      await c.login('owner@example.org', password);
      const stolen = c.cookie;
      const out = await c.post('/api/v1/auth/logout');
      assert.equal(out.status, 200);
      assert.match(out.headers.get('set-cookie') ?? '', /relais_session=;/);
      assert.equal((await c.get('/api/v1/me')).status, 401);
      c.cookie = stolen;
      assert.equal((await c.get('/api/v1/me')).status, 401);
    });

    it('ends a session after the idle timeout and after the absolute timeout', async () => {
      const idle = h.client();
      await idle.login('owner@example.org', password);
      h.clock.advance(hour - 60_000);
      assert.equal((await idle.get('/api/v1/me')).status, 200, 'activity just before the idle limit keeps it');
      h.clock.advance(hour - 60_000);
      assert.equal((await idle.get('/api/v1/me')).status, 200, 'the idle window restarts at each use');
      h.clock.advance(hour + 1000);
      assert.equal((await idle.get('/api/v1/me')).status, 401, 'idle too long');

      const busy = h.client();
      await busy.login('owner@example.org', password);
      for (let t = 0; t < 5; t++) {
        h.clock.advance(hour / 2);
        assert.equal((await busy.get('/api/v1/me')).status, 200);
      }
      h.clock.advance(hour / 2 + 1000);
      assert.equal((await busy.get('/api/v1/me')).status, 401, 'past the absolute limit despite activity');
    });

    it('refuses unsafe cookie requests without the CSRF token or from another origin', async () => {
      const c = h.client();
      await c.login('owner@example.org', password);
      const token = c.csrf;
      c.csrf = undefined;
      const missing = await c.patch('/api/v1/me', { name: 'Hacked' });
      assert.equal(missing.status, 403);
      assert.equal(missing.json<{ error: { code: string } }>().error.code, 'forbidden');
      c.csrf = 'wrong-token-of-same-len';
      assert.equal((await c.patch('/api/v1/me', { name: 'Hacked' })).status, 403);
      c.csrf = token;
      const foreign = await c.request('PATCH', '/api/v1/me', { name: 'Hacked' }, { origin: 'https://evil.example' });
      assert.equal(foreign.status, 403);
      const same = await c.request('PATCH', '/api/v1/me', { name: 'Owner Renamed' }, { origin: 'http://localhost' });
      assert.equal(same.status, 200);
      assert.equal((await c.get('/api/v1/me')).json<SessionView>().user.name, 'Owner Renamed');
      // A cross-origin login is refused too (login CSRF).
      const evilLogin = await h.client().request('POST', '/api/v1/auth/login', { email: 'owner@example.org', password }, { origin: 'https://evil.example' });
      assert.equal(evilLogin.status, 403);
    });

    it('rate-limits failed logins per e-mail, with Retry-After, until the window passes', async () => {
      const c = h.client();
      const ip = { 'x-forwarded-for': '203.0.113.7' };
      for (let i = 0; i < 5; i++) {
        assert.equal((await c.request('POST', '/api/v1/auth/login', { email: 'owner@example.org', password: 'bad' }, ip)).status, 401);
      }
      const limited = await c.request('POST', '/api/v1/auth/login', { email: 'owner@example.org', password }, { 'x-forwarded-for': '198.51.100.1' });
      assert.equal(limited.status, 429);
      assert.equal(limited.json<{ error: { code: string } }>().error.code, 'rate-limited');
      const retry = Number(limited.headers.get('retry-after'));
      assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After ${retry}`);
      h.clock.advance(retry * 1000);
      assert.equal((await c.login('owner@example.org', password)).status, 200);
    });

    it('rate-limits failed logins per client address across e-mails', async () => {
      const c = h.client();
      const ip = { 'x-forwarded-for': '192.0.2.44, 10.0.0.1' };
      for (let i = 0; i < 30; i++) {
        await c.request('POST', '/api/v1/auth/login', { email: `guess${i}@example.org`, password: 'bad' }, ip);
      }
      const limited = await c.request('POST', '/api/v1/auth/login', { email: 'owner@example.org', password }, ip);
      assert.equal(limited.status, 429);
      assert.ok(limited.headers.get('retry-after'));
      const elsewhere = await c.request('POST', '/api/v1/auth/login', { email: 'owner@example.org', password }, { 'x-forwarded-for': '192.0.2.45' });
      assert.equal(elsewhere.status, 200);
    });
  });
}

describe('cookies over HTTPS', () => {
  it('uses the __Host- prefix and Secure, and checks Origin against the public URL', async (t) => {
    const database = await targets[0]!.open();
    t.after(() => database.close());
    const h = makeHarness(database, { env: { RELAIS_PUBLIC_URL: 'https://relais.example.org' } });
    const { client } = await setUp(h);
    assert.match(client.cookie ?? '', /^__Host-relais_session=/);
    const r = await client.login('owner@example.org', password);
    assert.match(r.headers.get('set-cookie') ?? '', /; Secure/);
    assert.equal((await client.get('/api/v1/me')).status, 200);
    const ok = await client.request('PATCH', '/api/v1/me', { locale: 'en' }, { origin: 'https://relais.example.org' });
    assert.equal(ok.status, 200);
    const bad = await client.request('PATCH', '/api/v1/me', { locale: 'en' }, { origin: 'http://relais.example.org' });
    assert.equal(bad.status, 403);
  });
});

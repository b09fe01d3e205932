import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPglite, type TestDatabase } from '../storage/testing/databases.ts';
import { makeHarness, setUp, type Client, type Harness } from './testing/harness.ts';

type Envelope = { error: { code: string; message: string } };

const assertEnvelope = (r: { status: number; text: string; json<T>(): T }, status: number, code: string) => {
  assert.equal(r.status, status, r.text);
  const body = r.json<Envelope>();
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.deepEqual(Object.keys(body), ['error']);
  assert.doesNotMatch(r.text, /at .*\.ts:\d+|node_modules/, 'no stack trace');
};

describe('error envelope, limits, probes, OpenAPI and web files', () => {
  let database: TestDatabase;
  let h: Harness;
  let owner: Client;
  let ws: string;
  let webDir: string;
  before(async () => {
    database = await freshPglite();
    webDir = mkdtempSync(join(tmpdir(), 'relais-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>relais app</title>');
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(webDir, '.env'), 'SECRET=1');
    h = makeHarness(database, { env: { RELAIS_MAX_BODY_BYTES: '2048' }, webDir });
    ({ client: owner, workspaceId: ws } = await setUp(h));
  });
  after(async () => {
    await database.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers malformed JSON, wrong types and unknown fields with 400 bad-request', async () => {
    assertEnvelope(await owner.request('PATCH', '/api/v1/me', '{"name": '), 400, 'bad-request');
    assertEnvelope(await owner.patch('/api/v1/me', { name: 42 }), 400, 'bad-request');
    const unknown = await owner.patch('/api/v1/me', { name: 'Ok', isAdmin: true });
    assertEnvelope(unknown, 400, 'bad-request');
    assert.match(unknown.json<Envelope>().error.message, /isAdmin/);
    assertEnvelope(await owner.request('PATCH', '/api/v1/me', 'name=x', { 'content-type': 'text/plain' }), 400, 'bad-request');
    assertEnvelope(await owner.get(`/api/v1/workspaces/${ws}/mentions?limit=0`), 400, 'bad-request');
    assertEnvelope(await owner.get(`/api/v1/workspaces/${ws}/mentions?colour=red`), 400, 'bad-request');
    assertEnvelope(await owner.get(`/api/v1/workspaces/${ws}/mentions?cursor=bm9wZQ`), 400, 'bad-request');
  });

  it('says errors in the language of Accept-Language, else of the user, else French, with the problems as keys', async () => {
    type Said = { error: { code: string; message: string; problems: { key: string; params?: Record<string, unknown> }[] } };
    const noSuchSource = `/api/v1/workspaces/${ws}/sources/00000000-0000-4000-8000-000000000000`;
    const fr = (await owner.get(noSuchSource, { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' })).json<Said>().error;
    assert.equal(fr.code, 'not-found');
    assert.equal(fr.message, 'Cette source n’existe pas dans cet espace.');
    assert.deepEqual(fr.problems, [{ key: 'source.not-found' }]);
    assert.equal((await owner.get(noSuchSource, { 'accept-language': 'de-DE, en;q=0.5, fr;q=0.4' })).json<Said>().error.message, 'No such source in this workspace.');
    // No header naming fr or en: the user's preference (French until changed), for a session as for a token.
    assert.equal((await owner.get(noSuchSource, { 'accept-language': 'de' })).json<Said>().error.message, 'Cette source n’existe pas dans cet espace.');
    const bot = h.client();
    bot.bearer = (await owner.post('/api/v1/me/tokens', { name: 'bot', workspaceId: ws, role: 'viewer' })).json<{ token: string }>().token;
    assert.equal((await bot.get(noSuchSource)).json<Said>().error.message, 'Cette source n’existe pas dans cet espace.');
    assert.equal((await owner.patch('/api/v1/me', { locale: 'en' })).status, 200);
    assert.equal((await owner.get(noSuchSource)).json<Said>().error.message, 'No such source in this workspace.');
    assert.equal((await bot.get(noSuchSource)).json<Said>().error.message, 'No such source in this workspace.');
    // Validation: one sentence per field, the field named, in the language asked.
    const bad = (await owner.request('PATCH', '/api/v1/me', { name: '', colour: 'red' }, { 'accept-language': 'fr' })).json<Said>().error;
    assert.equal(bad.code, 'bad-request');
    assert.match(bad.message, /« name » ne doit pas être vide\./);
    assert.match(bad.message, /Champ\(s\) inconnu\(s\) dans « contenu de la requête » : « colour »\./);
    assert.ok(bad.problems.some((p) => p.key === 'validation.empty' && p.params?.field === 'name'));
    // Anonymous callers: the header, else French.
    const anonymous = h.client();
    assert.equal((await anonymous.get(noSuchSource)).json<Said>().error.message, 'Connectez-vous d’abord.');
    assert.equal((await anonymous.get(noSuchSource, { 'accept-language': 'en-GB' })).json<Said>().error.message, 'Sign in first.');
    assert.equal((await owner.patch('/api/v1/me', { locale: 'fr' })).status, 200);
  });

  it('answers a body over the limit with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(4000) });
    assertEnvelope(await owner.request('PATCH', '/api/v1/me', big), 413, 'payload-too-large');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"name":"' : 'x'.repeat(1000)));
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const res = await h.app.request('/api/v1/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: owner.cookie ?? '', 'x-csrf-token': owner.csrf ?? '' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as Envelope).error.code, 'payload-too-large');
  });

  it('answers unknown API routes with 404 not-found and anonymous calls with 401', async () => {
    assertEnvelope(await owner.get('/api/v1/nope'), 404, 'not-found');
    assertEnvelope(await owner.request('DELETE', '/api/v1/me'), 404, 'not-found');
    assertEnvelope(await h.client().get('/api/v1/me'), 401, 'unauthorized');
    assertEnvelope(await owner.get('/api/v1/workspaces/not-a-uuid'), 404, 'not-found');
  });

  it('probes: /healthz and /readyz', async () => {
    assert.deepEqual((await h.client().get('/healthz')).body, { ok: true });
    assert.deepEqual((await h.client().get('/readyz')).body, { ok: true, database: 'pglite' });
  });

  it('publishes an OpenAPI document listing the routes', async () => {
    const doc = (await h.client().get('/api/openapi.json')).json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, { type: string }> };
    }>();
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['session', 'token']);
    for (const p of ['/api/v1/auth/login', '/api/v1/workspaces/{workspaceId}/mentions', '/api/v1/me/tokens/{tokenId}']) {
      assert.ok(p in doc.paths, p);
    }
  });

  it('logs one structured line per request', async () => {
    h.logs.length = 0;
    await owner.get('/api/v1/me');
    const line = h.logs.find((l) => l.event === 'http.request');
    assert.equal(line?.fields?.method, 'GET');
    assert.equal(line?.fields?.path, '/api/v1/me');
    assert.equal(line?.fields?.status, 200);
    assert.equal(typeof line?.fields?.ms, 'number');
  });

  it('serves the web build: files, index.html for app routes, never dotfiles or API paths', async () => {
    const c = h.client();
    const asset = await c.get('/assets/app-1234.js');
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    for (const route of ['/', '/w/123/listen', '/settings/members']) {
      const page = await c.get(route);
      assert.equal(page.status, 200);
      assert.match(page.text, /relais app/);
    }
    assert.equal((await c.get('/.env')).status, 404);
    assert.equal((await c.get('/assets/missing.js')).status, 404);
    const escape = await c.get('/%2e%2e/%2e%2e/%2e%2e/etc/passwd');
    assert.doesNotMatch(escape.text, /root:/, 'never reads outside the web folder');
    assertEnvelope(await c.get('/api/v2/anything'), 404, 'not-found');
  });

  it('without a web build, / says how to build it', async () => {
    const bare = makeHarness(database);
    const page = await bare.client().get('/');
    assert.equal(page.status, 200);
    assert.match(page.text, /npm run build:web/);
  });
});

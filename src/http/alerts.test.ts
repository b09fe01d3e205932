import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { seedDemo } from '../app/demo.ts';
import { verifySignature } from '../app/webhooks/signature.ts';
import type { AlertsResponse, AlertView, CreatedWebhook, WatchedAuthorView, WebhookDeliveryView } from '../core/api/alerts.ts';
import type { TrendsView } from '../core/api/trends.ts';
import { makeHarness, type Client, type Harness } from './testing/harness.ts';

for (const target of targets) {
  describe(`alerts, watch list, webhooks and trends API on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    let h: Harness;
    let c: Client;
    let base = '';
    let server: Server;
    let receiverUrl = '';
    const received: { body: string; signature: string }[] = [];
    before(async () => {
      database = await target.open();
      // The receiver listens on loopback: the operator setting allows private networks here.
      h = makeHarness(database, { env: { RELAIS_ALLOW_PRIVATE_NETWORKS: '1' } });
      const demo = await seedDemo(database.db, h.clock);
      c = h.client();
      assert.equal((await c.login(demo.login?.email ?? '', demo.login?.password ?? '')).status, 200);
      base = `/api/v1/workspaces/${demo.workspaceId}`;
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (b: Buffer) => chunks.push(b));
        req.on('end', () => {
          received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-relais-signature']) });
          res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
    });
    after(async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await database.close();
    });

    it('lists the demo alerts open first with their evidence in words, and acknowledges and resolves one', async () => {
      const r = await c.get(`${base}/alerts`);
      assert.equal(r.status, 200);
      const body = r.json<AlertsResponse>();
      assert.ok(body.open >= 3, `${body.open} open alerts in the demo`);
      const spike = body.items.find((a) => a.kind === 'volume-spike');
      assert.ok(spike, 'the demo has a volume spike');
      assert.match(spike.message.fr, /Pic de volume sur « Coupe-Chou »/);
      assert.match(spike.message.en, /Volume spike on "Coupe-Chou"/);
      const ack = await c.patch(`${base}/alerts/${spike.id}`, { status: 'acknowledged' });
      assert.equal(ack.status, 200);
      assert.equal(ack.json<AlertView>().status, 'acknowledged');
      const after = (await c.get(`${base}/alerts`)).json<AlertsResponse>();
      assert.equal(after.open, body.open - 1);
      assert.equal(after.items.at(-1)?.id === spike.id || after.items.findIndex((a) => a.id === spike.id) >= after.open, true, 'acknowledged after the open ones');
      assert.equal((await c.patch(`${base}/alerts/${spike.id}`, { status: 'resolved' })).json<AlertView>().status, 'resolved');
      assert.equal((await c.get(`${base}/alerts?status=resolved`)).json<AlertsResponse>().items.length, 1);
      assert.equal((await c.patch(`${base}/alerts/${spike.id}`, { status: 'gone' })).status, 400);
      assert.equal((await c.patch(`${base}/alerts/00000000-0000-4000-8000-000000000000`, { status: 'resolved' })).status, 404);
    });

    it('edits the watch list and the alert settings', async () => {
      const list = (await c.get(`${base}/watch-list`)).json<{ items: WatchedAuthorView[] }>().items;
      assert.equal(list.length, 3);
      const added = await c.post(`${base}/watch-list`, { network: 'bluesky', handle: 'lea.bsky.social', role: 'partenaire', priority: 'high' });
      assert.equal(added.status, 201);
      const id = added.json<WatchedAuthorView>().id;
      assert.equal((await c.post(`${base}/watch-list`, { network: 'bluesky', handle: 'LEA.bsky.social' })).status, 409, 'the same handle twice');
      assert.equal((await c.patch(`${base}/watch-list/${id}`, { priority: 'normal' })).json<WatchedAuthorView>().priority, 'normal');
      assert.equal((await c.delete(`${base}/watch-list/${id}`)).status, 200);
      assert.equal((await c.delete(`${base}/watch-list/${id}`)).status, 404);
      assert.equal((await c.post(`${base}/watch-list`, { network: 'nowhere', handle: 'x' })).status, 400);
      const settings = await c.get(`${base}/alert-settings`);
      assert.deepEqual(settings.json<{ replyTargetHours: number }>().replyTargetHours, 4);
      const put = await c.put(`${base}/alert-settings`, { replyTargetHours: 12, ownHandles: ['@coupechou@piaille.example', ' @coupechou@piaille.example '] });
      assert.deepEqual(put.json(), { replyTargetHours: 12, ownHandles: ['@coupechou@piaille.example'] });
      assert.equal((await c.put(`${base}/alert-settings`, { replyTargetHours: 0, ownHandles: [] })).status, 400);
    });

    it('creates a webhook whose secret is shown once, sends a signed test event, and logs the delivery', async () => {
      const created = await c.post(`${base}/webhooks`, { url: receiverUrl, description: 'Zapier', events: ['alert.opened', 'alert.resolved'] });
      assert.equal(created.status, 201);
      const hook = created.json<CreatedWebhook>();
      assert.match(hook.secret, /^whsec_/);
      const listed = await c.get(`${base}/webhooks`);
      assert.ok(listed.text.includes(hook.id) && !listed.text.includes(hook.secret), 'the secret is never listed');
      const test = await c.post(`${base}/webhooks/${hook.id}/test`);
      assert.equal(test.status, 202);
      assert.equal(test.json<{ delivery: WebhookDeliveryView }>().delivery.status, 'succeeded');
      const last = received.at(-1);
      assert.ok(last);
      assert.equal(JSON.parse(last.body).type, 'webhook.test');
      assert.equal(verifySignature(hook.secret, last.signature, last.body, Math.floor(h.clock.now().getTime() / 1000)).ok, true);
      // Resolving an alert tells the subscribed endpoint.
      const open = (await c.get(`${base}/alerts?status=open`)).json<AlertsResponse>().items[0];
      assert.ok(open);
      h.clock.advance(60_000);
      await c.patch(`${base}/alerts/${open.id}`, { status: 'resolved' });
      const event = JSON.parse(received.at(-1)?.body ?? '{}') as { type: string; data: { alert: { id: string; status: string } } };
      assert.equal(event.type, 'alert.resolved');
      assert.equal(event.data.alert.id, open.id);
      assert.equal(event.data.alert.status, 'resolved');
      // The log, newest first.
      const log = (await c.get(`${base}/webhooks/${hook.id}/deliveries`)).json<{ items: WebhookDeliveryView[] }>().items;
      assert.deepEqual(log.map((d) => [d.event, d.status, d.attempts]), [['alert.resolved', 'succeeded', 1], ['webhook.test', 'succeeded', 1]]);
      assert.equal((await c.patch(`${base}/webhooks/${hook.id}`, { active: false })).json<{ active: boolean }>().active, false);
      assert.equal((await c.post(`${base}/webhooks`, { url: 'javascript:alert(1)', events: ['alert.opened'] })).status, 400);
      assert.equal((await c.post(`${base}/webhooks`, { url: receiverUrl, events: [] })).status, 400);
      assert.equal((await c.delete(`${base}/webhooks/${hook.id}`)).status, 200);
      assert.equal((await c.get(`${base}/webhooks/${hook.id}/deliveries`)).status, 404);
    });

    it('says a delivery’s error in the reader’s language, and older rows as they were written', async () => {
      const refusing = createServer((_req, res) => res.writeHead(503).end('busy'));
      await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
      try {
        const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/in`;
        const hook = (await c.post(`${base}/webhooks`, { url, events: ['alert.opened'] })).json<CreatedWebhook>();
        const test = await c.post(`${base}/webhooks/${hook.id}/test`, {}, { 'accept-language': 'fr' });
        const sent = test.json<{ delivery: WebhookDeliveryView }>().delivery;
        assert.equal(sent.status, 'pending', 'a 503 is tried again');
        // Said as a delivery's failure: relais tries again by itself, so no "try again later" (ADR 0291).
        assert.equal(sent.lastError, `${url} a répondu avec le code HTTP 503. relais réessaiera de lui-même (tentative 1 sur 6).`);
        const log = async (lang: string) => (await c.get(`${base}/webhooks/${hook.id}/deliveries`, { 'accept-language': lang })).json<{ items: WebhookDeliveryView[] }>().items[0]?.lastError;
        assert.equal(await log('fr'), `${url} a répondu avec le code HTTP 503. relais réessaiera de lui-même (tentative 1 sur 6).`);
        assert.equal(await log('en'), `${url} answered with HTTP status 503. relais will try again by itself (attempt 1 of 6).`);
        assert.doesNotMatch((await log('fr')) ?? '', /Réessayez plus tard/);
        // A row written before the keys (or with a key this version does not know) shows its English text.
        const [row] = await database.query<{ last_error: string }>(`select last_error from webhook_deliveries where endpoint_id = $1`, [hook.id]);
        assert.match(row?.last_error ?? '', /503/);
        await database.query(`update webhook_deliveries set last_error_problem = null where endpoint_id = $1`, [hook.id]);
        assert.equal(await log('fr'), row?.last_error);
        await database.query(`update webhook_deliveries set last_error_problem = '{"key":"webhook.from-a-newer-version"}' where endpoint_id = $1`, [hook.id]);
        assert.equal(await log('en'), row?.last_error);
        assert.equal((await c.delete(`${base}/webhooks/${hook.id}`)).status, 200);
      } finally {
        await new Promise<void>((r) => refusing.close(() => r()));
      }
    });

    it('refuses private receivers when the operator has not allowed them', async () => {
      const strict = makeHarness(database, { env: {} });
      const s = strict.client();
      const demoLogin = await seedDemo(database.db, h.clock, { resetPassword: true });
      await s.login(demoLogin.login?.email ?? '', demoLogin.login?.password ?? '');
      const r = await s.post(`${base}/webhooks`, { url: 'http://10.0.0.8/hook', events: ['alert.opened'] });
      assert.equal(r.status, 400);
      assert.match(r.text, /"key":"webhook.private-address"/);
      assert.match(r.text, /adresse privée ou locale/, 'in the user’s language (French by default)');
    });

    it('computes trends for a chosen window and query, with who / what / when / where', async () => {
      const day = (await c.get(`${base}/trends?window=24h`)).json<TrendsView>();
      const tag = day.trends.find((t) => t.term === '#coffretnoel');
      assert.ok(tag, `the demo's planted burst is found: ${day.trends.map((t) => t.term).join(', ')}`);
      assert.equal(tag.authors, 8);
      assert.match(tag.explanation.fr, /#coffretnoel : 8 mentions par 8 personnes ces dernières 24 h/);
      assert.ok(tag.who.length >= 5);
      assert.equal(day.summary.when.bucket, 'hour');
      assert.equal(day.summary.when.buckets.length, 24);
      assert.ok(day.summary.where.networks.length >= 2);
      const queries = (await c.get(`${base}/queries`)).json<{ items: { id: string; name: string }[] }>().items;
      const competitor = queries.find((q) => q.name === 'Barbe Royale');
      const week = (await c.get(`${base}/trends?window=7d&queryId=${competitor?.id}`)).json<TrendsView>();
      assert.equal(week.summary.when.bucket, 'day');
      assert.equal(week.trends.some((t) => t.term === '#coffretnoel'), false, 'the competitor’s mentions do not carry the burst');
      assert.equal((await c.get(`${base}/trends?window=1y`)).status, 400);
      assert.equal((await c.get(`${base}/trends?queryId=00000000-0000-4000-8000-000000000000`)).status, 404);
    });
  });
}

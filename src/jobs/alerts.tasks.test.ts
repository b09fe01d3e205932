import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { renderReason } from '../core/messages.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { targets, type TestDatabase } from '../storage/testing/databases.ts';
import { systemClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import { insertWorkspace } from '../storage/workspaces.repo.ts';
import { insertQuery } from '../storage/queries.repo.ts';
import { insertMentions, type NewMention } from '../storage/mentions.repo.ts';
import { addInsertedMentionsToRollups } from '../storage/rollups.repo.ts';
import { listDeliveries } from '../storage/webhooks.repo.ts';
import { createWebhookEndpoint } from '../app/webhooks/endpoints.ts';
import { verifySignature } from '../app/webhooks/signature.ts';
import { createJobQueue } from './queue.ts';
import type { ListenJobContext } from './listen.tasks.ts';
import { alertsEvaluateKey, alertsEvaluateTask, alertsScheduleTask, makeWebhookDeliverTask, type AlertJobContext } from './alerts.tasks.ts';
import { sourceFetchTask } from './listen.tasks.ts';
import { insertSource } from '../storage/sources.repo.ts';
import { rssDocument, startFeedServer } from '../app/ingest/testing/feed-server.ts';
import type { JobInfo } from './task.ts';

const DAY = 86_400_000;

interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly verified: boolean;
}

/** A receiver that verifies every signature with the secret it is given, answering `fail` times 500 first. */
const startReceiver = async (fail: number) => {
  const received: Received[] = [];
  let secret = '';
  let failures = fail;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const v = verifySignature(secret, req.headers['x-relais-signature'] as string | undefined, body, Math.floor(Date.now() / 1000));
      received.push({ headers: req.headers, body, verified: v.ok });
      if (failures-- > 0) {
        res.writeHead(500).end('down for maintenance');
        return;
      }
      res.writeHead(v.ok ? 204 : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/relais`;
  return {
    url,
    received,
    useSecret: (s: string) => {
      secret = s;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

const waitFor = async (check: () => Promise<boolean>, ms = 40_000): Promise<void> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('timed out');
};

for (const target of targets) {
  describe(`alert jobs and signed webhooks on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    /** A job's `send`, recording what it enqueues. */
    const recorder = () => {
      const sent: { task: string; payload: object; opts: object | undefined }[] = [];
      const job: JobInfo = {
        id: 'test',
        attempt: 0,
        signal: new AbortController().signal,
        send: async (task, payload, opts) => {
          sent.push({ task, payload, opts });
          return 'queued';
        },
      };
      return { sent, job };
    };

    it('the five-minute tick enqueues one evaluation per workspace with queries; a fetch that stored mentions enqueues one too', async () => {
      const db = database.db;
      const ctx: AlertJobContext & ListenJobContext = {
        database,
        clock: systemClock,
        logger: silentLogger,
        config: { allowPrivateNetworks: true, secretKey: { kind: 'env', key: Buffer.alloc(32, 7) } },
      };
      const withQuery = (await insertWorkspace(db, { name: 'Q', now: new Date() })).id;
      await insertQuery(db, withQuery, { name: 'Pain', kind: 'brand', text: 'pain', now: new Date() });
      const without = (await insertWorkspace(db, { name: 'N', now: new Date() })).id;
      const tick = recorder();
      await alertsScheduleTask.handle({}, ctx, tick.job);
      const mine = tick.sent.filter((x) => [withQuery, without].includes((x.payload as { workspaceId: string }).workspaceId));
      assert.deepEqual(mine, [{ task: 'alerts-evaluate', payload: { workspaceId: withQuery }, opts: { singletonKey: alertsEvaluateKey(withQuery) } }]);

      const server = await startFeedServer();
      try {
        server.respond({ body: rssDocument([{ id: 'p1', title: 'Du pain', text: 'Le pain du matin.' }]) });
        const source = (await insertSource(db, withQuery, { kind: 'rss', name: 'flux', url: server.url, now: new Date() })).id;
        const fetch = recorder();
        await sourceFetchTask.handle({ id: source }, ctx, fetch.job);
        assert.deepEqual(fetch.sent, [{ task: 'alerts-evaluate', payload: { workspaceId: withQuery }, opts: { singletonKey: alertsEvaluateKey(withQuery) } }]);
        // Fetched again, nothing new: no evaluation is asked for.
        const again = recorder();
        await sourceFetchTask.handle({ id: source }, ctx, again.job);
        assert.deepEqual(again.sent, []);
      } finally {
        await server.close();
      }
    });

    it('an ingest-like spike opens one alert; its webhook is signed, verified, and retried with backoff until it lands', async () => {
      const db = database.db;
      const now = Date.now();
      const ws = (await insertWorkspace(db, { name: 'Hooks', now: new Date(now - 40 * DAY) })).id;
      const q = await insertQuery(db, ws, { name: 'Savon', kind: 'brand', text: 'savon', now: new Date(now - 40 * DAY) });
      const items: NewMention[] = [];
      const add = (at: number, i: number) =>
        items.push({
          network: 'mastodon', externalId: `x${i}`, author: { handle: `@p${i % 40}@example.social` }, text: 'savon', links: [], hashtags: [], mentions: [],
          lang: 'fr', sentiment: null, matchedQueries: [q.id], publishedAt: new Date(at), fetchedAt: new Date(at), sourceId: null,
        });
      let i = 0;
      const today = Math.floor(now / DAY) * DAY;
      for (let d = 1; d <= 30; d++) for (let k = 0; k < 2; k++) add(today - d * DAY + (k + 1) * 3 * 3_600_000, i++);
      // The spike: thirty people in the last minutes (the day's bucket, or yesterday's just after midnight: a spike either way).
      for (let k = 0; k < 30; k++) add(now - 90_000 + k * 1000, i++);
      // Stored as the ingest stores them: counted in the rollups in the same transaction (the alert series read them).
      await db.transaction(async (tx) => addInsertedMentionsToRollups(tx, ws, await insertMentions(tx, ws, items), new Date(now)));

      const good = await startReceiver(0);
      const flaky = await startReceiver(2);
      const dead = await startReceiver(1_000);
      const mk = async (url: string) => (await createWebhookEndpoint(db, ws, { url, events: ['alert.opened'] }, { clock: systemClock, allowPrivateNetworks: true }));
      const eGood = await mk(good.url);
      const eFlaky = await mk(flaky.url);
      const eDead = await mk(dead.url);
      good.useSecret(eGood.secret);
      flaky.useSecret(eFlaky.secret);
      dead.useSecret(eDead.secret);
      assert.match(eGood.secret, /^whsec_[A-Za-z0-9_-]{43}$/);

      const deliver = makeWebhookDeliverTask({ limit: 3, delaySeconds: 1, backoff: true, maxDelaySeconds: 2 });
      const ctx: AlertJobContext = { database, clock: systemClock, logger: silentLogger, config: { allowPrivateNetworks: true } };
      const queue = await createJobQueue<AlertJobContext>(database, [alertsEvaluateTask, deliver], { logger: silentLogger, pollingIntervalSeconds: 0.5, schedule: false });
      try {
        await queue.work(ctx);
        await queue.send(alertsEvaluateTask.name, { workspaceId: ws });
        const deliveries = async (e: string) => listDeliveries(db, ws, e, 10);
        await waitFor(async () => (await deliveries(eGood.endpoint.id))[0]?.status === 'succeeded');
        await waitFor(async () => (await deliveries(eFlaky.endpoint.id))[0]?.status === 'succeeded');
        await waitFor(async () => (await deliveries(eDead.endpoint.id))[0]?.status === 'failed');
        // A second evaluation of the same spike opens nothing and sends nothing.
        await queue.send(alertsEvaluateTask.name, { workspaceId: ws });
        await new Promise((r) => setTimeout(r, 3000));
      } finally {
        await queue.stop();
      }
      const [g] = await listDeliveries(db, ws, eGood.endpoint.id, 10);
      assert.equal(g?.attempts, 1);
      assert.equal(g?.lastStatusCode, 204);
      assert.equal(good.received.length, 1, 'one alert, one delivery');
      const got = good.received[0];
      assert.ok(got?.verified, 'the receiver verified the signature');
      assert.equal(got?.headers['x-relais-event'], 'alert.opened');
      assert.equal(got?.headers['x-relais-delivery'], g?.id);
      const payload = JSON.parse(got?.body ?? '{}') as { id: string; type: string; workspaceId: string; data: { alert: { kind: string; message: { fr: string } } } };
      assert.equal(payload.id, g?.id);
      assert.equal(payload.type, 'alert.opened');
      assert.equal(payload.workspaceId, ws);
      assert.equal(payload.data.alert.kind, 'volume-spike');
      assert.match(payload.data.alert.message.fr, /Pic de volume sur « Savon »/);
      // Retried: three attempts (two 500s, then 204), the same bytes each time, each signed and verified.
      const [f] = await listDeliveries(db, ws, eFlaky.endpoint.id, 10);
      assert.equal(f?.attempts, 3);
      assert.equal(f?.lastError, null);
      assert.equal(flaky.received.length, 3);
      assert.ok(flaky.received.every((r) => r.verified && r.body === flaky.received[0]?.body));
      // Never accepted: given up after 1 + 3 attempts, with the last error kept for the log.
      const [x] = await listDeliveries(db, ws, eDead.endpoint.id, 10);
      assert.equal(x?.attempts, 4);
      assert.equal(x?.lastStatusCode, 500);
      assert.match(x?.lastError ?? '', /HTTP 500/);
      // Said as given up, in both languages, with no advice to try again later (ADR 0291).
      const why = { text: x?.lastError ?? '', problem: x?.lastErrorProblem ?? null };
      assert.match(renderReason(why, 'fr'), /a répondu avec le code HTTP 500\. relais a abandonné après 4 tentatives\.$/);
      assert.match(renderReason(why, 'en'), /answered with HTTP status 500\. relais gave up after 4 attempts\.$/);
      // A tampered body fails verification.
      assert.deepEqual(verifySignature(eGood.secret, got?.headers['x-relais-signature'] as string, `${got?.body} `, Math.floor(Date.now() / 1000)), { ok: false, reason: 'mismatch' });
      await Promise.all([good.close(), flaky.close(), dead.close()]);
    });
  });
}

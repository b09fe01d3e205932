import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureTestPeers } from '../../../scripts/test-peers.ts';
import { fixedClock } from '../../core/clock.ts';
import { createSafeFetch } from '../http/safe-fetch.ts';
import { SourceError, type SourceContext } from '../source.ts';
import { createBlueskySource, type BlueskySourceConfig } from './bluesky.source.ts';
import { postToDraft } from './normalise.ts';
import { createSessionStore } from './session.ts';
import { parseRecordUri } from './syntax.ts';
import { byteRange } from './testing/records.ts';
import { startPds, type LocalPds } from './testing/pds.ts';

/**
 * The account-based Bluesky parts against a real PDS (@atproto/pds, started here; ADR 0113):
 * accounts, an app password, login and token refresh through the connector, a reply and a
 * mention posted by a second account and read back from the repository. listNotifications is
 * proxied by the PDS to an AppView, which it does not contain: a local AppView-shaped server
 * answers it, from the records the PDS really stored, and checks the PDS's service token.
 * In CI (CI=true) a PDS that cannot start fails the suite; elsewhere it skips only when the
 * test peers cannot be installed.
 */

const inCi = process.env['CI'] === 'true';
const peers = ensureTestPeers();
if (!peers.ok && inCi) throw new Error(`the Bluesky PDS test peer is required in CI: ${peers.reason}`);
const skip = peers.ok ? false : `the Bluesky PDS test peer is not installed (${peers.reason}); run node scripts/test-peers.ts`;

const APPVIEW_DID = 'did:web:appview.test';

interface Created {
  readonly did: string;
  readonly handle: string;
  readonly accessJwt: string;
}

const xrpc = async <T>(base: string, nsid: string, init: { token?: string; body?: unknown; params?: Record<string, string> } = {}): Promise<T> => {
  const u = new URL(`/xrpc/${nsid}`, base);
  for (const [k, v] of Object.entries(init.params ?? {})) u.searchParams.set(k, v);
  const res = await fetch(u, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${nsid}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
};

const jwtPayload = (auth: string | undefined): Record<string, unknown> => {
  const part = auth?.replace(/^Bearer /, '').split('.')[1];
  try {
    return part ? (JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

describe('Bluesky account connector against a real PDS', { skip, timeout: 300_000 }, () => {
  let pds: LocalPds;
  let appView: Server;
  const served: unknown[] = [];
  const proxied: Array<Record<string, unknown>> = [];
  let brand: Created;
  let bob: Created;
  let appPassword = '';
  const clock = fixedClock(new Date().toISOString());
  const ctx = (): SourceContext => ({ signal: AbortSignal.timeout(30_000), clock, fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 20_000 }) });

  before(async () => {
    appView = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname !== '/xrpc/app.bsky.notification.listNotifications') {
        res.writeHead(501, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'MethodNotImplemented', message: u.pathname }));
        return;
      }
      const claims = jwtPayload(req.headers.authorization);
      proxied.push(claims);
      if (claims['aud'] !== APPVIEW_DID || claims['iss'] !== brand?.did) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'AuthenticationRequired', message: 'bad service token' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ notifications: served, seenAt: new Date().toISOString() }));
    });
    await new Promise<void>((r) => appView.listen(0, '127.0.0.1', r));
    try {
      pds = await startPds({ appViewUrl: `http://127.0.0.1:${(appView.address() as AddressInfo).port}`, appViewDid: APPVIEW_DID });
    } catch (e) {
      appView.close();
      throw new Error(`the local Bluesky PDS did not start: ${(e as Error).message}`);
    }
    const account = (handle: string) =>
      xrpc<Created>(pds.url, 'com.atproto.server.createAccount', { body: { handle, email: `${handle.split('.')[0]}@example.com`, password: `pw-${handle}-long-enough` } });
    brand = await account('coupechou.test');
    bob = await account('bob.test');
    appPassword = (await xrpc<{ password: string }>(pds.url, 'com.atproto.server.createAppPassword', { token: brand.accessJwt, body: { name: 'relais' } })).password;
  });
  after(async () => {
    await pds?.close();
    await new Promise<void>((r) => (appView ? appView.close(() => r()) : r()));
  });

  const post = async (who: Created, record: Record<string, unknown>) =>
    xrpc<{ uri: string; cid: string }>(pds.url, 'com.atproto.repo.createRecord', {
      token: who.accessJwt,
      body: { repo: who.did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', createdAt: new Date().toISOString(), ...record } },
    });

  test('accounts have DIDs from the PLC directory and an app password', () => {
    assert.match(brand.did, /^did:plc:[a-z2-7]{24}$/);
    assert.equal(brand.handle, 'coupechou.test');
    assert.match(appPassword, /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
  });

  test("a reply and a mention from another account, read back from the PDS, normalise to the brand's mentions", async () => {
    const original = await post(brand, { text: 'Nouveau coupe-chou en boutique', langs: ['fr'] });
    const replyText = 'Magnifique ! @coupechou.test vous livrez à Lyon ?';
    const reply = await post(bob, {
      text: replyText,
      langs: ['fr'],
      reply: { root: original, parent: original },
      facets: [{ index: byteRange(replyText, '@coupechou.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: brand.did }] }],
    });
    const mentionText = 'Le meilleur barbier : @coupechou.test #rasage';
    const mention = await post(bob, {
      text: mentionText,
      facets: [
        { index: byteRange(mentionText, '@coupechou.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: brand.did }] },
        { index: byteRange(mentionText, '#rasage'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'rasage' }] },
      ],
    });

    const listed = await xrpc<{ records: Array<{ uri: string; value: unknown }> }>(pds.url, 'com.atproto.repo.listRecords', { params: { repo: bob.did, collection: 'app.bsky.feed.post' } });
    assert.deepEqual(listed.records.map((r) => r.uri).sort(), [reply.uri, mention.uri].sort());
    const got = await xrpc<{ uri: string; value: unknown }>(pds.url, 'com.atproto.repo.getRecord', { params: { repo: bob.did, collection: 'app.bsky.feed.post', rkey: parseRecordUri(reply.uri)?.rkey ?? '' } });
    const r = postToDraft({ did: bob.did, rkey: parseRecordUri(got.uri)?.rkey ?? '', record: got.value, handle: bob.handle });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.draft.externalId, reply.uri);
    assert.equal(r.draft.inReplyTo, original.uri);
    assert.equal(r.draft.threadRoot, original.uri);
    assert.deepEqual(r.draft.mentions, ['coupechou.test']);
    assert.equal(r.draft.url, `https://bsky.app/profile/${bob.did}/post/${parseRecordUri(reply.uri)?.rkey}`);
    assert.deepEqual([r.draft.author.handle, r.draft.author.handleHint], [bob.did, 'bob.test']);

    // The AppView's notifications of the brand are these real records.
    const note = (rec: { uri: string; value: unknown }, reason: string) => ({
      uri: rec.uri,
      cid: 'bafyrei',
      author: { did: bob.did, handle: bob.handle },
      reason,
      ...(reason === 'reply' ? { reasonSubject: original.uri } : {}),
      record: rec.value,
      isRead: false,
      indexedAt: (rec.value as { createdAt: string }).createdAt,
      labels: [],
    });
    const mentionRecord = listed.records.find((x) => x.uri === mention.uri);
    assert.ok(mentionRecord);
    served.splice(0, served.length, note(mentionRecord, 'mention'), note(got, 'reply'));
  });

  test('the connector logs in with the app password, reads notifications through the PDS, and refreshes the session', async () => {
    const sessions = createSessionStore();
    const source = createBlueskySource(sessions);
    const config: BlueskySourceConfig = { mode: 'notifications', service: pds.url, identifier: 'coupechou.test', appPassword };
    const first = await source.fetch(config, {}, ctx());
    assert.equal(first.items.length, 2);
    // Bob is named by his DID, as the firehose names him; the PDS's handle is a hint (ADR 0280).
    assert.ok(first.items.every((d) => d.author.handle === bob.did && d.author.handleHint === 'bob.test' && d.mentions.includes('coupechou.test')));
    assert.deepEqual(sessions.counts, { logins: 1, refreshes: 0 });
    // The PDS proxied the call with a service token for the brand, bound to the method.
    assert.equal(proxied.at(-1)?.['lxm'], 'app.bsky.notification.listNotifications');

    // Three hours later the access token has expired: the connector refreshes it with the PDS first.
    clock.advance(3 * 3600_000);
    const later = await source.fetch(config, {}, ctx());
    assert.equal(later.items.length, 2);
    assert.deepEqual(sessions.counts, { logins: 1, refreshes: 1 });
    assert.equal(proxied.length, 2);
  });

  test('a wrong app password is refused by the PDS: reconnect, without the secret in the message', async () => {
    const source = createBlueskySource(createSessionStore());
    await assert.rejects(source.fetch({ mode: 'notifications', service: pds.url, identifier: 'coupechou.test', appPassword: 'aaaa-bbbb-cccc-dddd' }, {}, ctx()), (e: unknown) => {
      assert.ok(e instanceof SourceError, String(e));
      assert.equal(e.action, 'reconnect');
      assert.doesNotMatch(e.message, /aaaa-bbbb/);
      return true;
    });
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureTestPeers } from '../../../scripts/test-peers.ts';
import { createSafeFetch } from '../http/safe-fetch.ts';
import { claimedHandle, createIdentityResolver, didDocumentUrl, didOfTxt, type ResolveIdentity } from './identity.ts';
import { startLocalDns, type LocalDns } from './testing/dns-server.ts';
import { startPds, type LocalPds } from './testing/pds.ts';

/**
 * DID → handle (ADR 0210) against a real PDS and its PLC directory stand-in (ADR 0113): the
 * accounts' DID documents are the ones the PDS registered; the handle check goes through a real
 * DNS resolver asking a local DNS server for `_atproto.<handle>`.
 */

test('where a DID document lives', () => {
  assert.deepEqual(didDocumentUrl('did:plc:ewvi7nxzyoun6zhxrhs64oiz', 'https://plc.example/'), { url: 'https://plc.example/did%3Aplc%3Aewvi7nxzyoun6zhxrhs64oiz' });
  assert.deepEqual(didDocumentUrl('did:web:alice.example.com', null), { url: 'https://alice.example.com/.well-known/did.json' });
  assert.deepEqual(didDocumentUrl('did:web:localhost%3A8080', null), { url: 'http://localhost:8080/.well-known/did.json' });
  assert.ok('error' in didDocumentUrl('did:web:example.com:users:alice', null), 'did:web with a path is not atproto');
  assert.ok('error' in didDocumentUrl('did:web:example.com%3A8443', null), 'a port only for localhost');
  assert.ok('error' in didDocumentUrl('did:plc:ewvi7nxzyoun6zhxrhs64oiz', null), 'no directory configured');
  assert.ok('error' in didDocumentUrl('did:key:z6Mk', 'https://plc.example'));
  assert.ok('error' in didDocumentUrl('alice.bsky.social', 'https://plc.example'));
});

test('the claimed handle is the first at:// entry, lower-cased and valid', () => {
  assert.equal(claimedHandle(['https://alice.example', 'at://Alice.Bsky.Social', 'at://brand.com']), 'alice.bsky.social');
  assert.equal(claimedHandle(['at://not a handle', 'at://brand.com']), undefined, 'a later entry is never taken');
  assert.equal(claimedHandle([]), undefined);
  assert.equal(claimedHandle(undefined), undefined);
});

test('a TXT answer names one DID, or none', () => {
  assert.equal(didOfTxt([['did=did:plc:abc']]), 'did:plc:abc');
  assert.equal(didOfTxt([['did=did:plc:', 'abc'], ['v=spf1']]), 'did:plc:abc', 'chunks of one record are joined');
  assert.equal(didOfTxt([['did=did:plc:a'], ['did=did:plc:b']]), undefined, 'two DIDs: ambiguous');
  assert.equal(didOfTxt([]), undefined);
});

const inCi = process.env['CI'] === 'true';
const peers = ensureTestPeers();
if (!peers.ok && inCi) throw new Error(`the Bluesky PDS test peer is required in CI: ${peers.reason}`);
const skip = peers.ok ? false : `the Bluesky PDS test peer is not installed (${peers.reason}); run node scripts/test-peers.ts`;

interface Created {
  readonly did: string;
  readonly handle: string;
  readonly accessJwt: string;
}

const xrpc = async <T>(base: string, nsid: string, init: { token?: string; body?: unknown } = {}): Promise<T> => {
  const res = await fetch(new URL(`/xrpc/${nsid}`, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: JSON.stringify(init.body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${nsid}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
};

describe('DID → verified handle against a real PDS and PLC directory', { skip, timeout: 300_000 }, () => {
  let pds: LocalPds;
  let dns: LocalDns;
  let web: Server;
  let alice: Created;
  let bob: Created;
  let resolve: ResolveIdentity;
  const webDocs = new Map<string, unknown>();

  before(async () => {
    dns = await startLocalDns();
    pds = await startPds({ appViewUrl: 'http://127.0.0.1:9', appViewDid: 'did:web:appview.test' });
    const account = (handle: string) =>
      xrpc<Created>(pds.url, 'com.atproto.server.createAccount', { body: { handle, email: `${handle.split('.')[0]}@example.com`, password: `pw-${handle}-long-enough` } });
    alice = await account('alice.test');
    bob = await account('bob.test');
    web = createServer((req, res) => {
      const doc = webDocs.get(req.url ?? '');
      res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(doc ?? { error: 'not found' }));
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    resolve = createIdentityResolver({ fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 5000 }), plcUrl: pds.plcUrl, dnsServers: [dns.server], timeoutMs: 5000 });
  });
  after(async () => {
    await pds?.close();
    await dns?.close();
    await new Promise<void>((r) => (web ? web.close(() => r()) : r()));
  });

  test('a did:plc whose handle points back resolves to that handle', async () => {
    dns.records.set('_atproto.alice.test', [`did=${alice.did}`]);
    assert.deepEqual(await resolve(alice.did), { ok: true, did: alice.did, handle: 'alice.test', claimed: 'alice.test' });
    assert.ok(dns.questions.includes('_atproto.alice.test'), 'the handle was checked through DNS');
  });

  test('a handle that does not point back is not shown: unresolvable, or naming another DID', async () => {
    const unresolved = await resolve(bob.did);
    assert.deepEqual(unresolved, { ok: true, did: bob.did, handle: null, claimed: 'bob.test', reason: 'the handle does not resolve' });
    // bob.test's DNS says it is Alice: Bob's document claims a handle that is not his.
    dns.records.set('_atproto.bob.test', [`did=${alice.did}`]);
    assert.deepEqual(await resolve(bob.did), { ok: true, did: bob.did, handle: null, claimed: 'bob.test', reason: `the handle points to ${alice.did}` });
    dns.records.set('_atproto.bob.test', [`did=${bob.did}`]);
    const back = await resolve(bob.did);
    assert.equal(back.ok && back.handle, 'bob.test');
  });

  test('a handle change in the DID document is seen at the next resolution', async () => {
    await xrpc(pds.url, 'com.atproto.identity.updateHandle', { token: alice.accessJwt, body: { handle: 'alice-barbiere.test' } });
    dns.records.set('_atproto.alice-barbiere.test', [`did=${alice.did}`]);
    const r = await resolve(alice.did);
    assert.ok(r.ok);
    assert.equal(r.handle, 'alice-barbiere.test');
  });

  test('a DID unknown to the directory is a permanent failure; a directory that does not answer, a passing one', async () => {
    const unknown = await resolve('did:plc:aaaaaaaaaaaaaaaaaaaaaaaa');
    assert.equal(unknown.ok, false);
    assert.equal(!unknown.ok && unknown.permanent, true);
    const down = createIdentityResolver({ fetcher: createSafeFetch({ allowPrivateNetworks: true, timeoutMs: 2000 }), plcUrl: 'http://127.0.0.1:9', dnsServers: [dns.server] });
    const r = await down(alice.did);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.permanent, false);
  });

  test('the directory is reached only through the SSRF guard', async () => {
    const guarded = createIdentityResolver({ fetcher: createSafeFetch({ allowPrivateNetworks: false, timeoutMs: 2000 }), plcUrl: pds.plcUrl, dnsServers: [dns.server] });
    const r = await guarded(alice.did);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /private or reserved address/);
  });

  test('a did:web document (localhost with a port, as for development) with a verified handle', async () => {
    const port = (web.address() as AddressInfo).port;
    const did = `did:web:localhost%3A${port}`;
    webDocs.set('/.well-known/did.json', { '@context': ['https://www.w3.org/ns/did/v1'], id: did, alsoKnownAs: ['at://shop.test'] });
    dns.records.set('_atproto.shop.test', [`did=${did}`]);
    assert.deepEqual(await resolve(did), { ok: true, did, handle: 'shop.test', claimed: 'shop.test' });
    webDocs.set('/.well-known/did.json', { id: 'did:web:elsewhere.test', alsoKnownAs: ['at://shop.test'] });
    assert.deepEqual(await resolve(did), { ok: true, did, handle: null, reason: 'the document is not this DID’s' });
  });
});

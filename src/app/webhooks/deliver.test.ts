import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { targets, type TestDatabase } from '../../storage/testing/databases.ts';
import { systemClock } from '../../core/clock.ts';
import { insertWorkspace } from '../../storage/workspaces.repo.ts';
import { insertDelivery, listDeliveries, updateEndpoint } from '../../storage/webhooks.repo.ts';
import { renderReason } from '../../core/messages.ts';
import { createSafeFetch } from '../../sources/http/safe-fetch.ts';
import { checkEndpointUrl, createWebhookEndpoint, queueTestEvent } from './endpoints.ts';
import { deliverWebhook } from './deliver.ts';
import { signatureValue, verifySignature } from './signature.ts';

describe('webhook signatures', () => {
  it('verifies its own signature, and refuses a wrong secret, a changed body, an old timestamp, a malformed header', () => {
    const body = '{"id":"d1","type":"webhook.test"}';
    const header = signatureValue('whsec_a', 1_800_000_000, body);
    assert.match(header, /^t=1800000000,v1=[0-9a-f]{64}$/);
    assert.deepEqual(verifySignature('whsec_a', header, body, 1_800_000_100), { ok: true, timestamp: 1_800_000_000 });
    assert.deepEqual(verifySignature('whsec_b', header, body, 1_800_000_100), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifySignature('whsec_a', header, `${body} `, 1_800_000_100), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifySignature('whsec_a', header, body, 1_800_000_000 + 301), { ok: false, reason: 'too-old' });
    assert.deepEqual(verifySignature('whsec_a', 'v1=abc', body, 1_800_000_000), { ok: false, reason: 'malformed' });
    // Several v1 values (a rotation) pass when one matches.
    assert.equal(verifySignature('whsec_a', `${header},v1=00`, body, 1_800_000_000).ok, true);
  });
});

for (const target of targets) {
  describe(`webhook delivery on ${target.name}`, { skip: await target.skip() }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
    });
    after(() => database.close());

    it('refuses private receivers unless the operator allows them, by name and after DNS', async () => {
      assert.throws(() => checkEndpointUrl('http://127.0.0.1:8080/x', false), /private or loopback/);
      assert.throws(() => checkEndpointUrl('http://localhost/x', false), /private or loopback/);
      assert.throws(() => checkEndpointUrl('ftp://example.org/x', false), /only http and https/);
      assert.equal(checkEndpointUrl('http://127.0.0.1:8080/x', true), 'http://127.0.0.1:8080/x');
      // Written as a public-looking name, resolving to loopback: refused at delivery, once, not retried.
      const ws = (await insertWorkspace(database.db, { name: 'P', now: new Date() })).id;
      const created = await createWebhookEndpoint(database.db, ws, { url: 'http://hooks.example.org/in', events: ['alert.opened'] }, { clock: systemClock, allowPrivateNetworks: false });
      const id = await queueTestEvent(database.db, ws, created.endpoint.id, new Date());
      const fetcher = createSafeFetch({ resolver: async () => [{ address: '127.0.0.1', family: 4 }] });
      const r = await deliverWebhook({ db: database.db, fetcher, clock: systemClock }, id);
      assert.equal(r.outcome, 'failed');
      const [d] = await listDeliveries(database.db, ws, created.endpoint.id, 10);
      assert.equal(d?.status, 'failed');
      assert.equal(d?.attempts, 1);
      assert.match(d?.lastError ?? '', /private or reserved address/);
      // Kept as a key too, said in the reader's language (ADR 0250).
      const why = { text: d?.lastError ?? '', problem: d?.lastErrorProblem ?? null };
      assert.equal(renderReason(why, 'fr'), 'http://hooks.example.org/in mène à une adresse privée ou réservée : relais ne s’y connecte pas. relais ne réessaiera pas : corrigez l’adresse du webhook.');
      assert.equal(renderReason(why, 'en'), 'http://hooks.example.org/in leads to a private or reserved address: relais does not connect there. relais will not try again: correct the webhook’s address.');
    });

    it('gives up on a delivery whose endpoint was paused meanwhile, and says why in both languages', async () => {
      const ws = (await insertWorkspace(database.db, { name: 'Q', now: new Date() })).id;
      const created = await createWebhookEndpoint(database.db, ws, { url: 'https://hooks.example.org/in', events: ['alert.opened'] }, { clock: systemClock, allowPrivateNetworks: false });
      const id = randomUUID();
      await insertDelivery(database.db, ws, { id, endpointId: created.endpoint.id, event: 'alert.opened', body: '{}', now: new Date() });
      await updateEndpoint(database.db, ws, created.endpoint.id, { active: false });
      const fetcher = createSafeFetch({ resolver: async () => [{ address: '127.0.0.1', family: 4 }] });
      assert.equal((await deliverWebhook({ db: database.db, fetcher, clock: systemClock }, id)).outcome, 'skipped');
      const [d] = await listDeliveries(database.db, ws, created.endpoint.id, 10);
      assert.equal(d?.status, 'failed');
      const why = { text: d?.lastError ?? '', problem: d?.lastErrorProblem ?? null };
      assert.equal(renderReason(why, 'fr'), 'Ce point d’arrivée a été supprimé ou mis en pause avant l’envoi.');
      assert.equal(renderReason(why, 'en'), 'This endpoint was deleted or paused before the delivery.');
      assert.equal(d?.lastError, 'This endpoint was deleted or paused before the delivery.', 'the English text beside the key');
    });

  });
}

/**
 * Firehose authors in Chromium against the real server (ADR 0240): a post by a DID whose handle
 * is verified shows the handle; one whose handle is not known yet shows its DID shortened, the
 * whole DID in the title; in the mentions, the trends' "who" and the people list.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { systemClock } from '../../core/clock.ts';
import { createAccountWithWorkspace } from '../../app/auth/accounts.ts';
import { saveResolvedIdentities } from '../../storage/bluesky-identities.repo.ts';
import { insertMentions, type NewMention } from '../../storage/mentions.repo.ts';
import { savePeople } from '../../storage/people.repo.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { browserMissing, screenshot, startDemoServer, type DemoServer } from './harness.ts';

const skip = browserMissing();
const owner = { name: 'Inès', email: 'ines@coutellerie.example', password: 'laguiole-et-thiers-2026' };
const ALICE = 'did:plc:alice4vjzxlhycy5yhmhrb6ei';
const BOB = 'did:plc:bob7bxkr3tlvzqmt2zrsxu5b';

describe('Firehose authors by handle in Chromium', { skip: skip ?? false, timeout: 180_000 }, () => {
  let relais: DemoServer;
  let page: Page;
  let ws = '';

  before(async () => {
    relais = await startDemoServer();
    const db = relais.database.db;
    const account = await createAccountWithWorkspace(db, owner, 'Coutellerie Inès', systemClock);
    ws = account.workspace.id;
    const now = Date.now();
    const q = await insertQuery(db, ws, { name: 'Coutellerie', kind: 'brand', text: 'coutellerie', now: new Date(now - 86_400_000) });
    const post = (n: number, did: string, text: string): NewMention => ({
      network: 'bluesky', externalId: `at://${did}/app.bsky.feed.post/3k${n}`, author: { handle: did }, text, links: [], hashtags: [], mentions: [],
      lang: 'fr', sentiment: { label: 'positive', score: 0.4 }, matchedQueries: [q.id], publishedAt: new Date(now - n * 600_000), fetchedAt: new Date(now), sourceId: null,
    });
    await insertMentions(db, ws, [post(1, ALICE, 'Ma nouvelle lame de la Coutellerie Inès'), post(2, BOB, 'Passé à la coutellerie ce matin')]);
    await saveResolvedIdentities(db, [{ did: ALICE, handle: 'alice.bsky.social', at: new Date(now), expiresAt: new Date(now + 86_400_000) }]);
    await savePeople(db, ws, [{ displayName: 'Bob Martin', handles: [{ network: 'bluesky', handle: BOB }], tags: [], roles: [] }], new Date(now));
    ({ page } = await relais.newPage());
    await page.goto(relais.base);
    await page.getByLabel('Adresse e-mail').fill(owner.email);
    await page.getByLabel('Mot de passe').fill(owner.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/w\//);
  });

  after(async () => {
    await relais?.close();
  });

  test('mentions: the verified handle; a DID without one shortened, whole in its title', async () => {
    await page.goto(`${relais.base}/w/${ws}/listen`);
    const alice = page.locator('article.mention').filter({ hasText: 'Ma nouvelle lame' });
    await alice.getByText('alice.bsky.social', { exact: true }).waitFor();
    const bob = page.locator('article.mention').filter({ hasText: 'Passé à la coutellerie' });
    const short = bob.getByText('did:plc:bob7…', { exact: true });
    await short.waitFor();
    assert.equal(await short.getAttribute('title'), BOB);
    assert.equal((await page.locator('main').textContent())?.includes(ALICE), false, 'Alice’s DID is never written out');
    await screenshot(page, 'desktop-firehose-authors-mentions');
  });

  test('trends: the who names the handle and the short DID', async () => {
    await page.goto(`${relais.base}/w/${ws}/listen/trends`);
    const summary = page.getByRole('region', { name: 'Qui, quoi, quand, où' });
    await summary.getByText('alice.bsky.social', { exact: true }).waitFor();
    const short = summary.getByText('did:plc:bob7…', { exact: true });
    await short.waitFor();
    assert.equal(await short.getAttribute('title'), BOB);
    assert.equal((await summary.textContent())?.includes(BOB), false);
  });

  test('people: a Bluesky DID not verified yet is shortened too', async () => {
    await page.goto(`${relais.base}/w/${ws}/people`);
    const short = page.getByRole('list', { name: 'Comptes' }).getByText('did:plc:bob7…', { exact: true });
    await short.waitFor();
    assert.equal(await short.getAttribute('title'), BOB);
  });
});

/**
 * Mastodon sources in Chromium against the real server (createHttpApp on PGlite), a real job
 * queue and a local server that answers like the Mastodon API (Link and rate-limit headers,
 * statuses from the API documentation's examples): a hashtag source is added with its own
 * fields, previewed, saved, fetched now, and its mentions read; then a connected account's
 * notifications: a wrong token is refused at preview, the right one names the account, and
 * the saved source shows its token only as "saved (encrypted)".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { hasMastodonPayloads, MASTODON_PAYLOADS_MISSING, readObject, startFakeMastodon, type FakeMastodon } from '../../app/sources/testing/peers.ts';
import { browserMissing, screenshot, startDemoServer, type DemoServer } from './harness.ts';

const admin = { name: 'Nicolas Barbier', email: 'nicolas@coupe-chou.fr', password: 'blaireau-et-mousse-2026', workspaceName: 'Coupe-Chou', locale: 'fr' };
const token = 'cc-brand-token-5d1e';

const status = (id: string, content: string, extra: Record<string, unknown> = {}) => ({
  ...readObject('entities_Status__001.json'),
  id,
  created_at: `2026-11-2${id.at(-1)}T10:00:00.000Z`,
  uri: `https://piaille.example/users/barbe/statuses/${id}`,
  url: `https://piaille.example/@barbe/${id}`,
  content,
  spoiler_text: '',
  language: 'fr',
  tags: [{ name: 'rasage', url: 'https://piaille.example/tags/rasage' }],
  ...extra,
});

const skip = browserMissing() ?? (hasMastodonPayloads ? false : MASTODON_PAYLOADS_MISSING);

describe('Mastodon sources in Chromium: hashtag with preview, fetch and mentions; notifications with a token', { skip, timeout: 180_000 }, () => {
  let mastodon: FakeMastodon;
  let relais: DemoServer;
  let context: BrowserContext;
  let page: Page;
  let workspaceId: string;

  before(async () => {
    mastodon = await startFakeMastodon();
    mastodon.tags.set('rasage', [
      status('1000001', '<p>Le blaireau de <a href="https://coupe-chou.fr">Coupe-Chou</a> est une merveille pour le <a href="https://piaille.example/tags/rasage" class="mention hashtag" rel="tag">#<span>rasage</span></a></p>'),
      status('1000002', '<p>Qui connaît un bon savon à barbe fabriqué en France ? <a href="https://piaille.example/tags/rasage" class="mention hashtag" rel="tag">#<span>rasage</span></a></p>'),
      status('1000003', '<p>Premier <a href="https://piaille.example/tags/rasage" class="mention hashtag" rel="tag">#<span>rasage</span></a> au coupe-chou ce matin, aucune coupure.</p>'),
    ]);
    mastodon.me = {
      token,
      account: readObject('methods_accounts__001.json'),
      notifications: [{ id: '501', type: 'mention', created_at: '2026-11-24T09:00:00.000Z', account: readObject('entities_Account__001.json'), status: status('1000004', '<p>@trwnh merci pour la commande, reçue en deux jours !</p>') }],
    };

    relais = await startDemoServer({ env: { RELAIS_ALLOW_PRIVATE_NETWORKS: 'true', RELAIS_SECRET_KEY: 'c0ffee'.repeat(10) + 'c0ff' }, jobs: true });
    ({ context, page } = await relais.newPage({ timeoutMs: 15_000 }));
  });

  after(async () => {
    await relais?.close();
    await mastodon?.close();
  });

  const sourceCard = (name: string) => page.locator('li.source').filter({ has: page.getByRole('heading', { name }) });

  test('a Mastodon hashtag: its own fields, a clear message for a bad hashtag, then a preview of the statuses', async () => {
    const r = await context.request.post(`${relais.base}/api/v1/setup`, { data: admin });
    assert.equal(r.status(), 201, await r.text());
    workspaceId = ((await r.json()) as { workspaces: { id: string }[] }).workspaces[0]?.id ?? '';
    await page.goto(`${relais.base}/w/${workspaceId}/listen/sources`);
    await page.getByRole('button', { name: 'Ajouter une source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une source' });
    await dialog.getByLabel('Type de source').selectOption('mastodon');
    await dialog.getByLabel('Serveur Mastodon').fill(mastodon.url);
    assert.equal(await dialog.getByLabel('Quoi écouter').inputValue(), 'hashtag');
    await dialog.getByLabel('Hashtag').fill('rasage à l’ancienne');
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    await dialog.getByText('Un hashtag ne contient que des lettres, des chiffres et des tirets bas.').waitFor();
    assert.equal(mastodon.requests.length, 0, 'nothing is asked of the server for a malformed hashtag');

    await dialog.getByLabel('Hashtag').fill('#rasage');
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    const port = new URL(mastodon.url).port;
    await dialog.getByRole('heading', { name: 'Aperçu : #rasage — 127.0.0.1' }).waitFor();
    const items = dialog.locator('.preview-items > li');
    assert.equal(await items.count(), 2, 'the preview reads one page (the server pages by 2)');
    assert.match((await items.nth(0).textContent()) ?? '', /Premier #rasage au coupe-chou ce matin/);
    assert.ok(mastodon.requests.every((u) => u.pathname === '/api/v1/timelines/tag/rasage'));
    await dialog.getByText(`Lu depuis : http://127.0.0.1:${port}`).waitFor();
    await screenshot(page, 'mastodon-hashtag-preview');

    await dialog.getByRole('button', { name: 'Enregistrer la source' }).click();
    await page.getByText('Source « #rasage — 127.0.0.1 » ajoutée', { exact: false }).waitFor();
    await sourceCard('#rasage — 127.0.0.1').waitFor();
  });

  test('fetch now reads every page through the queue; the statuses are mentions, as text', async () => {
    const card = sourceCard('#rasage — 127.0.0.1');
    await card.getByRole('button', { name: 'Collecter maintenant' }).click();
    await page.getByText('Collecte demandée.').waitFor();
    for (let i = 0; i < 60; i++) {
      const res = await context.request.get(`${relais.base}/api/v1/workspaces/${workspaceId}/mentions`);
      if (((await res.json()) as { items: unknown[] }).items.length >= 3) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.getByRole('tab', { name: 'Mentions' }).or(page.getByRole('link', { name: 'Mentions' })).first().click();
    await page.getByText('Le blaireau de Coupe-Chou est une merveille', { exact: false }).waitFor();
    await page.getByText('Qui connaît un bon savon à barbe fabriqué en France', { exact: false }).waitFor();
    await page.getByText('aucune coupure', { exact: false }).waitFor();
    assert.equal(await page.locator('main').getByText('<p>', { exact: false }).count(), 0, 'no raw HTML on screen');
    await screenshot(page, 'mastodon-mentions');

    await page.goto(`${relais.base}/w/${workspaceId}/listen/sources`);
    const card2 = sourceCard('#rasage — 127.0.0.1');
    await card2.getByRole('button', { name: 'Détails' }).click();
    await card2.getByText(`http://127.0.0.1:${new URL(mastodon.url).port} — Mode : hashtag · Hashtag : rasage`).waitFor();
    const counts = await card2.getByRole('table', { name: 'Mentions par jour (14 derniers jours)' }).locator('tbody td:nth-child(2)').allTextContents();
    assert.equal(counts.map(Number).reduce((a, b) => a + b, 0), 3);
    await screenshot(page, 'mastodon-source-detail');
  });

  test('notifications of a connected account: a refused token is said at preview; the right one names the account and is never shown again', async () => {
    await page.getByRole('button', { name: 'Ajouter une source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une source' });
    await dialog.getByLabel('Type de source').selectOption('mastodon');
    await dialog.getByLabel('Serveur Mastodon').fill(mastodon.url);
    await dialog.getByLabel('Quoi écouter').selectOption('notifications');
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    await dialog.getByText('Collez le jeton d’accès de votre compte.').waitFor();
    await dialog.getByLabel('Jeton d’accès').fill('expired-token');
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.textContent())?.trim(), `${mastodon.url} a refusé les identifiants du compte connecté : vérifiez le jeton ou le mot de passe d’application.`);
    await dialog.getByLabel('Jeton d’accès').fill(token);
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    await dialog.getByText('Compte connecté : @trwnh@mastodon.social').waitFor();
    assert.match((await dialog.locator('.preview-items').textContent()) ?? '', /merci pour la commande/);
    await screenshot(page, 'mastodon-notifications-preview');
    await dialog.getByRole('button', { name: 'Enregistrer la source' }).click();
    const card = sourceCard('notifications — 127.0.0.1');
    await card.waitFor();
    await card.getByRole('button', { name: 'Détails' }).click();
    await card.getByText('Jeton d’accès : jeton enregistré (chiffré)', { exact: false }).waitFor();
    assert.ok(!(await page.content()).includes(token), 'the token is nowhere in the page');
    await screenshot(page, 'mastodon-notifications-detail');
  });

  test('a revoked token stops the source with a clear reason; a new token reconnects it and its mentions arrive', async () => {
    const me = mastodon.me;
    assert.ok(me);
    me.token = 'cc-rotated-token-91b0';
    const card = sourceCard('notifications — 127.0.0.1');
    await card.getByRole('button', { name: 'Collecter maintenant' }).click();
    const sourceStatus = async () => {
      const res = await context.request.get(`${relais.base}/api/v1/workspaces/${workspaceId}/sources`);
      return ((await res.json()) as { items: { name: string; status: string }[] }).items.find((s) => s.name === 'notifications — 127.0.0.1')?.status;
    };
    for (let i = 0; i < 60 && (await sourceStatus()) !== 'disabled'; i++) await new Promise((r) => setTimeout(r, 250));
    assert.equal(await sourceStatus(), 'disabled');
    await page.reload();
    const again = sourceCard('notifications — 127.0.0.1');
    await again.getByRole('button', { name: 'Détails' }).click();
    await again.getByText('a refusé les identifiants du compte connecté : vérifiez le jeton', { exact: false }).first().waitFor();
    await screenshot(page, 'mastodon-notifications-reconnect');
    await again.getByLabel('Nouveau jeton d’accès (pour reconnecter le compte)').fill('cc-rotated-token-91b0');
    await again.getByRole('button', { name: 'Reconnecter et reprendre' }).click();
    await page.getByText('Compte reconnecté ; la source reprend.').waitFor();
    assert.equal(await sourceStatus(), 'active');
    await again.getByRole('button', { name: 'Collecter maintenant' }).click();
    for (let i = 0; i < 60; i++) {
      const res = await context.request.get(`${relais.base}/api/v1/workspaces/${workspaceId}/mentions`);
      if (JSON.stringify(await res.json()).includes('merci pour la commande')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.getByRole('tab', { name: 'Mentions' }).or(page.getByRole('link', { name: 'Mentions' })).first().click();
    await page.getByText('merci pour la commande, reçue en deux jours', { exact: false }).waitFor();
    assert.ok(mastodon.authorizations.includes('Bearer cc-rotated-token-91b0'));
  });
});

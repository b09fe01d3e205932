/**
 * The Sources tab in Chromium against the real server (createHttpApp on PGlite) and a real
 * job queue: an RSS feed served by this test on 127.0.0.1 is previewed, saved, fetched now
 * through the queue, and its items show in the Mentions tab; then the source is paused,
 * inspected and deleted, and a CSV with one bad line is imported and its report read.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { browserMissing, screenshot, startDemoServer, type DemoServer } from './harness.ts';

const admin = { name: 'Paul Roux', email: 'paul@fromagerie-roux.fr', password: 'comte-24-mois-2026', workspaceName: 'Fromagerie Roux', locale: 'fr' };

const feedItems = [
  { id: 'tomme-1', title: 'La tomme de la Fromagerie Roux primée', text: 'Notre tomme fermière a reçu une médaille au concours régional.', date: 'Sat, 21 Nov 2026 09:00:00 GMT' },
  { id: 'marche-2', title: 'Marché de Noël : la Fromagerie Roux sera là', text: 'Retrouvez les fromages affinés de la Fromagerie Roux sur la place du marché.', date: 'Fri, 20 Nov 2026 15:30:00 GMT' },
];
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Le journal du bourg</title><link>http://journal.example/</link><description>Actualités locales</description>
${feedItems
  .map(
    (i) =>
      `<item><guid>${i.id}</guid><title>${escapeXml(i.title)}</title><link>http://journal.example/${i.id}</link><author>redaction@journal.example (La rédaction)</author><pubDate>${i.date}</pubDate><description>${escapeXml(i.text)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;

const csv = [
  'texte,auteur,date,lien',
  'Super accueil à la Fromagerie Roux,Camille,2026-11-18T10:00:00Z,https://avis.example/1',
  'Le comté 24 mois est parfait,Hugo,pas une date,https://avis.example/2',
  'Je recommande le beurre cru,Inès,2026-11-19T08:30:00Z,https://avis.example/3',
].join('\n');

const skip = browserMissing();

describe('Sources tab in Chromium: add with preview, fetch now, pause, detail, delete, import', { skip: skip ?? false, timeout: 180_000 }, () => {
  let feedServer: Server;
  let feedUrl: string;
  let feedHits = 0;
  let relais: DemoServer;
  let context: BrowserContext;
  let page: Page;
  let workspaceId: string;
  let scratch: string;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'relais-import-'));
    feedServer = createServer((req, res) => {
      if (req.url === '/feed.xml') {
        feedHits++;
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(rss);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`;

    relais = await startDemoServer({ env: { RELAIS_ALLOW_PRIVATE_NETWORKS: 'true' }, jobs: true });
    assert.equal(relais.config.allowPrivateNetworks, true);
    ({ context, page } = await relais.newPage({ timeoutMs: 15_000 }));
  });

  after(async () => {
    await relais?.close();
    await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const sourceCard = (name: string) => page.locator('li.source').filter({ has: page.getByRole('heading', { name }) });

  test('first run through the API, then the empty Sources tab offers to add and import', async () => {
    // The browser context's request shares its cookies: the page is signed in afterwards.
    const r = await context.request.post(`${relais.base}/api/v1/setup`, { data: admin });
    assert.equal(r.status(), 201, await r.text());
    const session = (await r.json()) as { workspaces: { id: string }[] };
    workspaceId = session.workspaces[0]?.id ?? '';
    assert.ok(workspaceId);
    await page.goto(`${relais.base}/w/${workspaceId}/listen/sources`);
    await page.getByText('Aucune source pour l’instant.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une source' }).waitFor();
    await page.getByRole('button', { name: 'Importer un fichier' }).waitFor();
  });

  test('a bad address gives a clear error and saves nothing', async () => {
    await page.getByRole('button', { name: 'Ajouter une source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une source' });
    await dialog.getByLabel('Adresse du flux ou de la page').fill(feedUrl.replace('/feed.xml', '/absent.xml'));
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /404/);
    assert.equal(await dialog.getByRole('button', { name: 'Enregistrer la source' }).count(), 0);
    await screenshot(page, 'sources-add-error');
  });

  test('preview the local feed: title, items with date and excerpt; save it', async () => {
    const dialog = page.getByRole('dialog', { name: 'Ajouter une source' });
    await dialog.getByLabel('Adresse du flux ou de la page').fill(feedUrl);
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    await dialog.getByRole('heading', { name: 'Aperçu : Le journal du bourg' }).waitFor();
    const items = dialog.locator('.preview-items > li');
    assert.equal(await items.count(), 2);
    assert.match((await items.nth(0).textContent()) ?? '', /La tomme de la Fromagerie Roux primée/);
    assert.match((await items.nth(0).textContent()) ?? '', /médaille au concours régional/);
    assert.equal(await items.nth(0).locator('time').getAttribute('datetime'), '2026-11-21T09:00:00.000Z');
    await screenshot(page, 'sources-add-preview');
    const hitsBeforeSave = feedHits;
    await dialog.getByRole('button', { name: 'Enregistrer la source' }).click();
    await page.getByText('Source « Le journal du bourg » ajoutée', { exact: false }).waitFor();
    await sourceCard('Le journal du bourg').waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
    assert.equal(feedHits, hitsBeforeSave, 'saving does not fetch by itself');
  });

  test('fetch now goes through the job queue; the mentions show in the Mentions tab', async () => {
    const card = sourceCard('Le journal du bourg');
    await card.getByRole('button', { name: 'Collecter maintenant' }).click();
    await page.getByText('Collecte demandée.').waitFor();
    // The worker polls every half second; the last success appears once the fetch ran.
    for (let i = 0; i < 40; i++) {
      const res = await context.request.get(`${relais.base}/api/v1/workspaces/${workspaceId}/mentions`);
      const body = (await res.json()) as { items: unknown[] };
      if (body.items.length >= 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.getByRole('tab', { name: 'Mentions' }).or(page.getByRole('link', { name: 'Mentions' })).first().click();
    await page.getByText('Notre tomme fermière a reçu une médaille', { exact: false }).waitFor();
    await page.getByText('Retrouvez les fromages affinés', { exact: false }).waitFor();
    await screenshot(page, 'sources-mentions-after-fetch');
  });

  test('detail shows health and items per day; pause shows the state and hides fetch now', async () => {
    await page.goto(`${relais.base}/w/${workspaceId}/listen/sources`);
    const card = sourceCard('Le journal du bourg');
    await card.getByText('Active', { exact: true }).waitFor();
    assert.notEqual((await card.locator('dt:has-text("Dernière collecte réussie") + dd').textContent())?.trim(), 'jamais');
    await card.getByRole('button', { name: 'Détails' }).click();
    const table = card.getByRole('table', { name: 'Mentions par jour (14 derniers jours)' });
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 14);
    const counts = await table.locator('tbody td:nth-child(2)').allTextContents();
    assert.equal(counts.map(Number).reduce((a, b) => a + b, 0), 2, 'the two stored mentions are counted per day');
    await card.getByText('Erreurs consécutives').waitFor();

    await card.getByRole('button', { name: 'Mettre en pause' }).click();
    await card.getByText('En pause', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Reprendre' }).waitFor();
    assert.equal(await card.getByRole('button', { name: 'Collecter maintenant' }).count(), 0);
    const api = await context.request.get(`${relais.base}/api/v1/workspaces/${workspaceId}/sources`);
    const listed = (await api.json()) as { items: { name: string; status: string }[] };
    assert.equal(listed.items.find((s) => s.name === 'Le journal du bourg')?.status, 'paused');
    await screenshot(page, 'sources-paused-detail');
  });

  test('import a CSV with one bad line: the report names the line and the reason', async () => {
    await page.getByRole('button', { name: 'Importer un fichier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer un fichier (CSV ou JSON)' });
    const file = join(scratch, 'avis-clients.csv');
    await writeFile(file, csv);
    await dialog.getByLabel('Fichier CSV ou JSON').setInputFiles(file);
    await dialog.getByText('Colonnes trouvées : texte · auteur · date · lien').waitFor();
    assert.equal(await dialog.getByLabel('Texte', { exact: true }).inputValue(), 'texte');
    assert.equal(await dialog.getByLabel('Lien', { exact: true }).inputValue(), 'lien');
    assert.equal(await dialog.getByLabel('Identifiant', { exact: true }).inputValue(), '');
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await dialog.getByText('2 enregistrées sur 3', { exact: false }).waitFor();
    const refused = dialog.locator('.refused-lines li');
    assert.equal(await refused.count(), 1);
    assert.match((await refused.textContent()) ?? '', /^Ligne 3 : date illisible « pas une date » \(colonne « date »\)/, 'the reason in the language on screen (ADR 0250)');
    const importCard = sourceCard('Import: avis-clients.csv');
    await importCard.waitFor();
    assert.equal(await importCard.getByRole('button', { name: /Collecter maintenant|Mettre en pause/ }).count(), 0, 'a file import is neither fetched nor paused');
    await screenshot(page, 'sources-import-report');
  });

  test('delete asks for confirmation, then removes the source; its mentions stay', async () => {
    await page.getByRole('button', { name: 'Fermer' }).click();
    const card = sourceCard('Le journal du bourg');
    await card.getByRole('button', { name: 'Supprimer' }).click();
    await card.getByText('Supprimer la source « Le journal du bourg » ?', { exact: false }).waitFor();
    await card.getByRole('button', { name: 'Annuler' }).click();
    await card.getByRole('button', { name: 'Supprimer' }).click();
    await card.getByRole('button', { name: 'Oui, supprimer' }).click();
    await sourceCard('Le journal du bourg').waitFor({ state: 'detached' });
    const res = await context.request.get(`${relais.base}/api/v1/workspaces/${workspaceId}/mentions`);
    assert.ok(((await res.json()) as { items: unknown[] }).items.length >= 4, 'feed and imported mentions remain');
    await screenshot(page, 'sources-after-delete');
  });

  test('a viewer sees the sources read-only: details, but no add, import, pause, fetch or delete', async () => {
    const inv = await context.request.post(`${relais.base}/api/v1/workspaces/${workspaceId}/invitations`, {
      data: { email: 'zoe@fromagerie-roux.fr', role: 'viewer' },
      headers: { 'x-csrf-token': await csrf() },
    });
    assert.equal(inv.status(), 201, await inv.text());
    const { token } = (await inv.json()) as { token: string };
    const viewer = await relais.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', reducedMotion: 'reduce' });
    try {
      viewer.setDefaultTimeout(15_000);
      const accepted = await viewer.request.post(`${relais.base}/api/v1/invitations/accept`, { data: { token, name: 'Zoé Roux', password: 'lecture-seule-2026' } });
      assert.equal(accepted.status(), 200, await accepted.text());
      const vp = await viewer.newPage();
      await vp.goto(`${relais.base}/w/${workspaceId}/listen/sources`);
      const card = vp.locator('li.source').filter({ has: vp.getByRole('heading', { name: 'Import: avis-clients.csv' }) });
      await card.getByRole('button', { name: 'Détails' }).click();
      await card.getByRole('table', { name: 'Mentions par jour (14 derniers jours)' }).waitFor();
      assert.equal(await card.getByText('Prochaine collecte').count(), 0, 'a file import has no fetch schedule to show');
      for (const name of ['Ajouter une source', 'Importer un fichier', 'Mettre en pause', 'Reprendre', 'Collecter maintenant', 'Supprimer']) {
        assert.equal(await vp.getByRole('button', { name, exact: true }).count(), 0, `a viewer has no "${name}" button`);
      }
      await screenshot(vp, 'sources-viewer');
    } finally {
      await viewer.close();
    }
  });

  test('in English the same screen reads in English', async () => {
    const r = await context.request.patch(`${relais.base}/api/v1/me`, { data: { locale: 'en' }, headers: { 'x-csrf-token': await csrf() } });
    assert.equal(r.status(), 200, await r.text());
    await page.reload();
    await page.getByRole('button', { name: 'Add a source' }).click();
    await page.getByRole('dialog', { name: 'Add a source' }).getByLabel('Address of the feed or page').waitFor();
    await page.getByRole('button', { name: 'Import a file' }).waitFor();
    await screenshot(page, 'sources-english');
    // On a phone the panel and the source actions wrap instead of overflowing.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'sources-english-phone');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll on a phone');
  });

  const csrf = async (): Promise<string> => {
    const me = await context.request.get(`${relais.base}/api/v1/me`);
    return ((await me.json()) as { csrfToken: string }).csrfToken;
  };
});

/**
 * Alerts, trends and webhooks in Chromium against the real server (createHttpApp on PGlite):
 * a workspace with a quiet month and a spike seeded as the ingest would store it, evaluated as
 * the alert job does; the alert is read in words and acknowledged; the trends panel shows the
 * planted hashtag with who / what / when / where; a webhook is added in Settings, its secret
 * shown once, a test event lands at a local receiver; phone width has no horizontal scroll.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../../core/clock.ts';
import { createAccountWithWorkspace } from '../../app/auth/accounts.ts';
import { seedDemo } from '../../app/demo.ts';
import { runAlertEvaluation } from '../../app/alerts/alerts.ts';
import { insertQuery } from '../../storage/queries.repo.ts';
import { insertMentions, type NewMention } from '../../storage/mentions.repo.ts';
import { addInsertedMentionsToRollups } from '../../storage/rollups.repo.ts';
import { browserMissing, screenshot, startDemoServer, type DemoServer } from './harness.ts';

const skip = browserMissing();
const DAY = 86_400_000;
const owner = { name: 'Lucie', email: 'lucie@fromagerie.example', password: 'tomme-de-savoie-2026' };

describe('Alerts, trends and webhooks in Chromium', { skip: skip ?? false, timeout: 240_000 }, () => {
  let receiver: Server;
  let receiverUrl = '';
  const received: string[] = [];
  let relais: DemoServer;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    relais = await startDemoServer({ env: { RELAIS_ALLOW_PRIVATE_NETWORKS: '1' } });
    const account = await createAccountWithWorkspace(relais.database.db, owner, 'Fromagerie Lune', systemClock);
    const ws = account.workspace.id;
    const now = Date.now();
    const q = await insertQuery(relais.database.db, ws, { name: 'Fromagerie Lune', kind: 'brand', text: '"fromagerie lune" OR #fromagerielune', now: new Date(now - 40 * DAY) });
    const items: NewMention[] = [];
    const push = (at: number, author: string, text: string, negative = false) =>
      items.push({
        network: 'mastodon', externalId: `e2e-${items.length}`, url: `https://toot.example/@${author}/${items.length}`, author: { handle: `@${author}@toot.example` },
        text, links: [], hashtags: [], mentions: [], lang: 'fr', sentiment: { label: negative ? 'negative' : 'positive', score: negative ? -0.5 : 0.5 },
        matchedQueries: [q.id], publishedAt: new Date(at), fetchedAt: new Date(at), sourceId: null,
      });
    // A quiet month: one or two customers a day.
    for (let d = 2; d <= 30; d++) for (let k = 0; k < 1 + (d % 2); k++) push(now - d * DAY + k * 3_600_000, `client${(d + k) % 9}`, 'Très bon comté à la Fromagerie Lune, merci !');
    // The spike: twenty people in the last hours about the raclette evening.
    const says = ['Soirée #raclette à la Fromagerie Lune samedi', 'Qui vient manger une raclette chez Fromagerie Lune ? #raclette', 'Réservé pour la raclette de la Fromagerie Lune #raclette', 'La Fromagerie Lune fait une raclette, enfin ! #raclette', 'Complet pour la raclette Fromagerie Lune ? #raclette'];
    for (let k = 0; k < 20; k++) push(now - (k + 1) * 9 * 60_000, `voisin${k}`, says[k % says.length] ?? '', k % 7 === 0);
    // Counted in the rollups as the ingest counts them: the alert series read them.
    await relais.database.db.transaction(async (tx) => addInsertedMentionsToRollups(tx, ws, await insertMentions(tx, ws, items), new Date(now)));
    const run = await runAlertEvaluation(relais.database.db, ws, new Date(now));
    assert.equal(run.opened, 1, 'the seeded spike opens one alert');

    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/relais`;

    ({ context, page } = await relais.newPage());
  });

  after(async () => {
    await relais?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  const noHorizontalScroll = async (p: Page, what: string) => {
    const { scroll, width } = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    assert.ok(scroll <= width, `${what}: ${scroll}px wide in a ${width}px window`);
  };

  test('see the alert of the seeded spike in words, and acknowledge it', async () => {
    await page.goto(relais.base);
    await page.getByLabel('Adresse e-mail').fill(owner.email);
    await page.getByLabel('Mot de passe').fill(owner.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: /Navigation principale/ }).getByRole('link', { name: 'Écoute' }).click();
    await page.getByRole('link', { name: 'Alertes (1)' }).click();
    const list = page.getByRole('list', { name: 'Alertes' });
    const item = list.getByRole('listitem', { name: /Pic de volume — Ouverte/ });
    await item.waitFor();
    assert.match((await item.textContent()) ?? '', /Pic de volume sur « Fromagerie Lune » : 20 mentions en 24 h, contre 1(,5)? d’habitude/);
    await page.getByText('1 alerte ouverte').waitFor();
    await screenshot(page, 'desktop-alerts-open');
    await item.getByRole('button', { name: 'Prendre en compte : Pic de volume' }).click();
    await list.getByRole('listitem', { name: /Pic de volume — Prise en compte/ }).waitFor();
    await page.getByText('0 alerte ouverte').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Prendre en compte : Pic de volume' }).count(), 0);
    await screenshot(page, 'desktop-alerts-acknowledged');
  });

  test('open the trends: the planted hashtag with who / what / when / where, over a chosen window', async () => {
    await page.getByRole('link', { name: 'Tendances' }).click();
    // The open count on the tab follows the acknowledgement.
    await page.getByRole('link', { name: 'Alertes', exact: true }).waitFor();
    const emerging = page.getByRole('region', { name: 'Termes et hashtags qui montent' });
    const tag = emerging.getByRole('listitem').filter({ hasText: '#raclette' });
    await tag.waitFor();
    assert.match((await tag.textContent()) ?? '', /#raclette : 20 mentions par 20 personnes ces dernières 24 h, jamais vu avant/);
    assert.match((await tag.textContent()) ?? '', /Portés par @voisin/);
    const summary = page.getByRole('region', { name: 'Qui, quoi, quand, où' });
    await summary.getByRole('heading', { name: 'Qui', exact: true }).waitFor();
    assert.match((await summary.textContent()) ?? '', /Mastodon/, 'the network by its name, not its API id');
    assert.equal(await summary.locator('.histogram-bar').count(), 24, 'one bar per hour');
    await screenshot(page, 'desktop-trends-24h');
    await page.getByLabel('Période').selectOption('7d');
    await page.getByRole('figure', { name: 'Mentions par jour (en rouge, les négatives)' }).waitFor();
    assert.equal(await summary.locator('.histogram-bar').count(), 7, 'one bar per day');
    await page.getByLabel('Sujet').selectOption({ label: 'Fromagerie Lune' });
    await tag.waitFor();
  });

  test('add a webhook, copy its secret once, send a test event and read the delivery log', async () => {
    await page.getByRole('navigation', { name: /Navigation principale/ }).getByRole('link', { name: 'Réglages' }).click();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('Adresse de réception (URL)').fill(receiverUrl);
    await page.getByLabel('Description').fill('Mon serveur');
    await page.getByLabel('Alerte résolue').check();
    await page.getByRole('button', { name: 'Ajouter le webhook' }).click();
    await page.getByText('Voici le secret de signature.', { exact: false }).waitFor();
    const secret = await page.getByLabel('Secret de signature').inputValue();
    assert.match(secret, /^whsec_/);
    const card = page.getByRole('region', { name: receiverUrl });
    await card.getByRole('button', { name: 'Envoyer un test' }).click();
    await page.getByText('Test envoyé.').waitFor();
    await card.getByRole('list', { name: `Journal des envois — ${receiverUrl}` }).getByText('Reçu').waitFor();
    assert.equal(received.length, 1);
    assert.equal((JSON.parse(received[0] ?? '{}') as { type: string }).type, 'webhook.test');
    await screenshot(page, 'desktop-webhooks');
    // The secret is never shown again.
    await page.reload();
    await card.waitFor();
    assert.equal(await page.getByLabel('Secret de signature').count(), 0);
    assert.equal((await page.content()).includes(secret), false);

    // A receiver that does not answer: the log says so in French (ADR 0250), that relais tries again by itself (ADR 0291), and names the event in French.
    const deaf = 'http://127.0.0.1:9/relais';
    await page.getByLabel('Adresse de réception (URL)').fill(deaf);
    await page.getByRole('button', { name: 'Ajouter le webhook' }).click();
    const deafCard = page.getByRole('region', { name: deaf });
    await deafCard.getByRole('button', { name: 'Envoyer un test' }).click();
    const deafLog = deafCard.getByRole('list', { name: `Journal des envois — ${deaf}` });
    await deafLog.getByText(`${deaf} ne répond pas. relais réessaiera de lui-même (tentative 1 sur 6).`, { exact: false }).waitFor();
    await deafLog.getByText('Événement de test', { exact: false }).waitFor();
    await screenshot(page, 'desktop-webhooks-failed');

    await page.getByRole('link', { name: 'Alertes' }).click();
    await page.getByLabel('Identifiant').fill('@critique@presse.example');
    await page.getByLabel('Pourquoi').fill('presse');
    await page.getByRole('button', { name: 'Suivre' }).click();
    await page.getByText('@critique@presse.example est suivi.').waitFor();
    await page.getByRole('list', { name: 'Personnes suivies' }).getByText('@critique@presse.example').waitFor();
  });

  test('phone width: alerts, trends and webhooks without horizontal scroll', async () => {
    const phone = await relais.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', reducedMotion: 'reduce' });
    phone.setDefaultTimeout(10_000);
    const p = await phone.newPage();
    try {
      await p.goto(relais.base);
      await p.getByLabel('Adresse e-mail').fill(owner.email);
      await p.getByLabel('Mot de passe').fill(owner.password);
      await p.getByRole('button', { name: 'Se connecter' }).click();
      await p.waitForURL(/\/w\//);
      const ws = /\/w\/([^/]+)/.exec(p.url())?.[1] ?? '';
      for (const [path, ready, name] of [
        ['listen/alerts', 'Pic de volume sur', 'phone-alerts'],
        ['listen/trends', '#raclette', 'phone-trends'],
        ['settings/webhooks', 'Journal des envois', 'phone-webhooks'],
        ['settings/alerts', 'Délai de réponse', 'phone-alert-settings'],
      ] as const) {
        await p.goto(`${relais.base}/w/${ws}/${path}`);
        await p.getByText(ready, { exact: false }).first().waitFor();
        await noHorizontalScroll(p, path);
        await screenshot(p, name);
      }
    } finally {
      await phone.close();
    }
  });

  test('the demo shows its alerts and the #coffretnoel trend on first start', async () => {
    const demo = await seedDemo(relais.database.db, systemClock);
    assert.ok(demo.login);
    const ctx = await relais.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', reducedMotion: 'reduce' });
    ctx.setDefaultTimeout(10_000);
    const p = await ctx.newPage();
    try {
      await p.goto(relais.base);
      await p.getByLabel('Adresse e-mail').fill(demo.login.email);
      await p.getByLabel('Mot de passe').fill(demo.login.password);
      await p.getByRole('button', { name: 'Se connecter' }).click();
      await p.waitForURL(/\/w\//);
      await p.goto(`${relais.base}/w/${demo.workspaceId}/listen/alerts`);
      const list = p.getByRole('list', { name: 'Alertes' });
      await list.getByText('Pic de volume sur « Coupe-Chou »', { exact: false }).waitFor();
      await list.getByText('@claire_eco@presse.example (presse) parle de vous.', { exact: false }).waitFor();
      await list.getByText('attendent une réponse depuis plus de 4 h', { exact: false }).waitFor();
      await screenshot(p, 'desktop-demo-alerts');
      await p.getByRole('link', { name: 'Tendances' }).click();
      await p.getByRole('region', { name: 'Termes et hashtags qui montent' }).getByText('#coffretnoel : 8 mentions par 8 personnes', { exact: false }).waitFor();
      await screenshot(p, 'desktop-demo-trends');
    } finally {
      await ctx.close();
    }
  });
});

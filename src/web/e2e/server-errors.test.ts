/**
 * The server's errors in the user's language (ADR 0220), in Chromium against the real server:
 * in French, a source whose address answers 404 or is a page without a feed, a file that is
 * not JSON, and an invitation accepted with a wrong password read in French sentences; the same
 * invitation in an English browser reads in English.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../../core/clock.ts';
import { createAccountWithWorkspace } from '../../app/auth/accounts.ts';
import { createInvitation } from '../../app/workspaces/invitations.ts';
import { browserMissing, screenshot, startDemoServer, type DemoServer } from './harness.ts';

const owner = { name: 'Margaux Lenoir', email: 'margaux@savonnerie-lenoir.fr', password: 'huile-olive-laurier-2026' };
const neighbour = { name: 'Bastien Roy', email: 'bastien@brasserie-roy.fr', password: 'houblon-et-orge-2026' };

const skip = browserMissing();

describe('Server errors in French (and English) in Chromium', { skip: skip ?? false, timeout: 180_000 }, () => {
  let relais: DemoServer;
  let context: BrowserContext;
  let page: Page;
  let site: Server;
  let siteUrl = '';
  let scratch = '';
  let workspaceId = '';
  let link = '';

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'relais-errors-'));
    site = createServer((req, res) => {
      if (req.url === '/boutique.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang="fr"><head><title>Savonnerie</title></head><body><p>Nos savons</p></body></html>');
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('introuvable');
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    relais = await startDemoServer({ env: { RELAIS_ALLOW_PRIVATE_NETWORKS: 'true' } });
    const account = await createAccountWithWorkspace(relais.database.db, owner, 'Savonnerie Lenoir', systemClock);
    workspaceId = account.workspace.id;
    // Bastien already has an account: accepting his invitation needs his password.
    await createAccountWithWorkspace(relais.database.db, neighbour, 'Brasserie Roy', systemClock);
    const { token } = await createInvitation(relais.database.db, workspaceId, { email: neighbour.email, role: 'viewer', invitedBy: account.user.id }, systemClock);
    link = `${relais.base}/invitations/accept?token=${token}`;
    ({ context, page } = await relais.newPage({ timeoutMs: 15_000 }));
  });

  after(async () => {
    await relais?.close();
    await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  test('sign in, then a source that answers 404 and a page without a feed are refused in French', async () => {
    await page.goto(relais.base);
    await page.getByLabel('Adresse e-mail').fill(owner.email);
    await page.getByLabel('Mot de passe').fill(owner.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: /Navigation principale/ }).waitFor();
    await page.goto(`${relais.base}/w/${workspaceId}/listen/sources`);
    await page.getByRole('button', { name: 'Ajouter une source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter une source' });
    const address = dialog.getByLabel('Adresse du flux ou de la page');
    const alert = dialog.getByRole('alert');

    await address.fill(`${siteUrl}/flux.xml`);
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    await alert.filter({ hasText: 'a répondu avec le code HTTP 404' }).waitFor();
    assert.equal((await alert.textContent())?.trim(), `${siteUrl}/flux.xml a répondu avec le code HTTP 404.`);

    await address.fill(`${siteUrl}/boutique.html`);
    await dialog.getByRole('button', { name: 'Aperçu' }).click();
    await alert.filter({ hasText: 'n’est ni un flux' }).waitFor();
    assert.equal((await alert.textContent())?.trim(), `${siteUrl}/boutique.html n’est ni un flux, ni une page qui mène à un flux.`);
    assert.equal(await dialog.getByRole('button', { name: 'Enregistrer la source' }).count(), 0);
    await screenshot(page, 'errors-fr-source-not-a-feed');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
  });

  test('a file that is not JSON is refused in French', async () => {
    await page.getByRole('button', { name: 'Importer un fichier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer un fichier (CSV ou JSON)' });
    const file = join(scratch, 'avis.json');
    await writeFile(file, '[{"texte": "Très bon savon", "auteur": ');
    await dialog.getByLabel('Fichier CSV ou JSON').setInputFiles(file);
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.filter({ hasText: 'JSON' }).waitFor();
    assert.equal((await alert.textContent())?.trim(), 'Le fichier ne se lit pas comme du JSON (élément 1).');
    await screenshot(page, 'errors-fr-import-not-json');
  });

  const acceptWithWrongPassword = async (locale: string, submit: string, labels: { name: string; password: string }) => {
    const guest = await relais.browser.newContext({ viewport: { width: 1280, height: 900 }, locale, reducedMotion: 'reduce' });
    try {
      guest.setDefaultTimeout(15_000);
      const g = await guest.newPage();
      await g.goto(link);
      await g.getByLabel(labels.name).fill('Bastien');
      await g.getByLabel(labels.password).fill('pas-le-bon-mot-de-passe');
      await g.getByRole('button', { name: submit }).click();
      const alert = g.getByRole('alert');
      await alert.waitFor();
      const text = (await alert.textContent())?.trim() ?? '';
      await screenshot(g, `errors-${locale}-invitation`);
      return text;
    } finally {
      await guest.close();
    }
  };

  test('an invitation for an existing account, accepted without its password, says so in French', async () => {
    const text = await acceptWithWrongPassword('fr-FR', 'Accepter l’invitation', { name: 'Votre nom', password: 'Mot de passe' });
    assert.equal(text, 'Un compte existe pour cette adresse e-mail : donnez son mot de passe pour accepter.');
  });

  test('the same invitation in an English browser says it in English', async () => {
    const text = await acceptWithWrongPassword('en-US', 'Accept the invitation', { name: 'Your name', password: 'Password' });
    assert.equal(text, 'An account exists for this e-mail: give its password to accept.');
  });

  test('the API answers the French user in French when the header names no language it has', async () => {
    const r = await context.request.get(`${relais.base}/api/v1/workspaces/${workspaceId}/sources/00000000-0000-4000-8000-000000000000`, { headers: { 'accept-language': '' } });
    assert.equal(r.status(), 404);
    assert.equal(((await r.json()) as { error: { message: string } }).error.message, 'Cette source n’existe pas dans cet espace.');
  });
});

/**
 * The Queries tab in Chromium against the real server (createHttpApp on PGlite) with the
 * demo data: a query with an error is written, its message is read at its position in the
 * user's language, the query is fixed, the live preview lists matching demo mentions, and
 * the saved query shows in the list.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../../core/clock.ts';
import { seedDemo } from '../../app/demo.ts';
import { createAccountWithWorkspace } from '../../app/auth/accounts.ts';
import { addMembership } from '../../storage/memberships.repo.ts';
import { browserMissing, screenshot, startDemoServer, type DemoServer } from './harness.ts';

const skip = browserMissing();

describe('Queries tab in Chromium: errors at their position as you type, live preview, save', { skip: skip ?? false, timeout: 180_000 }, () => {
  let relais: DemoServer;
  let context: BrowserContext;
  let page: Page;
  let login: { email: string; password: string };
  let workspaceId: string;
  const viewer = { name: 'Vera Vue', email: 'vera@example.org', password: 'lecture-seule-2026' };

  before(async () => {
    relais = await startDemoServer();
    const seeded = await seedDemo(relais.database.db, systemClock);
    assert.ok(seeded.login, 'the demo gives a login');
    login = seeded.login;
    workspaceId = seeded.workspaceId;
    const v = await createAccountWithWorkspace(relais.database.db, viewer, 'Espace de Vera', systemClock);
    await addMembership(relais.database.db, workspaceId, { userId: v.user.id, role: 'viewer', now: new Date() });
    ({ context, page } = await relais.newPage());
  });

  after(async () => {
    await relais?.close();
  });

  test('write a query with an error, read it at its position, fix it, preview, save', async () => {
    await page.goto(relais.base);
    await page.getByLabel('Adresse e-mail').fill(login.email);
    await page.getByLabel('Mot de passe').fill(login.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: /Navigation principale/ }).getByRole('link', { name: 'Écoute' }).click();
    await page.getByRole('link', { name: 'Requêtes' }).click();
    await page.getByRole('button', { name: 'Nouvelle requête' }).click();

    await page.getByLabel('Nom de la requête').fill('Barbiers du coin');
    const input = page.getByLabel('Requête', { exact: true });
    const problem = page.locator('.query-problem');

    // An unbalanced parenthesis: the message names column 11 and the mark sits on the "(".
    await input.fill('rasage OR (barbier');
    await problem.locator('.field-error').filter({ hasText: 'Colonne 11' }).waitFor();
    assert.match((await problem.locator('.field-error').textContent()) ?? '', /parenthèse ouvrante n’est jamais fermée/);
    assert.equal(await problem.locator('mark').textContent(), '(');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByRole('button', { name: 'Enregistrer' }).isDisabled(), true, 'an invalid query cannot be saved');
    await screenshot(page, 'desktop-query-error');

    // Only a negation: it would find almost everything.
    await input.fill('NOT barbe');
    await problem.locator('.field-error').filter({ hasText: 'ne dit que ce qu’il ne faut pas trouver' }).waitFor();

    // Fixed: the preview lists demo mentions that match.
    await input.fill('(rasage OR barbier) lang:fr');
    await page.getByText('Requête valide.').waitFor();
    const preview = page.locator('.query-preview');
    await preview.getByText(/^Trouvées : \d+ parmi les \d+ mentions les plus récentes\.$/).waitFor();
    const cards = preview.locator('article.mention');
    await cards.first().waitFor();
    const n = await cards.count();
    assert.ok(n > 0 && n <= 10, `${n} previewed mentions`);
    for (const text of await cards.allTextContents()) assert.match(text.toLowerCase(), /rasage|barbier/);
    await screenshot(page, 'desktop-query-preview');

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Requête « Barbiers du coin » enregistrée').waitFor();
    const row = page.getByRole('row', { name: /Barbiers du coin/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /\(rasage OR barbier\) lang:fr/);
    await screenshot(page, 'desktop-query-saved');
  });

  test('edit the saved query, then delete it after confirming', async () => {
    await page.getByRole('button', { name: 'Modifier Barbiers du coin' }).click();
    await page.getByRole('heading', { name: 'Modifier « Barbiers du coin »' }).waitFor();
    const input = page.getByLabel('Requête', { exact: true });
    assert.equal(await input.inputValue(), '(rasage OR barbier) lang:fr');
    await input.fill('barbier* lang:fr');
    await page.getByText('Requête valide.').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const row = page.getByRole('row', { name: /Barbiers du coin/ });
    await row.filter({ hasText: 'barbier* lang:fr' }).waitFor();

    await page.getByRole('button', { name: 'Supprimer Barbiers du coin' }).click();
    await page.getByRole('button', { name: 'Confirmer la suppression de Barbiers du coin' }).click();
    await page.getByText('Requête « Barbiers du coin » supprimée').waitFor();
    assert.equal(await row.count(), 0);
    await screenshot(page, 'desktop-query-deleted');
  });

  test('a viewer reads the queries but has no editor and no actions', async () => {
    const v = await relais.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    try {
      const vp = await v.newPage();
      vp.setDefaultTimeout(10_000);
      await vp.goto(relais.base);
      await vp.getByLabel('Adresse e-mail').fill(viewer.email);
      await vp.getByLabel('Mot de passe').fill(viewer.password);
      await vp.getByRole('button', { name: 'Se connecter' }).click();
      await vp.getByRole('navigation', { name: /Navigation principale/ }).waitFor();
      await vp.goto(`${relais.base}/w/${workspaceId}/listen/queries`);
      await vp.getByRole('row', { name: /Coupe-Chou/ }).waitFor();
      assert.equal(await vp.getByRole('button', { name: 'Nouvelle requête' }).count(), 0);
      assert.equal(await vp.getByRole('button', { name: /^Modifier / }).count(), 0);
      assert.equal(await vp.getByRole('button', { name: /^Supprimer / }).count(), 0);
      await screenshot(vp, 'desktop-query-viewer');
    } finally {
      await v.close();
    }
  });
});

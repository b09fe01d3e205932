/**
 * The web interface in Chromium against the real server: createHttpApp on an in-memory
 * PGlite, served on a free port, with the built SPA. Each step builds on the previous
 * one (first run, then sign-in, then language, demo data, settings), so they run in order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../../core/clock.ts';
import { seedDemo } from '../../app/demo.ts';
import { insertMentions } from '../../storage/mentions.repo.ts';
import { browserMissing, screenshot, startDemoServer, type DemoServer } from './harness.ts';

const admin = { name: 'Léa Martin', email: 'lea@atelier-lea.fr', password: 'fil-et-aiguille-2026', workspace: 'Atelier Léa' };
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

const skip = browserMissing();

describe('web interface in Chromium, real server', { skip: skip ?? false, timeout: 180_000 }, () => {
  let relais: DemoServer;
  let context: BrowserContext;
  let page: Page;
  let demo: { email: string; password: string };
  let demoWorkspaceId: string;
  /** Paths of the scripts the main page loaded, in order: echarts must come only with a chart. */
  const scripts: string[] = [];

  before(async () => {
    relais = await startDemoServer();
    ({ context, page } = await relais.newPage({ viewport: DESKTOP }));
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
  });

  after(async () => {
    await relais?.close();
  });

  const nav = () => page.getByRole('navigation', { name: /Navigation principale|Main navigation/ });

  test('first run: create the administrator and the workspace, then the frame shows', async () => {
    await page.goto(relais.base);
    await page.getByRole('heading', { name: 'Bienvenue sur relais' }).waitFor();
    await page.getByLabel('Votre nom').fill(admin.name);
    await page.getByLabel('Adresse e-mail').fill(admin.email);
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByLabel('Nom de votre entreprise ou projet').fill(admin.workspace);
    await page.getByRole('button', { name: 'Créer mon espace' }).click();
    await page.getByText('Le mot de passe doit faire au moins 10 caractères.').waitFor();
    await screenshot(page, 'desktop-first-run');

    await page.getByLabel('Mot de passe').fill(admin.password);
    await page.getByRole('button', { name: 'Créer mon espace' }).click();
    await nav().waitFor();
    assert.match(new URL(page.url()).pathname, /^\/w\/[^/]+\/listen$/);
    assert.equal(await nav().getByRole('link', { name: 'Écoute' }).getAttribute('aria-current'), 'page');
    await page.getByRole('heading', { name: 'Écoute', level: 1 }).waitFor();
    await page.getByText('Aucune mention pour l’instant.').waitFor();
    assert.match((await page.getByRole('link', { name: 'En attendant, décrivez votre marque' }).getAttribute('href')) ?? '', /\/settings$/);
    await page.getByText(admin.workspace).first().waitFor();
    await screenshot(page, 'desktop-listen-empty');
    assert.ok(scripts.length >= 1, 'the app script was loaded');
    assert.deepEqual(scripts.filter((s) => /echarts/.test(s)), [], 'no chart library before a chart is shown');
  });

  test('sign out, a wrong password is refused without telling whether the account exists, then sign in', async () => {
    await page.getByRole('button', { name: `Menu de ${admin.name}` }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();

    const attempt = async (email: string, password: string) => {
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
    };
    await attempt(admin.email, 'pas le bon mot de passe');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.textContent())?.trim(), 'Adresse e-mail ou mot de passe incorrect.');
    await screenshot(page, 'desktop-login-error');

    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await attempt('personne@example.org', 'pas le bon mot de passe');
    await answered;
    assert.equal((await page.getByRole('alert').textContent())?.trim(), 'Adresse e-mail ou mot de passe incorrect.');

    await attempt(admin.email, admin.password);
    await nav().waitFor();
    await page.getByRole('heading', { name: 'Écoute', level: 1 }).waitFor();
  });

  test('language: FR → EN changes the labels, is kept in the profile across a reload, and back', async () => {
    const menu = page.getByRole('button', { name: `Menu de ${admin.name}` });
    await menu.click();
    await page.getByLabel('Langue de l’interface').selectOption('en');
    await nav().getByRole('link', { name: 'Listen' }).waitFor();
    await page.getByRole('heading', { name: 'Listen', level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    for (const label of ['Inbox', 'Publish', 'People', 'Community', 'Reports', 'Settings']) {
      await nav().getByRole('link', { name: label }).waitFor();
    }

    // The browser says fr-FR: English after a reload can only come from the saved profile.
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await page.getByRole('heading', { name: 'Listen', level: 1 }).waitFor();
    await screenshot(page, 'desktop-listen-english');
    await nav().getByRole('link', { name: 'Publish' }).click();
    await page.getByRole('heading', { name: 'Coming soon to relais: Publish' }).waitFor();
    await page.getByText('This part is not built yet.', { exact: false }).waitFor();
    await screenshot(page, 'desktop-publish-coming-english');

    await page.getByRole('button', { name: `Menu of ${admin.name}` }).click();
    await page.getByLabel('Interface language').selectOption('fr');
    await page.getByRole('heading', { name: 'Bientôt dans relais : Publication' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await page.keyboard.press('Escape');
    await nav().getByRole('link', { name: 'Écoute' }).click();
    await page.getByRole('heading', { name: 'Écoute', level: 1 }).waitFor();
  });

  test('sections not built yet say what they will do, in both languages, with no made-up data', async () => {
    await nav().getByRole('link', { name: 'Communauté' }).click();
    await page.getByRole('heading', { name: 'Bientôt dans relais : Communauté' }).waitFor();
    // Focus follows the move to another section, for screen readers.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Bientôt dans relais : Communauté');
    await page.getByText('Cette partie n’est pas encore construite.', { exact: false }).waitFor();
    await screenshot(page, 'desktop-community-coming');
  });

  test('people: an empty workspace says how to import them, and the link opens the import', async () => {
    await nav().getByRole('link', { name: 'Personnes' }).click();
    await page.getByRole('heading', { name: 'Personnes', level: 1 }).waitFor();
    await page.getByText('Aucune personne pour l’instant.').waitFor();
    await page.getByText('« Importer un fichier », puis « des personnes »', { exact: false }).waitFor();
    await screenshot(page, 'desktop-people-empty');
    await page.getByRole('link', { name: 'Importer des personnes' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/listen/sources'));
    await page.getByRole('button', { name: 'Importer un fichier' }).waitFor();
  });

  test('settings: the brand profile is edited, saved, and still there after a reload', async () => {
    await nav().getByRole('link', { name: 'Réglages' }).click();
    await page.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
    const services = page.getByRole('group', { name: 'Services et produits' });
    await services.getByRole('textbox').fill('Retouches sur mesure');
    await services.getByRole('textbox').press('Enter');
    await services.getByRole('textbox').fill('Upcycling de vestes');
    await services.getByRole('button', { name: 'Ajouter' }).click();
    const values = page.getByRole('group', { name: 'Valeurs' });
    await values.getByRole('textbox').fill('Fait à Lyon');
    await values.getByRole('textbox').press('Enter');
    await page.getByLabel('Ton de voix').fill('Chaleureux, direct, jamais pushy.');
    const networks = page.getByRole('group', { name: 'Réseaux par priorité' });
    await networks.getByRole('combobox').selectOption('mastodon');
    await networks.getByRole('combobox').selectOption('bluesky');
    await networks.getByRole('button', { name: 'Monter Bluesky' }).click();
    await page.getByText('Modifications non enregistrées').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Enregistré.').waitFor();
    await screenshot(page, 'desktop-settings-brand');

    await page.reload();
    await page.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
    const servicesAfter = page.getByRole('group', { name: 'Services et produits' });
    await servicesAfter.getByText('Retouches sur mesure').waitFor();
    await servicesAfter.getByText('Upcycling de vestes').waitFor();
    await page.getByRole('group', { name: 'Valeurs' }).getByText('Fait à Lyon').waitFor();
    assert.equal(await page.getByLabel('Ton de voix').inputValue(), 'Chaleureux, direct, jamais pushy.');
    const order = await page.getByRole('group', { name: 'Réseaux par priorité' }).locator('.priority-name').allTextContents();
    assert.deepEqual(order, ['Bluesky', 'Mastodon']);
  });

  test('settings: invite a member and get a link to copy; create an API token shown once, then revoke it', async () => {
    await page.getByRole('link', { name: 'Membres' }).click();
    await page.getByRole('heading', { name: 'Membres', level: 2 }).waitFor();
    await page.getByText(admin.email, { exact: true }).waitFor();
    await page.getByLabel('E-mail de la personne invitée').fill('nico@example.org');
    await page.getByRole('button', { name: 'Inviter' }).click();
    const link = await page.getByLabel('Lien d’invitation').inputValue();
    assert.match(link, new RegExp(`^${relais.base}/invitations/accept\\?token=[^&]+$`));
    await page.getByRole('list').getByText('nico@example.org').waitFor();
    await screenshot(page, 'desktop-settings-members');

    // The link works: a newcomer opens it in their own browser, picks a name and a password, and lands in the workspace.
    const guest = await relais.browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', reducedMotion: 'reduce' });
    try {
      guest.setDefaultTimeout(10_000);
      const g = await guest.newPage();
      await g.goto(link);
      await g.getByRole('heading', { name: 'Rejoindre un espace de travail' }).waitFor();
      await g.getByLabel('Votre nom').fill('Nicolas Petit');
      await g.getByLabel('Mot de passe').fill('savon-de-marseille-42');
      await screenshot(g, 'desktop-invitation-accept');
      await g.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await g.getByRole('heading', { name: 'Écoute', level: 1 }).waitFor();
      await g.getByText(admin.workspace).first().waitFor();
    } finally {
      await guest.close();
    }
    await page.reload();
    await page.getByText('nico@example.org', { exact: true }).waitFor();
    await page.getByText('Aucune invitation en attente.').waitFor();
    // The owner changes the newcomer's role; it holds after a reload.
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/members/'));
    await page.getByLabel('Rôle — Nicolas Petit').selectOption('viewer');
    await patched;
    await page.reload();
    assert.equal(await page.getByLabel('Rôle — Nicolas Petit').inputValue(), 'viewer');

    // As a viewer, Nicolas reads the brand profile but cannot change it.
    const viewer = await relais.browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', reducedMotion: 'reduce' });
    try {
      viewer.setDefaultTimeout(10_000);
      const v = await viewer.newPage();
      await v.goto(relais.base);
      await v.getByLabel('Adresse e-mail').fill('nico@example.org');
      await v.getByLabel('Mot de passe').fill('savon-de-marseille-42');
      await v.getByRole('button', { name: 'Se connecter' }).click();
      await v.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réglages' }).click();
      await v.getByRole('group', { name: 'Services et produits' }).getByText('Retouches sur mesure').waitFor();
      assert.equal(await v.getByLabel('Ton de voix').isDisabled(), true);
      assert.equal(await v.getByRole('button', { name: 'Enregistrer' }).count(), 0);
      await v.getByRole('link', { name: 'Membres' }).click();
      await v.getByText(admin.email, { exact: true }).waitFor();
      assert.equal(await v.getByRole('button', { name: 'Inviter' }).count(), 0, 'only owners invite');
    } finally {
      await viewer.close();
    }

    await page.getByRole('link', { name: 'Jetons d’API' }).click();
    await page.getByLabel('Nom du jeton').fill('Tableur de suivi');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    const token = await page.getByLabel('Jeton', { exact: true }).inputValue();
    assert.ok(token.length >= 20, 'a real token is shown');
    // The token works against the API as a bearer token.
    const me = await fetch(`${relais.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    await screenshot(page, 'desktop-settings-tokens');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Révoquer' }).click();
    await page.getByText('Aucun jeton.').waitFor();
    const after = await fetch(`${relais.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.status, 401);
  });

  test('a second workspace: created from the preferences, then the header switches between them and keeps the section', async () => {
    await page.getByRole('link', { name: 'Préférences' }).click();
    await page.getByLabel('Nom du nouvel espace de travail').fill('Boutique de la Croix-Rousse');
    await screenshot(page, 'desktop-settings-preferences');
    await page.getByRole('button', { name: 'Créer l’espace' }).click();
    const switcher = page.getByRole('combobox', { name: 'Espace de travail', exact: true });
    await switcher.waitFor();
    assert.equal(await switcher.locator('option:checked').textContent(), 'Boutique de la Croix-Rousse');
    await nav().getByRole('link', { name: 'Écoute' }).click();
    await switcher.selectOption({ label: admin.workspace });
    await page.getByRole('heading', { name: 'Écoute', level: 1 }).waitFor();
    await page.waitForURL((u) => u.pathname.endsWith('/listen'));
    assert.equal(await switcher.locator('option:checked').textContent(), admin.workspace);
    await screenshot(page, 'desktop-workspace-switcher');
  });

  test('keyboard: the skip link comes first and the user menu opens and closes without a mouse', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Écoute', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Aller au contenu');
    const menuButton = page.getByRole('button', { name: `Menu de ${admin.name}` });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'true');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await menuButton.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Menu de ${admin.name}`);
  });

  test('an ended session brings back the sign-in screen with a message, then the same page', async () => {
    await nav().getByRole('link', { name: 'Réglages' }).click();
    await page.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
    await context.clearCookies();
    await page.getByRole('link', { name: 'Membres' }).click();
    await page.getByText('Votre session a expiré. Reconnectez-vous.').waitFor();
    await page.getByLabel('Adresse e-mail').fill(admin.email);
    await page.getByLabel('Mot de passe').fill(admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Membres', level: 2 }).waitFor();
    assert.match(new URL(page.url()).pathname, /\/settings\/members$/);
  });

  test('demo data: Listen shows the mentions, filters by sentiment and network narrow them, pages move on', async () => {
    const seeded = await seedDemo(relais.database.db, systemClock);
    assert.ok(seeded.login, 'the demo gives a login');
    demo = seeded.login;
    demoWorkspaceId = seeded.workspaceId;
    await page.getByRole('button', { name: `Menu de ${admin.name}` }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByLabel('Adresse e-mail').fill(demo.email);
    await page.getByLabel('Mot de passe').fill(demo.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await nav().getByRole('link', { name: 'Écoute' }).click();
    const cards = page.locator('article.mention');
    await cards.first().waitFor();
    const firstPage = await cards.count();
    assert.ok(firstPage >= 10, `a page of demo mentions (${firstPage})`);
    // The volume chart loads echarts on demand and draws into a canvas, described for screen readers.
    const chart = page.getByRole('img', { name: /^Mentions sur 30 jours : \d+/ });
    await chart.waitFor();
    await page.locator('.chart[data-ready] canvas').first().waitFor();
    assert.equal(scripts.filter((s) => /echarts/.test(s)).length, 1, 'echarts came in its own chunk, once');
    const summary = (await chart.getAttribute('aria-label')) ?? '';
    assert.ok(Number(/: (\d+)/.exec(summary)?.[1]) >= firstPage, summary);
    await screenshot(page, 'desktop-listen-demo');

    const sentimentsOnPage = async () => new Set(await page.locator('article.mention .badge-sentiment').allTextContents());
    const networksOnPage = async () => new Set(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-network'))));
    assert.ok((await sentimentsOnPage()).size > 1, 'the demo mixes sentiments');
    assert.ok((await networksOnPage()).size > 1, 'the demo mixes networks');

    // Older mentions on the next page, and back.
    const firstText = await cards.first().locator('.mention-text').textContent();
    await page.getByRole('button', { name: 'Suivantes' }).click();
    await page.getByText('Page 2', { exact: false }).first().waitFor();
    await page.waitForFunction((t) => document.querySelector('article.mention .mention-text')?.textContent !== t, firstText);
    await page.getByRole('button', { name: 'Précédentes' }).click();
    await page.waitForFunction((t) => document.querySelector('article.mention .mention-text')?.textContent === t, firstText);

    const filters = page.getByRole('search', { name: 'Filtres' });
    const settle = () => page.waitForResponse((r) => r.url().includes('/mentions') && r.status() === 200);
    let done = settle();
    await filters.getByLabel('Tonalité').selectOption('negative');
    await done;
    await page.waitForFunction(() => {
      const badges = [...document.querySelectorAll('article.mention .badge-sentiment')];
      return badges.length > 0 && badges.every((b) => b.textContent === 'Négatif');
    });
    const negatives = await cards.count();
    assert.ok(negatives > 0, `negative mentions only (${negatives})`);
    // The chart counts the negative ones only: fewer than all of them.
    const negativeChart = page.getByRole('img', { name: /^Mentions sur 30 jours : \d+ \(positives : 0, neutres : 0, négatives : \d+, sans tonalité : 0\)$/ });
    const negativeTotal = Number(/: (\d+)/.exec((await negativeChart.getAttribute('aria-label')) ?? '')?.[1]);
    assert.ok(negativeTotal >= negatives && negativeTotal < Number(/: (\d+)/.exec(summary)?.[1]), `${negativeTotal} negative mentions of ${summary}`);
    assert.deepEqual([...(await sentimentsOnPage())], ['Négatif']);
    assert.match(page.url(), /sentiment=negative/);
    await screenshot(page, 'desktop-listen-negative');

    done = settle();
    await filters.getByLabel('Tonalité').selectOption('');
    await done;
    done = settle();
    await filters.getByLabel('Réseau').selectOption('mastodon');
    await done;
    await page.waitForFunction(() => {
      const cards = [...document.querySelectorAll('article.mention')];
      return cards.length > 0 && cards.every((a) => a.getAttribute('data-network') === 'mastodon');
    });
    assert.deepEqual([...(await networksOnPage())], ['mastodon']);
    assert.ok((await cards.count()) > 0);

    done = settle();
    await filters.getByLabel('Réseau').selectOption('');
    await done;
    done = settle();
    await filters.getByLabel('Rechercher dans le texte').fill('coffret');
    await filters.getByRole('button', { name: 'Filtrer' }).click();
    await done;
    await page.waitForFunction(() => {
      const cards = [...document.querySelectorAll('article.mention')];
      return cards.length > 0 && cards.every((a) => /coffret/i.test(a.textContent ?? ''));
    });
    assert.ok((await cards.count()) >= 1 && (await cards.count()) < firstPage, 'the text search narrows the list');

    done = settle();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await done;
    assert.equal(new URL(page.url()).search, '');

    // A period: only mentions published from that day on, in the browser's time zone.
    const from = new Date(Date.now() - 3 * 86_400_000);
    const fromDay = `${from.getFullYear()}-${String(from.getMonth() + 1).padStart(2, '0')}-${String(from.getDate()).padStart(2, '0')}`;
    const fromInstant = new Date(from.getFullYear(), from.getMonth(), from.getDate()).getTime();
    done = settle();
    await filters.getByLabel('Du').fill(fromDay);
    await done;
    await page.waitForFunction((since) => {
      const times = [...document.querySelectorAll('article.mention time')].map((t) => Date.parse(t.getAttribute('datetime') ?? ''));
      return times.length > 0 && times.every((t) => t >= since);
    }, fromInstant);
    assert.match(page.url(), new RegExp(`from=${fromDay}`));
    const recent = await cards.count();
    assert.ok(recent > 0, 'the demo has mentions in the last three days');

    // One listening query: fewer mentions, and the choice is in the URL.
    const queryOptions = await filters.getByLabel('Requête').locator('option').allTextContents();
    assert.ok(queryOptions.length >= 2, `the demo's queries are offered (${queryOptions.join(', ')})`);
    done = settle();
    await filters.getByLabel('Requête').selectOption({ index: 1 });
    await done;
    assert.match(page.url(), /query=/);
    await screenshot(page, 'desktop-listen-period-query');

    done = settle();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await done;

    await page.getByRole('link', { name: 'Sources' }).click();
    await page.locator('li.source').first().waitFor();
    assert.ok((await page.locator('li.source').count()) >= 2);
    await page.getByText('En erreur').first().waitFor();
    // The failing demo source says its error in French, as a real failed fetch would (ADR 0250).
    const failing = page.locator('li.source').filter({ has: page.getByRole('heading', { name: 'r/wicked_edge' }) });
    await failing.getByText('https://reddit.example/r/wicked_edge/.rss a répondu avec le code HTTP 429.').waitFor();
    assert.equal(await page.getByText('Too Many Requests', { exact: false }).count(), 0, 'no English error on the French screen');
    await screenshot(page, 'desktop-listen-sources');
    await page.getByRole('link', { name: 'Requêtes' }).click();
    await page.getByRole('table').waitFor();
    assert.ok((await page.getByRole('table').locator('tbody tr').count()) >= 1);
    await screenshot(page, 'desktop-listen-queries');
  });

  test('hostile content in a mention is shown as text, and its javascript: links are not clickable', async () => {
    const now = new Date();
    await insertMentions(relais.database.db, demoWorkspaceId, [
      {
        network: 'rss',
        externalId: 'e2e-hostile-1',
        url: 'javascript:window.__pwned=1',
        author: { handle: 'mallory', name: '<b>Mallory</b>', url: 'javascript:window.__pwned=2' },
        text: 'Salut <img src=x onerror="window.__pwned=3"> <script>window.__pwned=4</script> fin',
        links: [],
        hashtags: [],
        mentions: [],
        publishedAt: now,
        fetchedAt: now,
        sourceId: null,
        lang: 'fr',
        sentiment: null,
        matchedQueries: [],
      },
    ]);
    await page.getByRole('link', { name: 'Mentions' }).click();
    const card = page.locator('article.mention', { hasText: 'Salut <img' });
    await card.waitFor();
    assert.equal(await card.locator('.mention-text').textContent(), 'Salut <img src=x onerror="window.__pwned=3"> <script>window.__pwned=4</script> fin');
    assert.equal(await card.locator('img, script, b').count(), 0);
    assert.equal(await card.locator('a').count(), 0, 'no link from javascript: URLs');
    assert.equal(await card.locator('.mention-author').textContent(), '<b>Mallory</b>');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  test('demo data: People shows the people behind the mentions, with their accounts, roles, tags and notes', async () => {
    await nav().getByRole('link', { name: 'Personnes' }).click();
    await page.getByRole('heading', { name: 'Personnes', level: 1 }).waitFor();
    await page.getByText(/^1–1\d sur 1\d$/).waitFor();
    const julien = page.getByRole('article', { name: 'Julien Barbu' });
    await julien.locator('.badge', { hasText: 'Client·e' }).waitFor();
    const accounts = julien.getByRole('list', { name: 'Comptes' });
    await accounts.getByText('@julien_barbu@piaille.example').waitFor();
    await accounts.getByText('julien-barbu.bsky.example').waitFor();
    await julien.getByRole('list', { name: 'Étiquettes' }).getByText('huile à barbe').waitFor();
    await julien.getByText('Premier à commander', { exact: false }).waitFor();
    await page.getByRole('article', { name: 'Claire Martin' }).locator('.badge', { hasText: 'Presse' }).waitFor();
    await page.getByRole('article', { name: 'Barbe Royale' }).locator('.badge', { hasText: 'Concurrent' }).waitFor();
    await screenshot(page, 'desktop-demo-people');
    await page.getByLabel('Rechercher une personne').fill('barbier');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('article', { name: 'Karim — Barbier Le Figaro' }).waitFor();
    await page.getByText('1–1 sur 1').waitFor();
  });

  test('phone width: the frame, listen and settings fit the screen', async () => {
    const phone = await relais.browser.newContext({ viewport: PHONE, locale: 'fr-FR', reducedMotion: 'reduce', isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(10_000);
    try {
      const p = await phone.newPage();
      await p.goto(relais.base);
      await p.getByRole('heading', { name: 'Connexion' }).waitFor();
      await screenshot(p, 'phone-login');
      await p.getByLabel('Adresse e-mail').fill(demo.email);
      await p.getByLabel('Mot de passe').fill(demo.password);
      await p.getByRole('button', { name: 'Se connecter' }).click();
      await p.getByRole('heading', { name: 'Écoute', level: 1 }).waitFor();
      await p.locator('article.mention').first().waitFor();
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scroll on a phone (overflow ${overflow}px)`);
      await screenshot(p, 'phone-listen');
      await p.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réglages' }).click();
      await p.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
      await p.getByRole('group', { name: 'Services et produits' }).getByText('Savons de rasage').waitFor();
      const overflow2 = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow2 <= 0, `settings fit a phone (overflow ${overflow2}px)`);
      await screenshot(p, 'phone-settings-brand');
      await p.getByRole('link', { name: 'Membres' }).click();
      await p.getByRole('heading', { name: 'Membres', level: 2 }).waitFor();
      await p.getByRole('button', { name: /^Menu de / }).click();
      await p.getByRole('button', { name: 'Se déconnecter' }).waitFor();
      const overflow3 = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow3 <= 0, `members and the open menu fit a phone (overflow ${overflow3}px)`);
      await screenshot(p, 'phone-members-menu');
    } finally {
      await phone.close();
    }
  });
});

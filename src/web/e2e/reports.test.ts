/**
 * The measures dashboard (Reports) in Chromium against the real server (createHttpApp on PGlite)
 * with the demo workspace, whose mentions the demo counts into the rollups as the ingest does:
 * the figures agree with the stored mentions, the four charts are drawn, the period and the
 * series can be changed, and the page fits a phone's width.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../../core/clock.ts';
import { seedDemo } from '../../app/demo.ts';
import { browserMissing, screenshot, startDemoServer, type DemoServer } from './harness.ts';

const skip = browserMissing();
const frNumber = (n: number) => new Intl.NumberFormat('fr').format(n);

describe('Reports in Chromium: the measures dashboard of the demo workspace', { skip: skip ?? false, timeout: 240_000 }, () => {
  let relais: DemoServer;
  let context: BrowserContext;
  let page: Page;
  let login: { email: string; password: string };
  let workspaceId: string;
  const count = async (where: string, params: unknown[] = []): Promise<number> =>
    Number((await relais.database.query<{ n: number }>(`select count(*)::int as n from mentions where workspace_id = $1 and ${where}`, [workspaceId, ...params]))[0]?.n);
  // The default period: the last 30 UTC days, today included.
  const since = () => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 29 * 86_400_000).toISOString();
  };

  before(async () => {
    relais = await startDemoServer();
    const seeded = await seedDemo(relais.database.db, systemClock);
    assert.ok(seeded.login, 'the demo gives a login');
    login = seeded.login;
    workspaceId = seeded.workspaceId;
  });

  after(async () => {
    await relais?.close();
  });

  const signIn = async (viewport: { width: number; height: number }) => {
    await context?.close();
    ({ context, page } = await relais.newPage({ viewport, timeoutMs: 15_000 }));
    await page.goto(relais.base);
    await page.getByLabel('Adresse e-mail').fill(login.email);
    await page.getByLabel('Mot de passe').fill(login.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: /Navigation principale/ }).getByRole('link', { name: 'Bilans' }).click();
    await page.getByRole('heading', { name: 'Mesures' }).waitFor();
  };
  const chartsReady = async (n: number) => {
    await page.waitForFunction((k) => document.querySelectorAll('.chart[data-ready]').length >= k, n);
  };

  test('figures agree with the stored mentions; the charts are drawn; period and series change them', async () => {
    await signIn({ width: 1280, height: 900 });
    const volume = await count(`published_at >= $2`, [since()]);
    assert.ok(volume > 30, `the demo has ${volume} mentions in 30 days`);
    await page.getByTestId('figure-volume').filter({ hasText: frNumber(volume) }).waitFor();
    assert.match((await page.getByTestId('figure-reputation').textContent()) ?? '', /^\d+ ± \d+$/);
    assert.match((await page.getByTestId('reputation-explain').textContent()) ?? '', new RegExp(`sur ${volume} mentions`));
    const authors = Number(
      (await relais.database.query<{ n: number }>(`select count(distinct (network, lower(author_handle)))::int as n from mentions where workspace_id = $1 and published_at >= $2`, [workspaceId, since()]))[0]?.n,
    );
    assert.equal(await page.getByTestId('figure-authors').textContent(), frNumber(authors));
    assert.match((await page.getByTestId('figure-voice').textContent()) ?? '', /^\d+ %$/);
    await page.getByText('Concurrent').first().waitFor();
    await chartsReady(4);
    await screenshot(page, 'desktop-reports');

    // One query's series: the brand's mentions only.
    const brand = (await relais.database.query<{ id: string }>(`select id from queries where workspace_id = $1 and kind = 'brand'`, [workspaceId]))[0]?.id;
    const brandVolume = await count(`published_at >= $2 and matched_queries ? $3`, [since(), brand]);
    assert.ok(brandVolume > 0 && brandVolume < volume);
    await page.getByRole('combobox', { name: 'Mentions', exact: true }).selectOption({ label: 'Coupe-Chou' });
    await page.getByTestId('figure-volume').filter({ hasText: new RegExp(`^${frNumber(brandVolume)}$`) }).waitFor();

    // The last week, by the hour.
    await page.getByRole('combobox', { name: 'Période' }).selectOption({ label: '7 derniers jours, par heure' });
    await page.getByText('Mentions par heure, selon la tonalité').waitFor();
    const hourly = await count(`matched_queries ? $2 and published_at >= date_trunc('hour', now()) - interval '167 hours'`, [brand]);
    await page.getByTestId('figure-volume').filter({ hasText: new RegExp(`^${frNumber(hourly)}$`) }).waitFor();
    await chartsReady(4);
  });

  test('fits a phone: no sideways scrolling, figures and charts stacked', async () => {
    await signIn({ width: 390, height: 844 });
    await page.getByTestId('figure-volume').waitFor();
    await chartsReady(4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    const chartWidth = await page.locator('.chart').first().evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(chartWidth > 250 && chartWidth <= 390, `chart width ${chartWidth}`);
    await screenshot(page, 'phone-reports');
  });
});

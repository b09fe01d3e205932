/**
 * Support for the browser tests: the built web interface, Chromium, screenshots, and the real
 * server (createHttpApp on PGlite) that every test file starts through startDemoServer.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { glob, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig, type Config } from '../../config/env.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/logger.ts';
import { createHttpApp } from '../../http/app.ts';
import { createImportRunner } from '../../app/import/followed-import.ts';
import { createJobQueue, type JobQueue } from '../../jobs/queue.ts';
import { relaisTasks, type JobContext } from '../../jobs/tasks.ts';
import { freshPglite, type TestDatabase } from '../../storage/testing/databases.ts';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null. In CI a missing browser is a failure, not a skip. */
export const browserMissing = (): string | null => {
  if (existsSync(CHROMIUM)) return null;
  const why = `Chromium not found at ${CHROMIUM} (apt-get install chromium); browser tests skipped`;
  if (process.env.CI === 'true') throw new Error(`${why} — but CI=true requires them`);
  return why;
};

const newestSource = async (): Promise<number> => {
  let newest = 0;
  for (const pattern of ['src/web/**/*', 'src/core/**/*.ts']) {
    for await (const f of glob(pattern, { cwd: repoRoot })) {
      if (f.includes('/e2e/') || f.endsWith('.test.ts')) continue;
      const m = statSync(join(repoRoot, f)).mtimeMs;
      if (m > newest) newest = m;
    }
  }
  return newest;
};

export interface BuiltWeb {
  dir: string;
  /** Removes a temporary build; a reused dist/web is left alone. */
  dispose(): Promise<void>;
}

/** dist/web when it is newer than every web source; otherwise a fresh build in a temporary folder. */
export const buildWeb = async (): Promise<BuiltWeb> => {
  const dist = join(repoRoot, 'dist/web');
  const index = join(dist, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > (await newestSource())) {
    return { dir: dist, dispose: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'relais-web-'));
  const { build } = await import('vite');
  await build({
    configFile: join(repoRoot, 'src/web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, sourcemap: false },
  });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
};

export const launchChromium = async (): Promise<Browser> => {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};

const shotsDir = join(repoRoot, '.tmp/screenshots');

/** Screenshots into .tmp/screenshots/ (gitignored), for a person to look at: what the screen shows first, and the whole page. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(shotsDir, { recursive: true });
  // From the top, so sticky bars are drawn where a person first sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
  await page.screenshot({ path: join(shotsDir, `${name}-full.png`), fullPage: true });
};

export interface DemoServer {
  /** The fresh in-memory database behind the server, for seeding and for checking what was stored. */
  readonly database: TestDatabase;
  readonly config: Config;
  /** `http://127.0.0.1:<port>`: the API and the built web interface. */
  readonly base: string;
  readonly browser: Browser;
  /** The job queue working in this process (fetch now goes through it), when asked for. */
  readonly queue: JobQueue<JobContext> | undefined;
  /**
   * A fresh browser context (no cookies, no storage) and its page: French, a desktop window and
   * reduced motion (which also stops chart animations) unless told otherwise. Closed with the server.
   */
  newPage(o?: { viewport?: { width: number; height: number }; locale?: string; timeoutMs?: number; acceptDownloads?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  /** Closes what was opened, in reverse order; safe after a start that failed half-way. */
  close(): Promise<void>;
}

/**
 * The real server of the browser tests: createHttpApp on a fresh PGlite with the built web
 * interface, served on a free port of 127.0.0.1, and Chromium. `env` adds settings to the
 * quiet defaults (no log, no demo data, no workers); `jobs` starts a real job queue without
 * schedules, as a worker would run it.
 */
export const startDemoServer = async (o: { env?: Record<string, string>; jobs?: boolean } = {}): Promise<DemoServer> => {
  const opened: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const undo of opened.splice(0).reverse()) await undo();
  };
  try {
    const web = await buildWeb();
    opened.push(() => web.dispose());
    const database = await freshPglite();
    opened.push(() => database.close());
    const config = loadConfig({ RELAIS_LOG_LEVEL: 'silent', RELAIS_DEMO: 'false', RELAIS_WORKERS: 'false', ...o.env });
    let queue: JobQueue<JobContext> | undefined;
    if (o.jobs) {
      const q = await createJobQueue<JobContext>(database, relaisTasks, { logger: silentLogger, pollingIntervalSeconds: 0.5, schedule: false });
      opened.push(() => q.stop());
      await q.work({ database, clock: systemClock, logger: silentLogger, config });
      queue = q;
    }
    // The server's followed imports (ADR 0250, 0290).
    const imports = createImportRunner({ db: database.db, clock: systemClock, logger: silentLogger });
    opened.push(() => imports.close());
    const app = createHttpApp({ database, config, clock: systemClock, logger: silentLogger, webDir: web.dir, imports, ...(queue ? { jobs: queue } : {}) });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    opened.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const browser = await launchChromium();
    opened.push(() => browser.close());
    return {
      database,
      config,
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      browser,
      queue,
      async newPage(p = {}) {
        const context = await browser.newContext({ viewport: p.viewport ?? { width: 1280, height: 900 }, locale: p.locale ?? 'fr-FR', reducedMotion: 'reduce', acceptDownloads: p.acceptDownloads ?? false });
        opened.push(() => context.close());
        context.setDefaultTimeout(p.timeoutMs ?? 10_000);
        return { context, page: await context.newPage() };
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
};

/**
 * Support for the browser tests: the built web interface, Chromium, and screenshots.
 * The server itself is the real one (createHttpApp), started by each test file.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { glob, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

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

/**
 * Screenshots of the built page (dist/) with headless Chromium. Build first (`npx vite build`).
 *   npx tsx scripts/screenshot.ts --docs            → docs/screenshot.png (the README's picture)
 *   npx tsx scripts/screenshot.ts [outDir] [hash] [--tiles]
 *        → light/dark × 1440/375 px full pages (and screen-sized tiles of them with --tiles)
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic } from './staticServer';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [out = 'bench/screens', hash = ''] = args.filter((a) => !a.startsWith('--'));

async function shoot(browser: Browser, url: string, scheme: 'light' | 'dark', width: number, path: string, full: boolean) {
  const ctx = await browser.newContext({ viewport: { width, height: full ? 900 : 980 }, colorScheme: scheme, deviceScaleFactor: width < 500 ? 2 : 1 });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid=gamma-path]');
  await page.waitForTimeout(400);
  await page.screenshot({ path, fullPage: full });
  if (flags.has('--tiles')) {
    // Screen-sized tiles of tall pages, to read them at full resolution.
    const total = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, k = 0; y < total; y += 800, k++) {
      await page.screenshot({ path: path.replace(/\.png$/, `-${k}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(800, total - y) } });
    }
  }
  await ctx.close();
}

const server = await serveStatic('dist');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  if (flags.has('--docs')) {
    mkdirSync('docs', { recursive: true });
    await shoot(browser, `${server.url}#n=6&s=0.3&show=dx,ghosts&panels=family`, 'light', 1280, 'docs/screenshot.png', false);
    console.log('wrote docs/screenshot.png');
  } else {
    mkdirSync(out, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1440, 375]) {
        await shoot(browser, `${server.url}${hash ? `#${hash}` : ''}`, scheme, width, `${out}/page-${width}-${scheme}.png`, true);
      }
    }
    console.log(`screenshots in ${out}/`);
  }
} finally {
  await browser.close();
  await server.close();
}

/** What loads before the first γ curve is painted, and how long until it is. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export const MARK = 'gamma-first-curve';
export const LOADS = 5;

/** JS files requested before the first curve is painted, with their gzip sizes. */
export async function firstPaintScripts(browser: Browser, url: string, dist: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, MARK);
  // Scripts whose request started before the mark: what the first curve needed.
  const scripts = await page.evaluate((m) => {
    const mark = performance.getEntriesByName(m)[0].startTime;
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= mark && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => new URL(e.name).pathname);
  }, MARK);
  await ctx.close();
  return scripts.map((p) => {
    const body = readFileSync(join(dist, decodeURIComponent(p)));
    const text = body.toString('utf8');
    return {
      file: p.replace(/^\//, ''),
      bytes: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      tfjs: /@tensorflow|tfjs-core|tfjs-backend/i.test(text),
    };
  });
}

export async function firstCurveMs(browser: Browser, url: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(url);
    const t = await page.waitForFunction((m) => performance.getEntriesByName(m)[0]?.startTime, MARK);
    out.push(Number(await t.jsonValue()));
    await ctx.close();
  }
  return out;
}


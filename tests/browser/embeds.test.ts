/**
 * Embeds as a blogger uses them: each figure's own snippet (from its export menu), pasted into a
 * page with a 600 px column, shows the whole figure with no inner scrollbar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import { launch, open } from './browser';
import { showAll } from './pageHelpers';

const FIGURES = ['gamma', 'pad', 'loss', 'activation', 'portrait', 'preact', 'phaseplane', 'compare'] as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function snippets(): Promise<Record<string, string>> {
  const { page } = await open(browser, 'hidden=8&batch=4&n=3&s=0.4');
  await showAll(page);
  const out: Record<string, string> = {};
  for (const fig of FIGURES) {
    const menu = page.locator(`[data-testid=export-${fig}]`).first();
    await menu.locator('summary').click();
    await page.click(`[data-testid=export-${fig}-embed]`);
    await page.waitForFunction((f) => document.querySelector(`[data-testid=export-${f}]`)?.getAttribute('data-embed-code'), fig);
    out[fig] = (await menu.getAttribute('data-embed-code')) ?? '';
    await menu.locator('summary').click();
  }
  await page.context().close();
  return out;
}

describe('embed snippets', () => {
  it('in a 600 px column each figure is shown whole, with no inner scrollbar', async () => {
    const codes = await snippets();
    const ctx = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const host = await ctx.newPage();
    for (const fig of FIGURES) {
      expect(codes[fig]).toMatch(new RegExp(`^<iframe src="[^"]*#embed=${fig}&amp;`));
      await host.setContent(`<!doctype html><body style="margin:0"><div style="width:600px">${codes[fig]}</div></body>`);
      const frame = await (await host.waitForSelector('iframe')).contentFrame();
      if (!frame) throw new Error(`no frame for ${fig}`);
      await frame.waitForSelector(`[data-testid=embed-${fig}] svg`);
      // The embed reports its height; the snippet's script sizes the iframe to it (the frame is
      // another origin, so each side is read on its own).
      await expect
        .poll(async () => (await frame.evaluate(() => document.documentElement.scrollHeight)) <= (await host.evaluate(() => document.querySelector('iframe')!.clientHeight)) + 1, { timeout: 30_000 })
        .toBe(true);
      const fit = await (frame as Frame).evaluate(() => ({
        width: innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        height: innerHeight,
        scrollHeight: document.documentElement.scrollHeight,
      }));
      expect(fit.width, fig).toBe(600);
      expect(fit.scrollWidth, fig).toBeLessThanOrEqual(fit.width);
      expect(fit.scrollHeight, fig).toBeLessThanOrEqual(fit.height + 1);
    }
    await ctx.close();
  });
});

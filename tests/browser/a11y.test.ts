/**
 * An accessibility audit with axe-core (WCAG 2.1 A and AA rules) of the whole page in the light
 * scheme and then, on the same page, the dark one, with a run trained so the figures, notices and
 * tables are filled in, and of embedded figures. axe is injected from node_modules (the page's CSP
 * allows no inline script, so the audit's context bypasses it).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch } from './browser';
import { showAll, waitStep } from './pageHelpers';

const require = createRequire(import.meta.url);
let axeSource = '';
let browser: Browser;
beforeAll(async () => {
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[]; failureSummary: string }[];
}

async function audit(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations;
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`));
}

async function openAudited(hash: string, scheme: 'light' | 'dark'): Promise<Page> {
  const ctx = await browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${baseUrl()}#${hash}`);
  return page;
}

describe('axe-core, WCAG 2.1 A and AA', () => {
  it('the whole page after some training, light and then switched live to dark: no violation', async () => {
    const page = await openAudited('hidden=8&batch=4&backend=wasm', 'light');
    await showAll(page);
    await page.click('[data-testid=train-play]');
    await waitStep(page, 60);
    await page.click('[data-testid=train-pause]');
    await page.waitForSelector('[data-testid=status-value][data-status=paused]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=preact-hist]')?.getAttribute('d') ?? '').length > 20);
    const light = await audit(page);
    expect(light, light.join("\n")).toEqual([]);
    // The reader's system switches to dark: the page follows without a reload.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => matchMedia('(prefers-color-scheme: dark)').matches);
    const dark = await audit(page);
    expect(dark, dark.join("\n")).toEqual([]);
    await page.context().close();
  });

  for (const figure of ['loss', 'pad', 'compare'] as const) {
    it(`the embedded ${figure} figure: no violation`, async () => {
      const page = await openAudited(`embed=${figure}&hidden=8&batch=4`, 'light');
      await page.waitForSelector(`[data-testid=embed-${figure}] [data-testid$=-chart], [data-testid=embed-${figure}] [data-testid=pad-svg], [data-testid=embed-${figure}] [data-testid=compare-chart]`);
      const found = await audit(page);
      expect(found, found.join("\n")).toEqual([]);
      await page.context().close();
    });
  }
});

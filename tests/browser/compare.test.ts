/**
 * The Compare section from a link, and live settings through the URL: a comparison URL opens with
 * its runs, they train in lockstep to the same step with their curves updating, the summary
 * compares them at that step; back and forward on the learning rate reach a running run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, open } from './browser';
import { showAll, waitStep } from './pageHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('the Compare section', () => {
  it('opens a comparison URL with three runs whose three curves update while they train, in lockstep to one step', async () => {
    const { page, errors } = await open(browser, 'panels=compare&compare=static-relu,homogeneous,heterogeneous&hidden=8&batch=4&backend=wasm&csteps=60');
    await showAll(page);
    expect(await page.locator('[data-testid=compare-section]').count()).toBe(1);
    expect(await page.locator('[data-testid=compare-presets] input:checked').count()).toBe(3);
    await page.click('[data-testid=compare-play]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^=compare-run-]:not([data-testid=compare-run-status])').length === 3);
    const paths = () => page.evaluate(() => [0, 1, 2].map((i) => document.querySelector(`[data-testid=loss-run-${i}]`)?.getAttribute('d') ?? ''));
    await page.waitForFunction(() => [0, 1, 2].every((i) => (document.querySelector(`[data-testid=loss-run-${i}]`)?.getAttribute('d') ?? '').length > 10));
    const early = await paths();
    // Every run stops at the budget; the page shows each run's step.
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('[data-testid=compare-runs] tbody tr'));
      return rows.length === 3 && rows.every((r) => r.querySelector('[data-testid=status-step]')?.textContent === '60' && r.querySelector('[data-testid=compare-run-status]')?.getAttribute('data-status') === 'paused');
    }, null, { timeout: 120_000 });
    const late = await paths();
    for (let i = 0; i < 3; i++) expect(late[i]).not.toBe(early[i]);
    // The summary is taken at the step all three reached, one row per setting.
    await page.waitForFunction(() => document.querySelector('[data-testid=compare-summary]')?.getAttribute('data-step') === '60');
    for (const p of ['static-relu', 'homogeneous', 'heterogeneous']) {
      const acc = await page.textContent(`[data-testid=compare-summary-${p}] [data-testid=summary-acc]`);
      expect(acc).toMatch(/^\d+\.\d %$/);
    }
    // The comparison lives in the URL.
    expect(new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('compare')).toBe('static-relu,homogeneous,heterogeneous');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('live settings through the URL', () => {
  it('back and forward on the learning rate reach the running run', async () => {
    const { page, errors } = await open(browser, 'hidden=8&batch=4&backend=wasm&speed=50&panels=train');
    await page.click('[data-testid=train-play]');
    await waitStep(page, 5);
    await page.waitForFunction(() => document.querySelector('[data-testid=status-lr]')?.textContent === '0.003');
    // A new rate from the URL (as a pasted link or another tab's history would bring).
    await page.evaluate(() => {
      location.hash = `${location.hash.slice(1)}&lr=0.02`;
    });
    await page.waitForFunction(() => document.querySelector('[data-testid=status-lr]')?.textContent === '0.02');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid=status-lr]')?.textContent === '0.003');
    await page.goForward();
    await page.waitForFunction(() => document.querySelector('[data-testid=status-lr]')?.textContent === '0.02');
    expect(await page.getAttribute('[data-testid=status-value]', 'data-status')).toBe('running');
    expect(await page.textContent('[data-testid=control-lr] + output')).toBe('0.02');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/**
 * The shift experiment through the page: after a short training, the inputs change and four ways
 * of answering it train side by side; the recovery curves are drawn and the page says what the
 * reader's own run shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, open } from './browser';
import { showAll, stepTens, waitCheckpoint } from './pageHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('the shift experiment', () => {
  it('draws its recovery curves from the trained network and says what they show', async () => {
    const { page, errors } = await open(browser, 'hidden=8&batch=4&backend=wasm&shift=drive&drive=1.5&rsteps=40&panels=train,shift');
    await showAll(page);
    expect(await page.isDisabled('[data-testid=shift-run]')).toBe(true);
    await stepTens(page, 6);
    await waitCheckpoint(page, 60);
    await page.click('[data-testid=shift-run]');
    // Four ways: do nothing (one evaluation), and three that re-adapt for 40 steps each.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^=shift-line-]').length === 4, null, { timeout: 60_000 });
    await page.waitForFunction(
      () => {
        const ways = Array.from(document.querySelectorAll('[data-testid^=shift-line-]'), (e) => e.getAttribute('data-way'));
        return ways.includes('activation') && ways.includes('bias') && ways.includes('all') && ways.includes('none') && /after 40 steps/.test(document.querySelector('[data-testid=shift-summary]')?.textContent ?? '') && !/So far/.test(document.querySelector('[data-testid=shift-summary]')?.textContent ?? '');
      },
      null,
      { timeout: 120_000 },
    );
    const summary = (await page.textContent('[data-testid=shift-summary]')) ?? '';
    expect(summary).toMatch(/^The change of inputs (took test accuracy from [\d.]+ % to [\d.]+ %|barely mattered here)/);
    expect(summary).toMatch(/Re-adapt n and s only: [\d.]+ % after 40 steps/);
    expect(Number(await page.getAttribute('[data-testid=shift-before]', 'data-value'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

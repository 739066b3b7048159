import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, open } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

it('serves the built page with no console error and no foreign request', async () => {
  const { page, errors, foreign } = await open(browser);
  await page.waitForSelector('#root *');
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

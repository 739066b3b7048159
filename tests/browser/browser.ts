/**
 * Launches Debian's Chromium headless through playwright-core and opens pages of the built site,
 * recording console errors and any request that leaves the page's origin.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch(opts: { webgpu?: boolean } = {}): Promise<Browser> {
  const args = opts.webgpu ? [...ARGS, '--enable-unsafe-webgpu'] : ARGS;
  return chromium.launch({ executablePath: CHROMIUM, args });
}

export interface OpenedPage {
  page: Page;
  /** console.error messages and uncaught page errors. */
  errors: string[];
  /** URLs requested outside the site's origin. */
  foreign: string[];
}

export function baseUrl(): string {
  return inject('baseUrl');
}

/** Opens the built site at the given hash (without '#'), e.g. 'n=50&s=0'. */
export async function open(
  browser: Browser,
  hash = '',
  context: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...context });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(baseUrl()).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.goto(baseUrl() + (hash ? `#${hash}` : ''));
  return { page, errors, foreign };
}

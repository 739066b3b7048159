/**
 * Launches Debian's Chromium headless through playwright-core and opens pages of the built site,
 * recording console errors and any request that leaves the page's origin.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's headless shell (package chromium-headless-shell): the same Chromium without the browser UI. */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

/**
 * The headless shell when it is installed, else the full browser. The shell opens a page for about a
 * third of the CPU: a new context and page cost 0.21 against 0.71 CPU-s, and the whole browser suite
 * took 222 s and 322 CPU-s against 280–300 s and 460–500 CPU-s (BENCHMARKS.md).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

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

/**
 * The Train section's figures around a run: embed mode, the phase plane following n and s, touch on
 * the pad, layout details a reader would trip over, reduced motion and the dark scheme. The figures
 * while a run trains are in train.test.ts. Every wait is on a condition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, open } from './browser';
import { exportFile, FAST_RUN as FAST, showAll } from './pageHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('embed mode', () => {
  it('renders exactly one figure, styled controls, and links back to the full page with the same state', async () => {
    const { page, errors, foreign } = await open(browser, `embed=loss&${FAST}`);
    await page.waitForSelector('[data-testid=loss-chart]');
    expect(await page.locator('[data-testid^=section-]').count()).toBe(0);
    expect(await page.locator('[data-testid=loss-chart]').count()).toBe(1);
    for (const other of ['activation-chart', 'portrait-chart', 'preact-chart', 'phaseplane-chart', 'gamma-chart', 'train-panel'])
      expect(await page.locator(`[data-testid=${other}]`).count()).toBe(0);
    // The embedded Play button is the page's own, not a bare browser button.
    const play = await page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('[data-testid=train-play]')!);
      return { bg: cs.backgroundColor, pad: parseFloat(cs.paddingLeft) };
    });
    expect(play.bg).not.toBe('rgb(239, 239, 239)');
    expect(play.pad).toBeGreaterThanOrEqual(10);
    const href = await page.getAttribute('[data-testid=embed-open]', 'href');
    expect(href).toBe(`#${FAST}`);
    await page.click('[data-testid=export-loss] > summary');
    await page.click('[data-testid=export-loss-embed]');
    await page.waitForSelector('[data-testid=export-loss][data-embed-code]');
    const code = await page.getAttribute('[data-testid=export-loss]', 'data-embed-code');
    expect(code).toMatch(new RegExp(`^<iframe src="[^"]*#embed=loss&amp;${FAST.replace(/&/g, '&amp;')}" title="[^"]+" width="100%" height="\\d+"`));
    const [full] = await Promise.all([page.waitForEvent('popup'), page.click('[data-testid=embed-open]')]);
    await full.waitForSelector('[data-testid=loss-chart]');
    expect(new URL(full.url()).hash).toBe(`#${FAST}`);
    expect(await full.locator('[data-testid=section-train]').count()).toBe(1);
    expect(await full.locator('[data-testid=section-family]').count()).toBe(1);
    expect(await full.textContent('[data-testid=control-hidden] + output')).toBe('8');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('figure only: no controls and no export menu', async () => {
    const { page } = await open(browser, `embed=loss&figonly=1&${FAST}`);
    await page.waitForSelector('[data-testid=loss-chart]');
    expect(await page.locator('[data-testid=train-play]').count()).toBe(0);
    expect(await page.locator('[data-testid=export-loss]').count()).toBe(0);
    await page.context().close();
  });
});

describe('phase plane', () => {
  it('moves its fixed points in step with the family curve when n and s are dragged, and keeps its network in the URL', async () => {
    const { page, errors } = await open(browser, 'n=1&s=0&panels=family,train');
    await page.waitForSelector('[data-testid=phaseplane-svg]');
    const read = () =>
      page.evaluate(() => ({
        fps: document.querySelector('[data-testid=phaseplane-svg]')?.getAttribute('data-fixed-points') ?? '',
        kinds: Array.from(document.querySelectorAll('[data-testid=phaseplane-fp]')).map((e) => e.getAttribute('data-kind')),
        gamma: document.querySelector('[data-testid=gamma-path]')?.getAttribute('d') ?? '',
        handle: [Number(document.querySelector('[data-testid=pad-handle]')?.getAttribute('data-n')), Number(document.querySelector('[data-testid=pad-handle]')?.getAttribute('data-s'))],
        plane: document.querySelector('[data-testid=phaseplane-svg]')?.getAttribute('aria-label') ?? '',
      }));
    const before = await read();
    expect(before.kinds).toEqual(['saddle']);
    const area = page.locator('[data-testid=pad-area]').first();
    const box = (await area.boundingBox())!;
    const handle = (await page.locator('[data-testid=pad-handle]').first().boundingBox())!;
    const hx = handle.x + handle.width / 2;
    await page.mouse.move(hx, handle.y + handle.height / 2);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(hx, box.y + box.height * (1 - k / 5) + 1);
    await page.mouse.up();
    // The plane is held while off screen and catches up when shown.
    await page.locator('[data-testid=figure-phaseplane]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid=phaseplane-fp]')).length === 3);
    const after = await read();
    expect(after.handle[1]).toBeGreaterThan(0.95);
    expect(after.gamma).not.toBe(before.gamma);
    expect(after.fps).not.toBe(before.fps);
    expect(after.kinds).toEqual(['stable node', 'saddle', 'stable node']);
    const three = (v: number) => String(Number(v.toPrecision(3)));
    expect(after.plane).toContain(`n = ${three(after.handle[0])}, s = ${three(after.handle[1])}`);
    await page.selectOption('[data-testid=figure-phaseplane] select', 'oscillator');
    await page.waitForFunction(() => /(^|[#&])pp=oscillator(&|$)/.test(location.hash));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('exports its data as CSV with the fixed points', async () => {
    const { page } = await open(browser, 'n=4&s=1&panels=family,train');
    await page.waitForSelector('[data-testid=phaseplane-svg]');
    const { bytes } = await exportFile(page, 'phaseplane', 'csv');
    const rows = bytes.toString('utf8').trim().split('\r\n');
    expect(rows[0]).toBe('element,index,h1,h2,kind');
    const fps = rows.filter((r) => r.startsWith('fixed point'));
    expect(fps.length).toBe(await page.locator('[data-testid=phaseplane-fp]').count());
    await page.context().close();
  });
});

describe('touch', () => {
  it('a drag that starts on the pad handle at its default position moves n and s', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl()}#panels=family`);
    const handle = page.locator('[data-testid=family-panel] [data-testid=pad-handle]');
    await handle.scrollIntoViewIfNeeded();
    const h = (await handle.boundingBox())!;
    // Start on the lower half of the handle: it overhangs the plot's bottom edge (s = 0).
    const x = h.x + h.width / 2;
    const y = h.y + h.height * 0.75;
    const cdp = await ctx.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', px: number, py: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: px, y: py }] });
    await touch('touchStart', x, y);
    for (let k = 1; k <= 8; k++) await touch('touchMove', x + 6 * k, y - 14 * k);
    await touch('touchEnd', x, y);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=family-panel] [data-testid=pad-handle]')?.getAttribute('data-s')) > 0.2);
    expect(Number(await handle.getAttribute('data-n'))).toBeGreaterThan(1);
    await ctx.close();
  });
});

describe('details', () => {
  it('the empty loss chart’s tick labels stay clear of its axis title; the portrait legend’s labels clear of their swatches', async () => {
    const { page } = await open(browser, `${FAST}&colorby=time`);
    await showAll(page);
    const clash = await page.evaluate(() => {
      const axis = document.querySelector('[data-testid=loss-y-axis]')!;
      const title = axis.querySelector('[data-testid="axis-label"]')!.getBoundingClientRect();
      return Array.from(axis.querySelectorAll(':scope > g > text')).filter((t) => t.getBoundingClientRect().left < title.right).map((t) => t.textContent);
    });
    expect(clash).toEqual([]);
    await page.click('[data-testid=train-play]');
    await page.waitForSelector('[data-testid=portrait-legend] rect');
    const gaps = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid=portrait-legend] g')).flatMap((g) => {
        const r = g.querySelector('rect')?.getBoundingClientRect();
        const t = g.querySelector('text')?.getBoundingClientRect();
        return r && t && t.width > 0 ? [t.left - r.right] : [];
      }),
    );
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2);
    await page.context().close();
  });
});

describe('motion and colour scheme', () => {
  it('animates new portraits, except once the reader prefers reduced motion', async () => {
    const { page } = await open(browser, FAST, { reducedMotion: 'no-preference' });
    await showAll(page);
    await page.evaluate(() => {
      const w = window as unknown as { __animated: boolean };
      w.__animated = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-animating') === 'true') w.__animated = true;
      }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-animating'] });
    });
    const portraitStep = () => page.evaluate(() => Number(document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-step')));
    /** Waits for a portrait past `after` to arrive and settle; says whether one animated meanwhile. */
    const nextPortrait = async (after: number) => {
      await page.waitForFunction((a) => Number(document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-step')) > a, after, { timeout: 120_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-animating') === 'false');
      return page.evaluate(() => (window as unknown as { __animated: boolean }).__animated);
    };
    await page.click('[data-testid=train-play]');
    // A second portrait arrives after the first evaluation past step 0.
    expect(await nextPortrait(0)).toBe(true);
    // The reader's system asks for reduced motion: the next portrait appears without animating.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.evaluate(() => ((window as unknown as { __animated: boolean }).__animated = false));
    expect(await nextPortrait(await portraitStep())).toBe(false);
    await page.context().close();
  });

  it('follows the dark colour scheme', async () => {
    const { page } = await open(browser, FAST, { colorScheme: 'dark' });
    await page.waitForSelector('[data-testid=loss-chart]');
    const c = await page.evaluate(() => ({
      fig: getComputedStyle(document.querySelector('[data-testid=loss-chart]')!).backgroundColor,
      smooth: getComputedStyle(document.querySelector('[data-testid=loss-smooth]')!).stroke,
      null1: getComputedStyle(document.querySelector('[data-testid=phaseplane-nullcline-1]')!).stroke,
    }));
    expect(c.fig).toBe('rgb(28, 31, 39)');
    expect(c.smooth).toBe('rgb(231, 233, 238)');
    expect(c.null1).toBe('rgb(59, 201, 219)');
    await page.context().close();
  });
});

/**
 * The family section against the production build: sliders, boxes, pad (mouse and keyboard) and
 * readouts stay in step with γ; URLs set and restore state; no console error, nothing leaves the origin.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, open, type OpenedPage } from './browser';
import { gamma, gammaAtZero, gammaGrad, gammaPrimeAtZero } from '../../src/core/gamma';
import { supSlope, nearestLandmark } from '../../src/core/landmarks';
import { parseHash } from '../../src/state/url';

let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});
// Every page opened in a test must end with no console error and no request to another origin.
afterEach(async () => {
  for (const o of opened.splice(0)) {
    expect(o.errors).toEqual([]);
    expect(o.foreign).toEqual([]);
    await o.page.context().close();
  }
});

/** Everything is looked up inside the family section: other sections reuse its controls. */
const fam = (page: Page) => page.locator('[data-testid=family-panel]');

async function openPage(hash = '', width = 1280): Promise<Page> {
  const o = await open(browser, hash, { viewport: { width, height: 900 } });
  opened.push(o);
  await o.page.waitForSelector('[data-testid=gamma-path]');
  return o.page;
}

interface Curve {
  /** Points of the γ path converted back to data coordinates. */
  pts: { x: number; y: number }[];
  /** Data units per pixel on y, for tolerances. */
  yPerPx: number;
  d: string;
}

async function readCurve(page: Page, testId = 'gamma-path'): Promise<Curve> {
  const raw = await page.evaluate((id) => {
    const root = document.querySelector('[data-testid=family-panel]')!;
    const svg = root.querySelector('[data-testid=gamma-svg]')!;
    return {
      d: root.querySelector(`[data-testid=${id}]`)!.getAttribute('d')!,
      plot: svg.getAttribute('data-plot')!,
      xd: svg.getAttribute('data-x-domain')!,
      yd: svg.getAttribute('data-y-domain')!,
      // Derivatives may be drawn against the right-hand axis.
      y2d: id === 'gamma-path' ? null : svg.getAttribute('data-y2-domain'),
    };
  }, testId);
  const [, , iw, ih] = raw.plot.split(',').map(Number);
  const [x0, x1] = raw.xd.split(',').map(Number);
  const [y0, y1] = (raw.y2d ?? raw.yd).split(',').map(Number);
  const nums = raw.d.match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
  const pts: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    pts.push({ x: x0 + (nums[i] / iw) * (x1 - x0), y: y0 + ((ih - nums[i + 1]) / ih) * (y1 - y0) });
  }
  return { pts, yPerPx: (y1 - y0) / ih, d: raw.d };
}

/** n and s as the page holds them (the pad handle carries full-precision values). */
async function readNS(page: Page): Promise<{ n: number; s: number }> {
  const h = fam(page).getByTestId('pad-handle');
  return { n: Number(await h.getAttribute('data-n')), s: Number(await h.getAttribute('data-s')) };
}

function urlState(page: Page) {
  return parseHash(new URL(page.url()).hash).state;
}

/** The drawn curve is γ at (n, s) to within 1.5 px, and every readout matches the closed forms. */
async function expectPageShows(page: Page, n: number, s: number) {
  const c = await readCurve(page);
  expect(c.pts.length).toBeGreaterThan(100);
  let worst = 0;
  for (const p of c.pts) worst = Math.max(worst, Math.abs(p.y - gamma(p.x, n, s)) / c.yPerPx);
  expect(worst).toBeLessThan(1.5);
  const val = async (id: string) => fam(page).getByTestId(id).getAttribute('data-value');
  expect(Number(await val('readout-g0'))).toBeCloseTo(gammaAtZero(n, s), 12);
  expect(Number(await val('readout-gp0'))).toBeCloseTo(gammaPrimeAtZero(n, s), 12);
  expect(Number(await val('readout-sup'))).toBeCloseTo(supSlope(n, s), 12);
  expect(await val('readout-nearest')).toBe(nearestLandmark(n, s).landmark.id);
  expect(await fam(page).getByTestId('readout-g0').textContent()).toBe(gammaAtZero(n, s).toFixed(4));
  expect(await fam(page).getByTestId('readout-expanding').count()).toBe(supSlope(n, s) > 1 ? 1 : 0);
}

/** Drags a range input's thumb with the mouse from its current spot to a fraction of its width. */
async function dragSlider(page: Page, testId: string, to: number) {
  const el = fam(page).getByTestId(testId);
  await el.scrollIntoViewIfNeeded();
  const box = (await el.boundingBox())!;
  const v = await el.evaluate((e) => {
    const i = e as HTMLInputElement;
    return (Number(i.value) - Number(i.min)) / (Number(i.max) - Number(i.min));
  });
  // The thumb's centre moves over the width minus one thumb (≈ 16 px).
  const thumb = 16;
  const xAt = (f: number) => box.x + thumb / 2 + f * (box.width - thumb);
  const y = box.y + box.height / 2;
  await page.mouse.move(xAt(v), y);
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) await page.mouse.move(xAt(v + ((to - v) * k) / 8), y);
  await page.mouse.up();
}

describe('the family section', () => {
  it('loads with the default state drawn correctly and the paper cited', async () => {
    const page = await openPage();
    await expectPageShows(page, 1, 0);
    const link = page.getByTestId('paper-cite').locator('a');
    expect(await link.getAttribute('href')).toBe('https://arxiv.org/abs/2006.12253');
    expect(await page.getByTestId('section-family').count()).toBe(1);
  });

  it('moving the s slider and then the n slider changes the curve and the readouts', async () => {
    const page = await openPage();
    const before = await readCurve(page);
    await dragSlider(page, 's-slider', 0.7);
    const afterS = await readNS(page);
    expect(afterS.s).toBeGreaterThan(0.6);
    expect(afterS.s).toBeLessThan(0.8);
    expect(afterS.n).toBe(1);
    const curveS = await readCurve(page);
    expect(curveS.d).not.toBe(before.d);
    await expectPageShows(page, afterS.n, afterS.s);
    expect(await fam(page).getByTestId('s-field').inputValue()).toBe(String(afterS.s));

    await dragSlider(page, 'n-slider', 0.9); // log scale: n ≈ 10^(−1 + 2.7) ≈ 50
    const afterN = await readNS(page);
    expect(afterN.n).toBeGreaterThan(25);
    expect(afterN.n).toBeLessThan(100);
    expect(afterN.s).toBe(afterS.s);
    expect((await readCurve(page)).d).not.toBe(curveS.d);
    await expectPageShows(page, afterN.n, afterN.s);
    // The commit at the end of each drag writes the URL.
    await expect.poll(() => urlState(page)).toMatchObject({ n: afterN.n, s: afterN.s });
  });

  it('dragging the pad with the mouse moves the handle, the curve and the readouts to the pointer', async () => {
    const page = await openPage();
    const before = await readCurve(page);
    const svg = fam(page).getByTestId('pad-svg');
    const box = (await svg.boundingBox())!;
    const [left, top, iw, ih] = (await svg.getAttribute('data-plot'))!.split(',').map(Number);
    const at = (n: number, s: number) => ({
      x: box.x + left + ((Math.log10(n) + 1) / 3) * iw,
      y: box.y + top + (1 - s) * ih,
    });
    const start = at(1, 0);
    const end = at(10, 0.6);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(start.x + ((end.x - start.x) * k) / 10, start.y + ((end.y - start.y) * k) / 10);
    await page.mouse.up();
    const ns = await readNS(page);
    expect(Math.abs(Math.log10(ns.n) - 1)).toBeLessThan(3 / iw + 0.003); // one pixel plus rounding
    expect(Math.abs(ns.s - 0.6)).toBeLessThan(1.5 / ih + 0.001);
    expect((await readCurve(page)).d).not.toBe(before.d);
    await expectPageShows(page, ns.n, ns.s);
    expect(await fam(page).getByTestId('readout-expanding').count()).toBe(1); // (10, 0.6) is above s = 1/(√10 − 1)²
    expect(await fam(page).getByTestId('n-field').inputValue()).toBe(String(ns.n));
    await expect.poll(() => urlState(page)).toMatchObject({ n: ns.n, s: ns.s });
  });

  it('arrow keys on the focused pad handle move it (Shift: bigger steps)', async () => {
    const page = await openPage('n=2&s=0.5');
    const handle = fam(page).getByTestId('pad-handle');
    await handle.focus();
    const t0 = await handle.getAttribute('transform');
    await page.keyboard.press('ArrowRight');
    expect((await readNS(page)).n).toBeCloseTo(Number((2 * 10 ** 0.02).toPrecision(3)), 10);
    await page.keyboard.press('ArrowUp');
    expect((await readNS(page)).s).toBeCloseTo(0.51, 10);
    await page.keyboard.press('Shift+ArrowDown');
    expect((await readNS(page)).s).toBeCloseTo(0.41, 10);
    await page.keyboard.press('Shift+ArrowLeft');
    const ns = await readNS(page);
    expect(ns.n).toBeCloseTo(Number((Number((2 * 10 ** 0.02).toPrecision(3)) * 10 ** -0.2).toPrecision(3)), 10);
    expect(await handle.getAttribute('transform')).not.toBe(t0);
    expect(await handle.getAttribute('aria-valuetext')).toContain('saturation s 0.410');
    await expectPageShows(page, ns.n, ns.s);
  });

  it('#n=50&s=0 draws a ReLU-like curve', async () => {
    const page = await openPage('n=50&s=0');
    const c = await readCurve(page);
    // γ − max(0, x) lies in [0, ln2/n] for s = 0; allow 1.5 px of drawing on top.
    const tol = Math.LN2 / 50 + 1.5 * c.yPerPx;
    for (const p of c.pts) expect(Math.abs(p.y - Math.max(0, p.x))).toBeLessThan(tol);
    expect(await fam(page).getByTestId('readout-nearest').getAttribute('data-value')).toBe('relu');
  });

  it('#n=abc&s=7 shows what was wrong and uses s = 1 and the default n', async () => {
    const page = await openPage('n=abc&s=7');
    const notes = page.getByTestId('url-notes');
    await expect.poll(() => notes.textContent()).toContain('n = abc is not a number; using 1');
    expect(await notes.textContent()).toContain('s = 7 is outside [0, 1]; using 1');
    expect(await readNS(page)).toEqual({ n: 1, s: 1 });
    expect(await fam(page).getByTestId('s-field').inputValue()).toBe('1');
    expect(await fam(page).getByTestId('n-field').inputValue()).toBe('1');
    await expectPageShows(page, 1, 1);
    await page.getByTestId('url-notes-dismiss').click();
    expect(await notes.count()).toBe(0);
  });

  it('back and forward restore n and s', async () => {
    const page = await openPage();
    const field = async (id: string, v: string) => {
      await fam(page).getByTestId(id).fill(v);
      await fam(page).getByTestId(id).press('Enter');
    };
    await field('n-field', '5');
    await field('s-field', '0.4');
    await dragSlider(page, 's-slider', 0.9);
    const dragged = await readNS(page);
    expect(dragged.s).toBeGreaterThan(0.8);
    await page.goBack();
    await expect.poll(() => readNS(page)).toEqual({ n: 5, s: 0.4 });
    await page.goBack();
    await expect.poll(() => readNS(page)).toEqual({ n: 5, s: 0 });
    await expectPageShows(page, 5, 0);
    await page.goBack();
    await expect.poll(() => readNS(page)).toEqual({ n: 1, s: 0 });
    await page.goForward();
    await expect.poll(() => readNS(page)).toEqual({ n: 5, s: 0 });
    expect(await fam(page).getByTestId('n-field').inputValue()).toBe('5');
    await page.goForward();
    await page.goForward();
    await expect.poll(() => readNS(page)).toEqual(dragged);
  });

  it('overlay switches draw the derivatives and go into the URL', async () => {
    const page = await openPage('n=3&s=0.5');
    expect(await fam(page).getByTestId('gamma-dx').count()).toBe(0);
    await fam(page).getByTestId('toggle-dx').check();
    await fam(page).getByTestId('toggle-ds').check();
    await fam(page).getByTestId('toggle-ghosts').uncheck();
    expect(await fam(page).getByTestId('gamma-dx').count()).toBe(1);
    expect(await fam(page).getByTestId('gamma-ds').count()).toBe(1);
    expect(await fam(page).getByTestId('gamma-ghosts').count()).toBe(0);
    expect(urlState(page).show).toEqual(['dx', 'ds']);
    // Each overlay is the analytic derivative, on whichever axis it is drawn against, to 1.5 px.
    for (const key of ['dx', 'ds'] as const) {
      const c = await readCurve(page, `gamma-${key}`);
      let worst = 0;
      for (const p of c.pts) worst = Math.max(worst, Math.abs(p.y - gammaGrad(p.x, 3, 0.5)[key]) / c.yPerPx);
      expect(worst, key).toBeLessThan(1.5);
    }
  });

  it('hovering the chart reads out x and the values there; Ctrl + wheel zooms x', async () => {
    const page = await openPage('n=4&s=0.5');
    const svg = fam(page).getByTestId('gamma-svg');
    const box = (await svg.boundingBox())!;
    const [left, top, iw, ih] = (await svg.getAttribute('data-plot'))!.split(',').map(Number);
    await page.mouse.move(box.x + left + 0.75 * iw, box.y + top + ih / 2); // x = 2 on [−4, 4]
    const text = (await fam(page).getByTestId('gamma-hover').textContent())!;
    const x = Number(/x = (−?[\d.]+)/.exec(text)![1].replace('−', '-'));
    expect(Math.abs(x - 2)).toBeLessThan(8 / iw + 1e-3);
    const g = Number(/γ = ([\d.]+)/.exec(text)![1]);
    expect(g).toBeCloseTo(gamma(x, 4, 0.5), 4);
    await page.mouse.move(box.x + 2, box.y + 2);
    expect(await fam(page).getByTestId('gamma-hover').count()).toBe(0);

    await page.mouse.move(box.x + left + iw / 2, box.y + top + ih / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(() => urlState(page).xr).toBeLessThan(4);
    const xd = (await svg.getAttribute('data-x-domain'))!.split(',').map(Number);
    expect(xd[1]).toBe(urlState(page).xr);
  });

  it('has no horizontal overflow at 375 px', async () => {
    const page = await openPage('', 375);
    const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
    await expectPageShows(page, 1, 0);
  });

  it('#embed=gamma and #embed=pad render one figure with a link back carrying the state', async () => {
    for (const fig of ['gamma', 'pad'] as const) {
      const o = await open(browser, `n=4&s=0.25&embed=${fig}`);
      opened.push(o);
      const { page } = o;
      await page.waitForSelector(`[data-testid=figure-${fig}]`);
      expect(await page.locator('section').count()).toBe(0);
      expect(await page.locator('[data-testid^=figure-]').count()).toBe(1);
      const href = await page.getByTestId('embed-open').getAttribute('href');
      expect(parseHash(href!).state).toMatchObject({ n: 4, s: 0.25, embed: '' });
      expect(href).not.toContain('embed');
    }
  });
});

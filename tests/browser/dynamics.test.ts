/**
 * The Dynamics section in the built page: λ₁ across training gains points while a small run
 * trains; once paused, the spectrum (with its convergence), the gradient reach and the run's MI
 * are drawn with numbers from its final weights; the two (n, s) maps complete in the background
 * worker with the sup γ′ = 1 curve, and the gradient map's contour at 1 where the values cross it
 * (N = 8 has no cell above 1 at seed 1; N = 32, embedded alone, has).
 * Every wait is on a condition, never a fixed time.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, open } from './browser';

/** A small, fast run (8 neurons, batch 4, MNIST rows) on wasm, started from the Dynamics section alone. */
const FAST = 'hidden=8&batch=4&backend=wasm&panels=dynamics';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const attr = (page: Page, sel: string, name: string) => page.getAttribute(sel, name);
const num = async (page: Page, sel: string, name: string) => Number(await attr(page, sel, name));

/** Resolves when `sel` has attribute `name` ≥ `min` (as a number). */
async function attrAtLeast(page: Page, sel: string, name: string, min: number, timeout = 90_000): Promise<void> {
  await page.waitForFunction(([s, n, m]) => Number(document.querySelector(s as string)?.getAttribute(n as string)) >= (m as number), [sel, name, min] as const, { timeout });
}

describe('Dynamics section', () => {
  it('follows a training run: λ₁ across training, then the spectrum, gradient reach and MI of its weights, and both maps', async () => {
    const { page, errors, foreign } = await open(browser, FAST);
    try {
      await page.waitForSelector('[data-testid=dynamics-no-run]');
      // Every figure on screen at once (each computes only while visible).
      await page.setViewportSize({ width: 1280, height: (await page.evaluate(() => document.documentElement.scrollHeight)) + 400 });
      await page.click('[data-testid=dynamics-train]');
      await page.waitForSelector('[data-testid=dynamics-runbar][data-status=running]', { timeout: 60_000 });

      // λ₁ across training: a first estimate, then another while the run goes on training (they
      // come with test evaluations, at most every 2 s, less often on a loaded machine).
      await attrAtLeast(page, '[data-testid=lyapunov-svg]', 'data-points', 1);
      const early = await num(page, '[data-testid=lyapunov-svg]', 'data-points');
      const line = await attr(page, '[data-testid=lyapunov-line]', 'd');
      await attrAtLeast(page, '[data-testid=lyapunov-svg]', 'data-points', early + 1);
      expect(await attr(page, '[data-testid=dynamics-runbar]', 'data-status')).toBe('running');
      expect(await attr(page, '[data-testid=lyapunov-line]', 'd')).not.toBe(line);
      expect((await attr(page, '[data-testid=lyapunov-line]', 'd'))?.split('L').length).toBeGreaterThanOrEqual(early + 1);
      expect(await attr(page, '[data-testid=lyapunov-zero]', 'y1')).toMatch(/^\d/);
      const now = await page.textContent('[data-testid=lyapunov-now]');
      expect(now).toMatch(/λ₁ = −?\d\.\d{3} bits per step \(step \d+\)/);

      // Paused: the final weights arrive in a checkpoint and every analysis of them completes.
      await page.click('[data-testid=dynamics-pause]');
      await page.waitForSelector('[data-testid=dynamics-runbar][data-status=paused]');
      // The analysed weights are those of the step the run stopped at (the last chunk may still land after the pause).
      const ofStep = (fig: string) => `[data-testid=${fig}-status] [data-testid=weights-step]`;
      const analysedFinal = (fig: string) =>
        page.waitForFunction((sel) => {
          const shown = document.querySelector(sel)?.textContent;
          return !!shown && shown === document.querySelector('[data-testid=dynamics-step]')?.textContent;
        }, ofStep(fig), { timeout: 60_000 });
      await analysedFinal('spectrum');
      const step = Number(await page.textContent('[data-testid=dynamics-step]'));
      expect(step).toBeGreaterThan(0);
      await page.waitForSelector('[data-testid=spectrum-chart][data-complete="1"]');
      expect(await num(page, '[data-testid=spectrum-svg]', 'data-k')).toBe(8);
      const lambda1 = await num(page, '[data-testid=spectrum-first]', 'data-value');
      expect(Number.isFinite(lambda1)).toBe(true);
      expect(Math.abs(lambda1)).toBeLessThan(20);
      expect(await page.textContent('[data-testid=spectrum-numbers]')).toMatch(/λ₁ = −?\d\.\d{3} bits per step · \d of 8 exponents positive/);
      expect(await num(page, '[data-testid=convergence-svg]', 'data-points')).toBeGreaterThanOrEqual(20);

      await analysedFinal('gradients');
      expect(Number(await page.textContent(ofStep('gradients')))).toBe(step);
      const stepNorm = await num(page, '[data-testid=gradients-numbers]', 'data-step-norm');
      expect(stepNorm).toBeGreaterThan(0);
      expect(stepNorm).toBeLessThan(10);
      // Lags 0 … 28 (rows: 28 steps), a median line through all of them, starting at norm 1.
      expect(await num(page, '[data-testid=gradients-chart]', 'data-lags')).toBe(29);
      expect((await attr(page, '[data-testid=gradients-line]', 'd'))?.split('L').length).toBe(29);

      // The maps: complete, one coloured cell per grid point, the sup γ′ = 1 curve, and the run on top.
      for (const map of ['gradmap', 'mimap']) {
        await page.waitForSelector(`[data-testid=${map}-progress][data-complete="1"]`, { timeout: 90_000 });
        expect(await page.locator(`[data-testid=${map}-layer-cells] rect`).count()).toBe(200);
        expect((await attr(page, `[data-testid=${map}-layer-unit-slope]`, 'd'))?.length).toBeGreaterThan(100);
        expect(await page.locator(`[data-testid=${map}-marks-now]`).count()).toBe(1);
      }
      // N = 8 at seed 1: no cell reaches a step norm of 1, so the contour at 1 is empty — as the data say.
      const gradCsv = await exportCsv(page, 'gradmap');
      const norms = csvColumn(gradCsv, 'mean_step_jacobian_norm');
      expect(norms).toHaveLength(200);
      expect(norms.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
      expect(Math.max(...norms)).toBeLessThan(1);
      expect(await attr(page, '[data-testid=gradmap-layer-contour]', 'd')).toBe('');
      const bits = await num(page, '[data-testid=mimap-run-bits]', 'data-bits');
      expect(Number.isFinite(bits)).toBe(true);
      expect(await page.textContent('[data-testid=mimap-run]')).toMatch(/≈ \d+\.\d\d bits from \d+ samples/);
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('embeds the gradient map alone; at N = 32 its contour at 1 runs where the norm crosses 1', async () => {
    const { page, errors } = await open(browser, 'embed=gradmap&hidden=32');
    try {
      await page.waitForSelector('[data-testid=gradmap-progress][data-complete="1"]', { timeout: 60_000 });
      const d = (await attr(page, '[data-testid=gradmap-layer-contour]', 'd')) ?? '';
      expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+/);
      // Where the line runs, cells on either side are below and above 1: check it against the CSV.
      const norms = csvColumn(await exportCsv(page, 'gradmap'), 'mean_step_jacobian_norm');
      expect(Math.max(...norms)).toBeGreaterThan(1);
      expect(Math.min(...norms)).toBeLessThan(1);
      // The line lies in the pad's right half (n ≳ 3): at low gain every cell is far below 1.
      const plot = ((await attr(page, '[data-testid=pad-svg]', 'data-plot')) ?? '').split(',').map(Number);
      const xs = [...d.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
      expect(Math.min(...xs)).toBeGreaterThan(plot[2] / 2);
      // No run in an embed: the pad shows where a new run would start, and the run bar offers one.
      expect(await page.locator('[data-testid=pad-handle]').count()).toBe(1);
      expect(await page.locator('[data-testid=dynamics-train]').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

/** Downloads a figure's CSV through its export menu. */
async function exportCsv(page: Page, name: string): Promise<string> {
  await page.click(`[data-testid=export-${name}] > summary`);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${name}-csv]`)]);
  const text = await readFile(await dl.path(), 'utf8');
  await page.click(`[data-testid=export-${name}] > summary`);
  return text;
}

/** The numbers of one column of a CSV (settings lines start with '#'). */
function csvColumn(csv: string, column: string): number[] {
  const lines = csv.split('\r\n').filter((l) => l && !l.startsWith('#'));
  const i = lines[0].split(',').indexOf(column);
  if (i < 0) throw new Error(`no column ${column} in ${lines[0]}`);
  return lines.slice(1).map((l) => Number(l.split(',')[i]));
}

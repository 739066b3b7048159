/**
 * What the browser tests share: the small run they train, conditions they wait on (never fixed
 * sleeps: a step reached, a status shown, the training worker present, the page settled after a
 * command), and an export menu's download.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Worker } from 'playwright-core';

/** A small, fast run: 8 neurons, batch 4, MNIST by rows (28 steps, the default task), on wasm. */
export const FAST_RUN = 'hidden=8&batch=4&backend=wasm&panels=family,train';

export const text = async (page: Page, id: string) => (await page.textContent(`[data-testid=${id}]`)) ?? '';
export const stepOf = async (page: Page) => Number(await text(page, 'status-step'));
export const statusOf = (page: Page) => page.getAttribute('[data-testid=status-value]', 'data-status');
export const lossPoints = async (page: Page) => Number((await page.getAttribute('[data-testid=loss-svg]', 'data-points')) ?? 0);

/**
 * Makes the viewport as tall as the page, so every figure is on screen (figures off screen hold
 * still until shown).
 */
export async function showAll(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=train-panel], [data-testid=compare-section], [data-testid^=embed-]');
  const width = page.viewportSize()?.width ?? 1280;
  await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight + 100) });
}

/** Waits until the Train section's step counter reaches `step`. */
export async function waitStep(page: Page, step: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=status-step]')?.textContent) >= n, step, { timeout, polling: 50 });
}

/** Waits until the Train section's status is `status` (its data-status attribute). */
export async function waitStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page.waitForSelector(`[data-testid=status-value][data-status=${status}]`, { timeout });
}

/**
 * Waits until the loss chart has drawn every step up to the counter's `step` (the chart redraws on
 * its own clock, after the counter: read its point count only once it has caught up).
 */
export async function waitChartStep(page: Page, step: number, timeout = 30_000): Promise<void> {
  // The counter counts steps done; the chart's axis ends at the last step done, step − 1.
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=loss-svg]')?.getAttribute('data-step')) >= n - 1, step, { timeout, polling: 50 });
}

/** Waits until the worker has sent a checkpoint at or after `step` (shown on the step counter). */
export async function waitCheckpoint(page: Page, step: number, timeout = 60_000): Promise<number> {
  const h = await page.waitForFunction(
    (n) => {
      const c = Number(document.querySelector('[data-testid=status-step]')?.getAttribute('data-checkpoint'));
      return Number.isFinite(c) && c >= n ? c : false;
    },
    step,
    { timeout, polling: 50 },
  );
  return Number(await h.jsonValue());
}

/** The page's training worker (a restart replaces it), once it exists. */
export async function trainingWorker(page: Page, not?: Worker): Promise<Worker> {
  // The newest one: a worker the client just replaced may still be listed until it closes.
  const found = page.workers().filter((w) => w.url().includes('training.worker') && w !== not).at(-1);
  if (found) return found;
  return page.waitForEvent('worker', { predicate: (w) => w.url().includes('training.worker') && w !== not, timeout: 60_000 });
}

/**
 * Records every status the panel shows, every step and every loss-point count, from now on (a
 * MutationObserver sees each render, not just the moments the test polls).
 */
export async function watch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: { status: string[]; step: number[]; points: number[] } };
    w.__seen = { status: [], step: [], points: [] };
    const read = () => {
      const st = document.querySelector('[data-testid=status-value]');
      const step = document.querySelector('[data-testid=status-step]');
      const svg = document.querySelector('[data-testid=loss-svg]');
      if (st) w.__seen.status.push(st.getAttribute('data-status') ?? '');
      if (step) w.__seen.step.push(Number(step.textContent));
      if (svg) w.__seen.points.push(Number(svg.getAttribute('data-points')));
    };
    new MutationObserver(read).observe(document.querySelector('[data-testid=train-panel]') as Node, { subtree: true, attributes: true, childList: true, characterData: true });
    read();
  });
}

export function seen(page: Page): Promise<{ status: string[]; step: number[]; points: number[] }> {
  return page.evaluate(() => (window as unknown as { __seen: { status: string[]; step: number[]; points: number[] } }).__seen);
}

export function nonDecreasing(xs: number[]): boolean {
  return xs.every((x, i) => i === 0 || x >= xs[i - 1]);
}

/** Throws inside the worker, outside any handler: the worker's 'error' event reaches the page. */
export async function crashWorker(w: Worker): Promise<void> {
  await w.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  });
}

/** Steps the Train section's run by exactly `tens` × 10 with the +10 button; waits until done. */
export async function stepTens(page: Page, tens: number): Promise<void> {
  for (let k = 1; k <= tens; k++) {
    await page.click('[data-testid=train-step10]');
    await waitStep(page, 10 * k);
  }
}

/** Opens a figure's export menu, downloads one format and returns the file's bytes and name. */
export async function exportFile(page: Page, name: string, kind: 'svg' | 'png' | 'csv'): Promise<{ bytes: Buffer; file: string }> {
  await page.click(`[data-testid=export-${name}] > summary`);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${name}-${kind}]`)]);
  const path = await dl.path();
  await page.click(`[data-testid=export-${name}] > summary`);
  return { bytes: await readFile(path), file: dl.suggestedFilename() };
}

/**
 * Failures a reader can meet, through the real page (index.html): the training worker crashes,
 * the GPU backend breaks mid-run or is missing, training diverges, the URL holds nonsense. Each
 * must leave a readable notice, an exact status and the history drawn so far.
 *
 * Faults are caused from outside the page, through Playwright's handle on the training worker:
 * an uncaught error thrown inside it is a real crash (the page's client sees the worker's 'error'
 * event), and a '__fault' control message dispatched inside it goes through the worker's own
 * message handler. The page itself carries no test hook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { launch, open } from './browser';

/** Small and fast: 8 neurons, batch 4, MNIST by rows; wasm unless a test says otherwise. */
const SMALL = 'hidden=8&batch=4';

let browser: Browser;
let gpuBrowser: Browser;
beforeAll(async () => {
  browser = await launch();
  gpuBrowser = await launch({ webgpu: true });
});
afterAll(async () => {
  await browser.close();
  await gpuBrowser.close();
});

const text = async (page: Page, id: string) => (await page.textContent(`[data-testid=${id}]`)) ?? '';
const stepOf = async (page: Page) => Number(await text(page, 'status-step'));
const statusOf = (page: Page) => page.getAttribute('[data-testid=status-value]', 'data-status');
const lossPoints = async (page: Page) => Number((await page.getAttribute('[data-testid=loss-svg]', 'data-points')) ?? 0);

async function waitStep(page: Page, step: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=status-step]')?.textContent) >= n, step, { timeout, polling: 100 });
}

/** The page's training worker (the one a restart replaces), once it exists. */
async function trainingWorker(page: Page, not?: Worker): Promise<Worker> {
  for (let i = 0; i < 300; i++) {
    const w = page.workers().find((x) => x.url().includes('training.worker') && x !== not);
    if (w) return w;
    await page.waitForTimeout(100);
  }
  throw new Error('no training worker');
}

/**
 * Records every status the panel shows, every step and every loss-point count, from now on
 * (a MutationObserver sees each render, not just the moments the test polls).
 */
async function watch(page: Page): Promise<void> {
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

function seen(page: Page): Promise<{ status: string[]; step: number[]; points: number[] }> {
  return page.evaluate(() => (window as unknown as { __seen: { status: string[]; step: number[]; points: number[] } }).__seen);
}

function nonDecreasing(xs: number[]): boolean {
  return xs.every((x, i) => i === 0 || x >= xs[i - 1]);
}

/** Throws inside the worker, outside any handler: the worker's 'error' event reaches the page. */
async function crashWorker(w: Worker): Promise<void> {
  await w.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  });
}

describe('the training worker crashes', () => {
  it('while running: notice, no false idle, continues from the checkpoint with the loss points kept', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=wasm`);
    await page.click('[data-testid=train-play]');
    const worker = await trainingWorker(page);
    await waitStep(page, 20);
    // Checkpoints are written every 3 s of training.
    await page.waitForTimeout(3500);
    await watch(page);
    const before = await stepOf(page);
    const pointsBefore = await lossPoints(page);
    expect(pointsBefore).toBeGreaterThan(10);

    await crashWorker(worker);
    const notice = await page.waitForSelector('[data-testid=notice-crash]', { timeout: 20_000 });
    const m = /^The training worker crashed \(.*simulated crash.*\) and was restarted at step (\d+); history kept\.$/.exec((await notice.textContent()) ?? '');
    expect(m).not.toBeNull();
    const restartedAt = Number(m![1]);
    expect(restartedAt).toBeGreaterThan(0);
    expect(restartedAt).toBeLessThanOrEqual(before);
    await trainingWorker(page, worker);

    await waitStep(page, before + 30);
    expect(await statusOf(page)).toBe('running');
    const s = await seen(page);
    expect(s.status.filter((x) => x !== 'running')).toEqual([]);
    expect(nonDecreasing(s.step)).toBe(true);
    expect(nonDecreasing(s.points)).toBe(true);
    expect(Math.min(...s.points)).toBeGreaterThanOrEqual(pointsBefore);
    // The notice stays while training goes on.
    expect(await page.locator('[data-testid=notice-crash]').count()).toBe(1);

    // The MNIST baseline is the class prior of the real digits (below ln 10, above 10 %).
    const chance = Number(await page.getAttribute('[data-testid=loss-chance]', 'data-value'));
    expect(chance).toBeLessThan(Math.log(10) - 1e-4);
    expect(chance).toBeGreaterThan(2.2);
    expect(Number(await page.getAttribute('[data-testid=acc-chance]', 'data-value'))).toBeGreaterThan(0.1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('while paused: stays paused (never idle) at the same step, and plays on from there', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=wasm`);
    await page.click('[data-testid=train-play]');
    const worker = await trainingWorker(page);
    await waitStep(page, 15);
    await page.click('[data-testid=train-pause]');
    await page.waitForSelector('[data-testid=status-value][data-status=paused]', { timeout: 60_000 });
    await page.waitForTimeout(500);
    const at = await stepOf(page);
    const points = await lossPoints(page);
    await watch(page);

    await crashWorker(worker);
    const notice = await page.waitForSelector('[data-testid=notice-crash]', { timeout: 20_000 });
    // Pausing writes a checkpoint, so the restart is at exactly the paused step.
    expect(await notice.textContent()).toContain(`restarted at step ${at}; history kept`);
    await trainingWorker(page, worker);
    await page.waitForTimeout(2000);
    expect(new Set((await seen(page)).status)).toEqual(new Set(['paused']));
    expect(await stepOf(page)).toBe(at);
    expect(await lossPoints(page)).toBe(points);

    await page.click('[data-testid=train-play]');
    await waitStep(page, at + 20);
    const s = await seen(page);
    expect(nonDecreasing(s.step)).toBe(true);
    expect(Math.min(...s.points)).toBeGreaterThanOrEqual(points);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the backend', () => {
  it('breaks mid-run (WebGPU device lost): continues on wasm from its checkpoint, says so, keeps the history', async () => {
    const { page, errors } = await open(gpuBrowser, `${SMALL}&backend=webgpu`);
    await page.click('[data-testid=train-play]');
    const worker = await trainingWorker(page);
    await page.waitForFunction(() => document.querySelector('[data-testid=status-backend]')?.textContent?.startsWith('webgpu'), undefined, { timeout: 120_000 });
    await waitStep(page, 3, 120_000);
    await page.waitForTimeout(3500);
    await watch(page);
    const before = await stepOf(page);
    const points = await lossPoints(page);

    await worker.evaluate(() => self.dispatchEvent(new MessageEvent('message', { data: { type: '__fault', kind: 'device-lost' } })));
    const notice = await page.waitForSelector('[data-testid=notice-fallback]', { timeout: 60_000 });
    const m = /^WebGPU failed at step (\d+) \(device lost \(injected fault\)\); continued on wasm from step (\d+)\.$/.exec((await notice.textContent()) ?? '');
    expect(m).not.toBeNull();
    const failed = Number(m![1]);
    const resumed = Number(m![2]);
    expect(failed).toBeGreaterThanOrEqual(before);
    expect(resumed).toBeGreaterThan(0);
    expect(resumed).toBeLessThanOrEqual(failed);
    expect(await text(page, 'status-backend')).toMatch(/^wasm \(fell back from webgpu\)/);

    await waitStep(page, failed + 30);
    expect(await statusOf(page)).toBe('running');
    const s = await seen(page);
    expect(s.status.filter((x) => x !== 'running')).toEqual([]);
    expect(nonDecreasing(s.step)).toBe(true);
    expect(nonDecreasing(s.points)).toBe(true);
    expect(Math.min(...s.points)).toBeGreaterThanOrEqual(points);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('forced but unavailable (WebGPU without the flag): trains on wasm and says why', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=webgpu`);
    await page.click('[data-testid=train-play]');
    const notice = await page.waitForSelector('[data-testid=notice-forced-backend]', { timeout: 60_000 });
    expect(await notice.textContent()).toMatch(
      /^WebGPU was asked for but is not available here \((this browser exposes no WebGPU|WebGPU is present but offers no adapter)[^)]*\)*; training on wasm instead\.$/,
    );
    expect(await text(page, 'status-backend')).toBe('wasm');
    await waitStep(page, 10);
    expect(await statusOf(page)).toBe('running');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('divergence', () => {
  /** Trains a little at the default rate, then drags the lr slider to its top (100). */
  async function divergeMidRun(page: Page): Promise<number> {
    await page.click('[data-testid=train-play]');
    await waitStep(page, 20);
    await page.focus('[data-testid=control-lr]');
    await page.keyboard.press('End');
    expect(await page.textContent('[data-testid=control-lr] + output')).toBe('100');
    await page.waitForSelector('[data-testid=notice-diverged]', { timeout: 60_000 });
    expect(await statusOf(page)).toBe('diverged');
    expect(await text(page, 'notice-diverged')).toMatch(/(became (NaN|infinite|NaN or infinite)|exploded to \S+ \(over 100 times the \S+ of guessing\)) (at|by) step \d+ with learning rate 100/);
    return lossPoints(page);
  }

  it('raising the lr mid-run pauses with the reason; "lower and resume" trains on with the history kept', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=wasm&clip=0&constrain=0`);
    const points = await divergeMidRun(page);
    const divergedAt = await stepOf(page);
    await watch(page);
    // Each click divides the rate by ten (and may diverge again, later): a healthy rate is
    // reached within a few clicks, after which the run trains on.
    let clicks = 0;
    const t0 = Date.now();
    while (!((await statusOf(page)) === 'running' && (await stepOf(page)) >= divergedAt + 40)) {
      expect(Date.now() - t0).toBeLessThan(120_000);
      if ((await statusOf(page)) === 'diverged') {
        expect(++clicks).toBeLessThanOrEqual(6);
        await page.click('[data-testid=diverged-lower-lr]');
      }
      await page.waitForTimeout(300);
    }
    expect(clicks).toBeGreaterThanOrEqual(1);
    const lr = Number(new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('lr'));
    expect(lr).toBeCloseTo(100 / 10 ** clicks, 8);
    expect(await page.locator('[data-testid=notice-diverged]').count()).toBe(0);
    const s = await seen(page);
    expect(nonDecreasing(s.step)).toBe(true);
    expect(Math.min(...s.points)).toBeGreaterThanOrEqual(points);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('"reset" starts the run over from step 0', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=wasm&clip=0&constrain=0`);
    await divergeMidRun(page);
    await page.click('[data-testid=diverged-reset]');
    await page.waitForSelector('[data-testid=status-value][data-status=idle]');
    expect(await stepOf(page)).toBe(0);
    expect(await page.locator('[data-testid=notice-diverged]').count()).toBe(0);
    expect(await lossPoints(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a malformed URL', () => {
  it('is explained, replaced by usable values shown in the controls, and training still starts', async () => {
    const { page, errors } = await open(browser, 'task=zzz&hidden=-5&lr=abc&backend=tpu&seed=1e99&batch=4');
    const notes = (await text(page, 'url-notes')).replace(/\s+/g, ' ');
    expect(notes).toContain('task = zzz is not one of');
    expect(notes).toContain('hidden = -5 is outside [2, 256]; using 2');
    expect(notes).toContain('lr = abc is not a number; using 0.003');
    expect(notes).toContain('backend = tpu is not one of');
    expect(notes).toContain('seed = 1e99 is outside [0, 2147483647]; using 2147483647');
    expect(await page.inputValue('[data-testid=control-task]')).toBe('rows');
    expect(await page.textContent('[data-testid=control-hidden] + output')).toBe('2');
    expect(await page.textContent('[data-testid=control-lr] + output')).toBe('0.003');
    expect(await page.inputValue('[data-testid=control-backend]')).toBe('auto');
    expect(await page.inputValue('[data-testid=control-seed]')).toBe('2147483647');
    await page.click('[data-testid=train-play]');
    await waitStep(page, 5);
    expect(await statusOf(page)).toBe('running');
    expect(await text(page, 'status-backend')).toMatch(/^(wasm|cpu|webgl)/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/**
 * Failures a reader can meet, through the real page (index.html): the training worker crashes,
 * the GPU backend breaks mid-run or is missing, training diverges, the URL holds nonsense, a
 * setting is too large for this machine. Each must leave a readable notice, an exact status and
 * the history drawn so far.
 *
 * Faults are caused from outside the page, through Playwright's handle on the training worker: an
 * uncaught error thrown inside it is a real crash (the page's client sees the worker's 'error'
 * event), and a '__fault' control message dispatched inside it goes through the worker's own
 * message handler. The page itself carries no test hook. Every wait is on a condition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, open } from './browser';
import { crashWorker, lossPoints, showAll, nonDecreasing, seen, statusOf, stepOf, stepTens, text, trainingWorker, waitChartStep, waitCheckpoint, waitStatus, waitStep, watch } from './pageHelpers';

/** Small and fast: 8 neurons, batch 4, MNIST by rows; wasm unless a test says otherwise. */
const SMALL = 'hidden=8&batch=4&panels=train';

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

describe('the training worker crashes', () => {
  it('while running: notice, no false idle, continues from the checkpoint with the loss points kept', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=wasm`);
    await showAll(page);
    await page.click('[data-testid=train-play]');
    const worker = await trainingWorker(page);
    await waitStep(page, 20);
    // Checkpoints come every few seconds of training: wait for one past step 0.
    const checkpointBefore = await waitCheckpoint(page, 1);
    // Read before watching: the watch's first reading is then at least these.
    const before = await stepOf(page);
    const pointsBefore = await lossPoints(page);
    await watch(page);
    expect(pointsBefore).toBeGreaterThan(10);

    await crashWorker(worker);
    const notice = await page.waitForSelector('[data-testid=notice-crash]', { timeout: 20_000 });
    const m = /^The training worker crashed \(.*simulated crash.*\) and was restarted at step (\d+); history kept\.$/.exec((await notice.textContent()) ?? '');
    expect(m).not.toBeNull();
    const restartedAt = Number(m![1]);
    // From the newest checkpoint: at or after the one seen before the crash (the step counter on
    // the page lags the worker, so it bounds nothing).
    expect(restartedAt).toBeGreaterThanOrEqual(checkpointBefore);
    await trainingWorker(page, worker);

    await waitStep(page, before + 30);
    expect(await statusOf(page)).toBe('running');
    const s = await seen(page);
    expect(s.status.filter((x) => x !== 'running')).toEqual([]);
    expect(nonDecreasing(s.step), `steps seen: ${s.step.join(' ')}`).toBe(true);
    expect(nonDecreasing(s.points), `loss-point counts seen: ${s.points.join(' ')}`).toBe(true);
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
    await showAll(page);
    await page.click('[data-testid=train-play]');
    const worker = await trainingWorker(page);
    await waitStep(page, 15);
    await page.click('[data-testid=train-pause]');
    await waitStatus(page, 'paused');
    // Pausing writes a checkpoint of the paused step.
    const at = await waitCheckpoint(page, 15);
    expect(await stepOf(page)).toBe(at);
    await waitChartStep(page, at);
    const points = await lossPoints(page);
    await watch(page);

    await crashWorker(worker);
    const notice = await page.waitForSelector('[data-testid=notice-crash]', { timeout: 20_000 });
    expect(await notice.textContent()).toContain(`restarted at step ${at}; history kept`);
    await trainingWorker(page, worker);
    expect(await statusOf(page)).toBe('paused');
    expect(await stepOf(page)).toBe(at);
    expect(await lossPoints(page)).toBe(points);

    // The fresh worker rebuilds the run before it can step it: through the rebuild and the steps
    // after it, the status is never a false 'idle' and the step never goes back.
    await page.click('[data-testid=train-play]');
    await waitStep(page, at + 20);
    const s = await seen(page);
    expect(s.status.filter((x) => x !== 'paused' && x !== 'running')).toEqual([]);
    expect(nonDecreasing(s.step), `steps seen: ${s.step.join(' ')}`).toBe(true);
    expect(Math.min(...s.points)).toBeGreaterThanOrEqual(points);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the backend', () => {
  it('breaks mid-run (WebGPU device lost): continues on wasm from its checkpoint, says so, keeps the history', async () => {
    const { page, errors } = await open(gpuBrowser, `${SMALL}&backend=webgpu`);
    await page.click('[data-testid=train-play]');
    await page.waitForFunction(() => document.querySelector('[data-testid=status-backend]')?.textContent?.startsWith('webgpu'), undefined, { timeout: 120_000 });
    await waitStep(page, 3, 120_000);
    await waitCheckpoint(page, 1, 120_000);
    await watch(page);
    const before = await stepOf(page);
    const points = await lossPoints(page);

    // The worker that trains now, read just before the fault: a fault sent to a worker the client
    // has replaced would go nowhere.
    const worker = await trainingWorker(page);
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
    expect(nonDecreasing(s.step), `steps seen: ${s.step.join(' ')}`).toBe(true);
    expect(nonDecreasing(s.points), `loss-point counts seen: ${s.points.join(' ')}`).toBe(true);
    expect(Math.min(...s.points)).toBeGreaterThanOrEqual(points);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('forced but unavailable (WebGPU without the flag): trains on wasm and says why', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=webgpu`);
    await showAll(page);
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
  /**
   * Trains exactly 20 steps at the default rate (the +10 button, twice), sets the learning rate
   * to 100 while the run waits, then plays: the same seed, weights and batches every time, so the
   * run diverges at the same step every time.
   */
  async function divergeAfter20(page: Page): Promise<{ points: number; at: number }> {
    await stepTens(page, 2);
    await page.focus('[data-testid=control-lr]');
    await page.keyboard.press('End');
    expect(await page.textContent('[data-testid=control-lr] + output')).toBe('100');
    await page.waitForFunction(() => document.querySelector('[data-testid=status-lr]')?.textContent === '100');
    await page.click('[data-testid=train-play]');
    await page.waitForSelector('[data-testid=notice-diverged]', { timeout: 60_000 });
    expect(await statusOf(page)).toBe('diverged');
    const msg = await text(page, 'notice-diverged');
    expect(msg).toMatch(/(became (NaN|infinite|NaN or infinite)|exploded to \S+ \(over 100 times the \S+ of guessing\)) (at|by) step \d+ with learning rate 100/);
    // A sentence ends before the next begins.
    expect(msg).toMatch(/or reset\. This is the optimizer overshooting/);
    // The way back offers a rate known to train, not a tenth of 100.
    expect(await text(page, 'diverged-lower-lr')).toBe('Lower the learning rate to 0.003 and resume');
    return { points: await lossPoints(page), at: await stepOf(page) };
  }

  it('raising the lr mid-run pauses with the reason; "lower and resume" trains on with the history kept', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=wasm&clip=0&constrain=0`);
    await showAll(page);
    const { points, at } = await divergeAfter20(page);
    expect(at).toBeGreaterThan(20);
    await watch(page);
    await page.click('[data-testid=diverged-lower-lr]');
    await waitStep(page, at + 40);
    expect(await statusOf(page)).toBe('running');
    const lr = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('lr');
    expect(lr).toBeNull(); // back to the default rate, which the URL leaves out
    expect(await text(page, 'status-lr')).toBe('0.003');
    expect(await page.locator('[data-testid=notice-diverged]').count()).toBe(0);
    const s = await seen(page);
    expect(nonDecreasing(s.step), `steps seen: ${s.step.join(' ')}`).toBe(true);
    expect(Math.min(...s.points)).toBeGreaterThanOrEqual(points);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('"reset" starts the run over from step 0', async () => {
    const { page, errors } = await open(browser, `${SMALL}&backend=wasm&clip=0&constrain=0`);
    await showAll(page);
    await divergeAfter20(page);
    await page.click('[data-testid=diverged-reset]');
    await waitStatus(page, 'idle');
    expect(await stepOf(page)).toBe(0);
    expect(await page.locator('[data-testid=notice-diverged]').count()).toBe(0);
    expect(await lossPoints(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a setting too large for this machine', () => {
  it('is refused before play with the memory it needs, and play stops with the reason instead of looping', async () => {
    const { page, errors } = await open(browser, 'task=ps28&hidden=256&batch=256&backend=wasm&panels=train');
    await page.waitForSelector('[data-testid=notice-too-big]');
    expect(await text(page, 'notice-too-big')).toMatch(/^This setting cannot train here: 784 steps × batch 256 × 256 hidden units keeps about \d+ MB for backpropagation through time on wasm, over its limit of 2048 MB/);
    await page.click('[data-testid=train-play]');
    await waitStatus(page, 'failed');
    expect(await text(page, 'notice-failed')).toMatch(/this run cannot start: 784 steps × batch 256 × 256 hidden units keeps about \d+ MB/);
    expect(await page.locator('[data-testid=notice-crash]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a slow but possible setting shows its estimated time per step before it runs', async () => {
    // Plain-JS cpu on 784-step sequences: about a second per step or more.
    const { page } = await open(browser, 'task=ps28&backend=cpu&panels=train');
    const est = page.locator('[data-testid=step-estimate]');
    await est.waitFor();
    expect(await est.getAttribute('data-slow')).toBe('true');
    expect(Number(await est.getAttribute('data-ms'))).toBeGreaterThan(1000);
    expect(await est.textContent()).toMatch(/^This setting is slow here\. Estimated: about [\d.]+ s per step on cpu/);
    const quick = (await open(browser, 'task=rows&panels=train')).page;
    await quick.waitForSelector('[data-testid=step-estimate]');
    expect(await quick.getAttribute('[data-testid=step-estimate]', 'data-slow')).toBe('false');
    await page.context().close();
    await quick.context().close();
  });
});

describe('a malformed URL', () => {
  it('is explained, replaced by usable values shown in the controls, and training still starts', async () => {
    const { page, errors } = await open(browser, 'task=zzz&hidden=-5&lr=abc&backend=tpu&seed=1e99&batch=4&panels=train');
    const notes = (await text(page, 'url-notes')).replace(/\s+/g, ' ');
    expect(notes).toContain('task = zzz is not one of');
    expect(notes).toContain('hidden = -5 is outside [2, 400]; using 2');
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

  it('with 20,000 unknown keys gives one grouped note, not 20,000', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}=1`).join('&');
    const { page } = await open(browser, `${keys}&n=2`);
    await page.waitForSelector('[data-testid=url-notes] li');
    const items = await page.locator('[data-testid=url-notes] li').allTextContents();
    expect(items).toEqual(['unknown settings “k0”, “k1”, “k2”, “k3”, “k4” and 19,995 more ignored']);
    const height = await page.evaluate(() => document.querySelector('[data-testid=url-notes]')!.getBoundingClientRect().height);
    expect(height).toBeLessThan(200);
    expect(await page.getAttribute('[data-testid=pad-handle]', 'data-n')).toBe('2');
    await page.context().close();
  });
});

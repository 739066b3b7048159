/**
 * The training engine in Chromium, against the build: bench.html runs one run in the real worker
 * and exposes the client and every message it delivered (window.engineHarness).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch({ webgpu: true });
});
afterAll(async () => {
  await browser.close();
});

interface Row {
  step: number;
  loss: number;
}

async function openBench(hash: string): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${baseUrl()}bench.html#${hash}`);
  await page.waitForFunction(() => window.engineHarness !== undefined);
  return { page, errors };
}

/** Every (step, loss) delivered for a run, in delivery order. */
function rows(page: Page, runId = 'bench'): Promise<Row[]> {
  return page.evaluate((id) => {
    const out: { step: number; loss: number }[] = [];
    for (const m of window.engineHarness.messages) {
      if (m.type !== 'snapshot' || m.runId !== id) continue;
      m.snapshot.steps.forEach((s, i) => out.push({ step: s, loss: m.snapshot.losses[i] }));
    }
    return out;
  }, runId);
}

function lastStep(page: Page): Promise<number> {
  return page.evaluate(() => {
    const snaps = window.engineHarness.messages.filter((m) => m.type === 'snapshot');
    const last = snaps.at(-1);
    return last && last.type === 'snapshot' ? last.snapshot.step : 0;
  });
}

async function waitForStep(page: Page, step: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => window.engineHarness.messages.some((m) => m.type === 'snapshot' && m.snapshot.step >= n),
    step,
    { timeout, polling: 200 },
  );
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('wasm', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ page, errors } = await openBench('task=rows&backend=wasm&play=1'));
  });

  it('trains on wasm in the worker: loss falls, tensors flat', async () => {
    await waitForStep(page, 320, 90_000);
    const report = await page.evaluate(() => window.engineHarness.messages.find((m) => m.type === 'ready'));
    expect(report?.type === 'ready' && report.backend.active).toBe('wasm');
    const backends = await page.evaluate(() => [...new Set(window.engineHarness.messages.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot.backend] : [])))]);
    expect(backends).toEqual(['wasm']);
    const r = await rows(page);
    expect(r.slice(0, 320).map((x) => x.step)).toEqual(Array.from({ length: 320 }, (_, i) => i));
    const first = mean(r.slice(0, 20).map((x) => x.loss));
    const last = mean(r.slice(280, 300).map((x) => x.loss));
    // Ten-class chance is ln 10 ≈ 2.3; after 300 steps row-sMNIST is well below it.
    expect(last).toBeLessThan(first * 0.6);
    const tensors = await page.evaluate(() => window.engineHarness.messages.flatMap((m) => (m.type === 'snapshot' && m.snapshot.step >= 5 && m.snapshot.step <= 320 ? [m.snapshot.tensors] : [])));
    expect(tensors.length).toBeGreaterThan(5);
    expect(Math.max(...tensors) - Math.min(...tensors)).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it('pause stops steps; reset gives step 0 and the same first loss; setLr keeps counting', async () => {
    const firstLoss = (await rows(page))[0].loss;
    await page.evaluate(() => window.engineHarness.client.send({ type: 'pause', runId: 'bench' }));
    await page.waitForFunction(() => window.engineHarness.messages.some((m) => m.type === 'status' && m.status === 'paused'));
    // Commands are handled in order: an evaluation asked for after the pause reports the step the
    // run stands at, and no step may follow it (steps done before the pause may still arrive with
    // that evaluation's snapshot).
    const evalMark = await page.evaluate(() => {
      window.engineHarness.client.send({ type: 'evaluate', runId: 'bench' });
      return window.engineHarness.messages.length;
    });
    const evaluated = await page.waitForFunction((k) => {
      const m = window.engineHarness.messages.slice(k).find((x) => x.type === 'snapshot' && x.snapshot.tests.length > 0);
      return m && m.type === 'snapshot' ? m.snapshot.tests[0].step : false;
    }, evalMark);
    const paused = Number(await evaluated.jsonValue());
    expect(await lastStep(page)).toBe(paused);
    const stepsAfter = await page.evaluate((k) => window.engineHarness.messages.slice(k).flatMap((m) => (m.type === 'snapshot' ? [...m.snapshot.steps] : [])), evalMark);
    expect(stepsAfter.filter((k) => k >= paused)).toEqual([]);

    const mark = await page.evaluate(() => window.engineHarness.messages.length);
    await page.evaluate(() => {
      const c = window.engineHarness.client;
      c.send({ type: 'reset', runId: 'bench' });
      c.send({ type: 'play', runId: 'bench' });
    });
    await page.waitForFunction((k) => window.engineHarness.messages.slice(k).some((m) => m.type === 'snapshot' && m.snapshot.steps.length > 0), mark);
    const after = await page.evaluate((k) => {
      const m = window.engineHarness.messages.slice(k).find((x) => x.type === 'snapshot' && x.snapshot.steps.length > 0);
      return m && m.type === 'snapshot' ? { step: m.snapshot.steps[0], loss: m.snapshot.losses[0] } : null;
    }, mark);
    expect(after?.step).toBe(0);
    expect(after?.loss).toBe(firstLoss);

    await waitForStep(page, 40);
    const before = await lastStep(page);
    const mark2 = await page.evaluate(() => window.engineHarness.messages.length);
    await page.evaluate(() => window.engineHarness.client.send({ type: 'setLr', runId: 'bench', lr: 0.0005 }));
    await page.waitForFunction((k) => window.engineHarness.messages.slice(k).some((m) => m.type === 'snapshot' && m.snapshot.lr === 0.0005 && m.snapshot.steps.length > 0), mark2);
    const withLr = await page.evaluate((k) => window.engineHarness.messages.slice(k).flatMap((m) => (m.type === 'snapshot' && m.snapshot.lr === 0.0005 && m.snapshot.steps.length ? [m.snapshot.steps[0]] : [])), mark2);
    expect(withLr[0]).toBeGreaterThanOrEqual(before);
  });

  it('crash() restarts the worker, which resumes from its checkpoint with monotonic steps', async () => {
    const mark = await page.evaluate(() => window.engineHarness.messages.length);
    // A checkpoint is posted every few seconds while running.
    await page.waitForFunction((k) => window.engineHarness.messages.slice(k).some((m) => m.type === 'checkpoint' && m.checkpoint.step > 0), mark, { timeout: 90_000 });
    const before = await lastStep(page);
    const crashMark = await page.evaluate(() => window.engineHarness.messages.length);
    await page.evaluate(() => window.engineHarness.client.crash());
    await page.waitForFunction(() => window.engineHarness.client.restarts === 1);
    const notice = await page.waitForFunction((k) => {
      const m = window.engineHarness.messages.slice(k).find((x) => x.type === 'status' && /restarted at step/.test(x.reason ?? ''));
      return m && m.type === 'status' ? m.reason : false;
    }, crashMark);
    expect(await notice.jsonValue()).toMatch(/terminated \(simulated crash\) and was restarted at step [1-9]\d*; history kept/);
    await page.waitForFunction(
      ([k, n]) => window.engineHarness.messages.slice(k).some((m) => m.type === 'snapshot' && m.snapshot.step >= n),
      [crashMark, before + 30],
      { timeout: 60_000, polling: 200 },
    );
    const steps = (await rows(page)).map((x) => x.step);
    // After the reset above the history restarted at 0; from there on it only goes up.
    const fromReset = steps.slice(steps.lastIndexOf(0));
    for (let i = 1; i < fromReset.length; i++) expect(fromReset[i]).toBeGreaterThan(fromReset[i - 1]);
    expect(fromReset.at(-1)).toBeGreaterThan(before);
    await page.context().close();
  });
});

it('lr = 100 diverges with a reason and keeps the history', async () => {
  const { page } = await openBench('task=rows&backend=wasm&lr=100&clip=0&constrain=0&play=1');
  const status = await page.waitForFunction(
    () => {
      const m = window.engineHarness.messages.find((x) => x.type === 'status' && x.status === 'diverged');
      return m && m.type === 'status' ? m.reason : false;
    },
    undefined,
    { timeout: 60_000, polling: 200 },
  );
  expect(await status.jsonValue()).toMatch(/(became (NaN|infinite|NaN or infinite)|exploded to \S+ \(over 100 times the \S+ of guessing\)) (at|by) step \d+ with learning rate 100: .*lower the learning rate or reset/);
  const r = await rows(page);
  expect(r.length).toBeGreaterThan(0);
  expect(r.every((x) => Number.isFinite(x.loss))).toBe(true);
  await page.context().close();
});

it('trains on webgpu when asked (software adapter here)', async () => {
  const { page, errors } = await openBench('task=rows&backend=webgpu&hidden=16&batch=8&play=1');
  await page.waitForFunction(() => window.engineHarness.messages.some((m) => m.type === 'ready'), undefined, { timeout: 60_000 });
  const active = await page.evaluate(() => {
    const m = window.engineHarness.messages.find((x) => x.type === 'ready');
    return m && m.type === 'ready' ? m.backend.active : null;
  });
  expect(active).toBe('webgpu');
  await waitForStep(page, 3, 90_000);
  const backends = await page.evaluate(() => [...new Set(window.engineHarness.messages.flatMap((m) => (m.type === 'snapshot' && m.snapshot.steps.length ? [m.snapshot.backend] : [])))]);
  expect(backends).toEqual(['webgpu']);
  expect((await rows(page)).every((x) => Number.isFinite(x.loss))).toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
});

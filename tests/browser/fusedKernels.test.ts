/**
 * The fused WebGPU kernels on the software adapter (--enable-unsafe-webgpu), through bench.html's
 * benchmark worker: forward, gradients and two Adam steps against the plain reference (autograd
 * through gammaTf on the cpu backend; with Adam on log n, the generic step there); dispatches per training step independent of T; and a
 * deliberately corrupted kernel rejected by the backend self-check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FusedCase } from '../../src/engine/fusedFixture';
import { baseUrl, launch } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch({ webgpu: true });
});
afterAll(async () => {
  await browser.close();
});

async function openBench(hash: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl()}bench.html#${hash}`);
  await page.waitForFunction(() => window.engineHarness !== undefined);
  return page;
}

const MODES = ['static', 'homogeneous', 'heterogeneous'] as const;
/** Task shapes: one step; row-sMNIST (28 inputs a step); psMNIST-14 (one pixel a step). */
const SHAPES = [
  { T: 1, I: 3 },
  { T: 28, I: 28 },
  { T: 196, I: 1 },
];
const SIZES = [8, 64, 130];

/** A Latin square over (shape, N) with the mode rotating: every pair of the three factors occurs. */
const CASES: FusedCase[] = SHAPES.flatMap((shape, i) =>
  SIZES.map((N, j) => ({ mode: MODES[(i + j) % 3], T: shape.T, I: shape.I, N, B: 3, C: 10, readout: 'last' as const, seed: 10 * i + j })),
);
// The copy task's shape: a per-step read-out with unscored steps.
CASES.push({ mode: 'heterogeneous', T: 41, I: 10, N: 8, B: 3, C: 9, readout: 'all', seed: 99 });
// Adam on log n, shared and per neuron: the fused steps against the generic path's, on two of
// the cases above (same networks and gradients), so only the steps differ from them.
CASES.push(...CASES.filter((c) => c.T === 28 && c.mode !== 'static').map((c) => ({ ...c, logGain: true })));

describe('fused kernels on the software WebGPU adapter', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openBench('run=0');
  });
  afterAll(async () => {
    await page.context().close();
  });

  it('forward, gradients and two Adam steps match the reference to 1e-5 for every mode and task shape', async () => {
    const results = await page.evaluate((cases) => window.engineHarness.fusedCheck('webgpu', cases), CASES);
    expect(results.length).toBe(CASES.length);
    for (const r of results) {
      const label = `${r.case.mode}${r.case.logGain ? ' log n' : ''} T=${r.case.T} N=${r.case.N} ${r.case.readout}: worst ${r.worstOf}`;
      expect(r.backend, label).toBe('webgpu');
      expect(r.fused, label).toBe(true);
      for (const e of [r.states, r.logits, r.loss, r.grads, r.autograd, r.step]) expect(e, label).toBeLessThan(1e-5);
    }
  });

  it('a training step issues the same number of dispatches at T = 28 and T = 196, at most 30 (with Adam on log n too)', async () => {
    const all = await page.evaluate(() => window.engineHarness.countKernels('webgpu', ['rows', 'ps14'], 64, [false, true]));
    for (const logGain of [false, true]) {
      const counts = all.filter((c) => c.logGain === logGain);
      expect(counts.map((c) => c.steps)).toEqual([28, 196]);
      expect(counts[0].kernelsPerStep).toBe(counts[1].kernelsPerStep);
      expect(counts[0].kernelsPerStep).toBeGreaterThan(0);
      expect(counts[0].kernelsPerStep).toBeLessThanOrEqual(30);
    }
  });
});

it('a corrupted fused kernel fails the self-check: webgpu is rejected with the reason and another backend trains', async () => {
  const page = await openBench('task=rows&backend=webgpu&hidden=8&batch=4&corrupt=1');
  await page.waitForFunction(() => window.engineHarness.messages.some((m) => m.type === 'ready' || m.type === 'error'), undefined, { timeout: 90_000 });
  const report = await page.evaluate(() => {
    const m = window.engineHarness.messages.find((x) => x.type === 'ready');
    return m && m.type === 'ready' ? m.backend : null;
  });
  expect(report).not.toBeNull();
  expect(report?.active).not.toBe('webgpu');
  const webgpu = report?.reasons.find((r) => r.backend === 'webgpu');
  expect(webgpu?.outcome).toBe('failed');
  expect(webgpu?.detail).toMatch(/fused kernels disagree with cpu: case 1 .* off by/);
  // The page shows the reason beside the backend.
  await expect.poll(() => page.locator('#report tr[data-backend="webgpu"]').textContent()).toMatch(/failed.*fused kernels disagree/);
  await page.context().close();
});

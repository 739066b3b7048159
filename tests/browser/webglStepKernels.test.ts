/**
 * The per-step WebGL kernels (src/engine/webgl/) through bench.html's benchmark worker, on
 * SwiftShader's WebGL2: forward states, logits, loss and every gradient against the plain
 * reference (autograd through gammaTf on the cpu backend), and the variables after two clipped
 * Adam steps, for every mode and task shape, with batch sizes and hidden sizes that are odd (a
 * packed 2×2 block then straddles two time steps or holds padding).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { FusedCase } from '../../src/engine/fusedFixture';
import { baseUrl, launch } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

// Every mode and both read-outs; T from 1 to 300; batch and hidden sizes odd and even.
const CASES: FusedCase[] = [
  { mode: 'static', T: 1, I: 3, N: 8, B: 3, C: 10, readout: 'last', seed: 0 },
  { mode: 'heterogeneous', T: 28, I: 28, N: 64, B: 3, C: 10, readout: 'last', seed: 11 },
  // Large enough for the products and sums to be split into parts (splitGlsl.ts: SPLIT_FROM), with
  // sides that leave the last parts reaching past the matrix.
  { mode: 'homogeneous', T: 28, I: 28, N: 130, B: 33, C: 10, readout: 'last', seed: 5 },
  // 300 steps: the weight gradients run through 50 draws of OUTER_SUMS, 28 of INPUT_OUTER_SUMS and
  // 43 γ sums (6, 11 and 7 steps a draw, the last draw partial); a shared n's gradient sums 158,400 terms.
  { mode: 'homogeneous', T: 300, I: 3, N: 16, B: 33, C: 5, readout: 'all', seed: 32 },
  { mode: 'relu', T: 6, I: 4, N: 9, B: 5, C: 5, readout: 'last', seed: 9 },
  { mode: 'tanh', T: 5, I: 3, N: 7, B: 2, C: 5, readout: 'all', seed: 8 },
];

it('the per-step WebGL kernels match the reference: states, loss and gradients to 1e-5, two Adam steps to 1e-4', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl()}bench.html#run=0`);
  await page.waitForFunction(() => window.engineHarness !== undefined);
  const results = await page.evaluate((cases) => window.engineHarness.fusedCheck('webgl', cases), CASES);
  expect(results.length).toBe(CASES.length);
  for (const r of results) {
    const label = `${r.case.mode} T=${r.case.T} N=${r.case.N} B=${r.case.B} ${r.case.readout}: worst ${r.worstOf}`;
    expect(r.backend, label).toBe('webgl');
    expect(r.stepKernels, label).toBe(true);
    for (const e of [r.states, r.logits, r.loss, r.grads, r.autograd]) expect(e, label).toBeLessThan(1e-5);
    expect(r.acc, label).toBe(0);
    // Adam divides each entry by its own scale: an entry whose gradient is ~1e-6 of the largest
    // turns float32 rounding (~1e-7 of the largest) into a visible part of its step. On the copy
    // task's shape the op-by-op WebGL path measured 9.6e-6, these kernels 3.8e-5.
    expect(r.step, label).toBeLessThan(1e-4);
  }
  await page.context().close();
});

// A device that writes at most 4 render targets splits a step product into 2 × 2 parts; 1 × 1 keeps
// it whole (what small networks get). Odd batch and hidden sizes leave parts that reach past the matrix.
it.each([
  [2, 2],
  [1, 1],
] as const)('the per-step WebGL kernels match the reference with step products in %i × %i parts', async (P, Q) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl()}bench.html#run=0`);
  await page.waitForFunction(() => window.engineHarness !== undefined);
  const cases = [CASES[2], CASES[4]];
  const results = await page.evaluate(([c, parts]) => window.engineHarness.fusedCheck('webgl', c, parts), [cases, [P, Q]] as [FusedCase[], [number, number]]);
  expect(results.length).toBe(cases.length);
  for (const r of results) {
    const label = `${P}×${Q} ${r.case.mode} T=${r.case.T} N=${r.case.N} B=${r.case.B}: worst ${r.worstOf}`;
    expect(r.stepKernels, label).toBe(true);
    for (const e of [r.states, r.logits, r.loss, r.grads, r.autograd]) expect(e, label).toBeLessThan(1e-5);
    expect(r.step, label).toBeLessThan(1e-4);
  }
  await page.context().close();
});

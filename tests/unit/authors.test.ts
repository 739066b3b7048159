/**
 * The authors' settings preset and their initialisation: Adam at their rate, no clipping, n and s
 * free, PyTorch's biases (two per cell, each uniform in ±1/√N) and n₀ drawn from [5, 7].
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { initialGains, initialWeights } from '../../src/core/init';
import { authorsSettings, DEVIATIONS } from '../../src/state/authors';
import { runConfig } from '../../src/state/runConfig';
import { defaultState } from '../../src/state/schema';

describe('the authors’ settings', () => {
  it('set their learning rate per task, no clipping, free n and s, their initialisation', () => {
    const ps = runConfig({ ...defaultState(), task: 'ps28', ...authorsSettings('ps28') });
    expect(ps).toMatchObject({ lr: 1e-4, clip: 0, constrain: false, init: 'authors', n0: 5, s0: 0, actLr: 1, logGain: false });
    expect(runConfig({ ...defaultState(), task: 'copy', ...authorsSettings('copy') }).lr).toBe(1e-3);
  });

  it('draw biases as PyTorch does and n₀ from [n, n + 2]; the explorable’s start at zero and at n', () => {
    const N = 256;
    const w = initialWeights(1, N, 10, createRng(3).fork('weights'), 'authors');
    const limit = 1 / Math.sqrt(N);
    expect(Math.max(...w.b.map(Math.abs))).toBeLessThanOrEqual(2 * limit);
    expect(Math.max(...w.b.map(Math.abs))).toBeGreaterThan(limit); // a sum of two uniforms reaches past one
    expect(Math.max(...w.bo.map(Math.abs))).toBeLessThanOrEqual(limit);
    const mine = initialWeights(1, N, 10, createRng(3).fork('weights'));
    expect(Array.from(mine.b).every((v) => v === 0)).toBe(true);
    // The weight matrices themselves do not depend on the bias scheme.
    expect(Array.from(w.V)).toEqual(Array.from(mine.V));
    const gains = initialGains(5, N, createRng(3), 'authors');
    expect(Math.min(...gains)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...gains)).toBeLessThan(7);
    expect(new Set(gains).size).toBeGreaterThan(N / 2);
    expect(Array.from(initialGains(5, 4, createRng(3), 'explorable'))).toEqual([5, 5, 5, 5]);
  });

  it('lists every default that differs, each with a reason', () => {
    expect(DEVIATIONS.map((d) => d.what)).toEqual(['Network size', 'Tasks', 'Learning rate', 'Learning rate of n and s', 'Gradient clipping', 'n and s', 'Biases', 'Initial gain', 'Copy-task loss']);
    for (const d of DEVIATIONS) expect(d.why.length).toBeGreaterThan(20);
  });
});

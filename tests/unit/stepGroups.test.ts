import { describe, expect, it } from 'vitest';
import { stepGroups } from '../../src/core/unrollSteps';
import { GAMMA_BLOCKS, INPUT_BLOCKS, OUTER_BLOCKS } from '../../src/core/stepKernelNames';

describe('stepGroups', () => {
  it('covers [from, T) with contiguous groups of at most `size` steps', () => {
    for (const [from, T, size] of [
      [0, 1, 7],
      [1, 2, 7],
      [0, 28, OUTER_BLOCKS],
      [1, 28, OUTER_BLOCKS],
      [0, 196, INPUT_BLOCKS],
      [1, 784, OUTER_BLOCKS],
      [0, 13, 14],
    ]) {
      const groups = stepGroups(from, T, size);
      expect(groups[0][0]).toBe(from);
      expect(groups[groups.length - 1][1]).toBe(T);
      groups.forEach(([t0, t1], i) => {
        expect(t1 - t0).toBeGreaterThanOrEqual(1);
        expect(t1 - t0).toBeLessThanOrEqual(size);
        if (i > 0) expect(t0).toBe(groups[i - 1][1]);
      });
      expect(groups.length).toBe(Math.ceil((T - from) / size));
    }
  });

  it('is empty when there is nothing to cover (dV at T = 1)', () => {
    expect(stepGroups(1, 1, OUTER_BLOCKS)).toEqual([]);
  });

  it('keeps a draw within the 16 textures every WebGL 2 device samples', () => {
    // OUTER_SUMS: two blocks a step and the running sum's 4 parts; GAMMA_BLOCK_SUMS: two a step, n and s.
    expect(2 * OUTER_BLOCKS + 4).toBe(16);
    expect(2 * GAMMA_BLOCKS + 2).toBe(16);
    // INPUT_OUTER_SUMS: the input, one block a step and the running sum's 4 parts.
    expect(INPUT_BLOCKS + 1 + 4).toBe(16);
  });
});

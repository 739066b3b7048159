import { describe, expect, it } from 'vitest';
import { stepSegments } from '../../src/core/unrollSteps';
import { SEGMENT_ROWS } from '../../src/core/stepKernelNames';

describe('stepSegments', () => {
  it('keeps a sequence that fits whole', () => {
    expect(stepSegments(196, 32)).toEqual([[0, 196]]);
    expect(stepSegments(1, 3)).toEqual([[0, 1]]);
  });

  it('cuts psMNIST-28 (T = 784, batch 32) into near-equal segments under the row limit', () => {
    const segs = stepSegments(784, 32);
    expect(segs).toEqual([[0, 196], [196, 392], [392, 588], [588, 784]]);
  });

  it('covers every step once, each segment under the limit, for awkward sizes', () => {
    for (const [T, B] of [[300, 33], [785, 32], [7, 5000], [3, 9000], [1000, 1]]) {
      const segs = stepSegments(T, B);
      expect(segs[0][0]).toBe(0);
      expect(segs[segs.length - 1][1]).toBe(T);
      for (let i = 1; i < segs.length; i++) expect(segs[i][0]).toBe(segs[i - 1][1]);
      for (const [t0, t1] of segs) {
        expect(t1).toBeGreaterThan(t0);
        // One step per segment is the floor when a single step's batch exceeds the limit.
        expect((t1 - t0) * B <= SEGMENT_ROWS || t1 - t0 === 1).toBe(true);
      }
    }
  });
});

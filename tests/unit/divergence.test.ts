import { describe, expect, it } from 'vitest';
import { EXPLODED_FACTOR, firstDiverged, lossDivergedReason } from '../../src/engine/divergence';

describe('divergence', () => {
  it('finds the first non-finite or exploded loss', () => {
    const chance = Math.log(10);
    const limit = EXPLODED_FACTOR * chance;
    expect(firstDiverged([2.3, 1.9, 1.2], 0, 3, limit)).toBe(-1);
    expect(firstDiverged([2.3, NaN, 1.2], 0, 3, limit)).toBe(1);
    expect(firstDiverged([2.3, 1.9, Infinity], 0, 3, limit)).toBe(2);
    // A spike to 50 is a bad step, not a divergence; 500 is beyond any healthy run.
    expect(firstDiverged([2.3, 50, 1.2], 0, 3, limit)).toBe(-1);
    expect(firstDiverged([2.3, 500, 1.2], 0, 3, limit)).toBe(1);
    // Only the window [from, to) is read.
    expect(firstDiverged([NaN, 2, 3, NaN], 1, 3, limit)).toBe(-1);
  });

  it('says what happened, where, and the ways back', () => {
    expect(lossDivergedReason(NaN, 412, 100, 2.303)).toBe(
      'loss became NaN at step 412 with learning rate 100: steps too large for this network — lower the learning rate or reset',
    );
    expect(lossDivergedReason(2.5e3, 40, 100, 2.303)).toBe(
      'loss exploded to 2.50e+3 (over 100 times the 2.30 of guessing) at step 40 with learning rate 100: steps too large for this network — lower the learning rate or reset',
    );
  });
});

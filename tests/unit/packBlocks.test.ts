import { describe, expect, it } from 'vitest';
import { packBlocks } from '../../src/engine/webgl/packedUpload';

describe('packBlocks', () => {
  it('lays a matrix out in 2×2 blocks, row-major texels, zeros in the padding of odd sides', () => {
    // [3, 3]: values 1 … 9 row-major.
    const v = Float32Array.from({ length: 9 }, (_, i) => i + 1);
    expect(Array.from(packBlocks(v, 3, 3))).toEqual([
      // texel (0, 0): (0,0) (0,1) (1,0) (1,1); texel (0, 1): (0,2) pad (1,2) pad
      1, 2, 4, 5, 3, 0, 6, 0,
      // texel (1, 0): (2,0) (2,1) pad pad; texel (1, 1): (2,2) pad pad pad
      7, 8, 0, 0, 9, 0, 0, 0,
    ]);
  });

  it('holds every value once for an even shape', () => {
    const v = Float32Array.from({ length: 4 * 6 }, (_, i) => i + 1);
    const p = packBlocks(v, 4, 6);
    expect(p.length).toBe(24);
    expect([...p].sort((a, b) => a - b)).toEqual([...v]);
    // (3, 5): texel (1, 2), channel w.
    expect(p[(1 * 3 + 2) * 4 + 3]).toBe(v[3 * 6 + 5]);
  });
});

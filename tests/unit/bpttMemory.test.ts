import { describe, expect, it } from 'vitest';
import { bpttMemory, bpttTooLarge, type BpttShape } from '../../src/engine/bpttMemory';

const ps28 = (N: number, B: number): BpttShape => ({ T: 784, B, N, I: 1, C: 10, readout: 'last', learnsActivation: true, gamma: true });

describe('BPTT memory bound', () => {
  it('ps28, N = 256, batch 256 is refused on every backend, naming the size and the limit', () => {
    for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      expect(bpttMemory(ps28(256, 256), backend).ok).toBe(false);
      expect(bpttTooLarge(ps28(256, 256), backend)).toMatch(new RegExp(`784 steps × batch 256 × 256 hidden units .*\\d+ MB.* ${backend}.*\\d+ MB`));
    }
  });

  it('ps28 at N = 256 and N = 400 with batch 32 fits (the fused path keeps 3·T·B·N floats and a little)', () => {
    for (const N of [256, 400]) {
      const m = bpttMemory(ps28(N, 32), 'webgpu');
      expect(m.ok).toBe(true);
      const TBN = 784 * 32 * N;
      expect(m.bytes).toBeGreaterThanOrEqual(4 * 3 * TBN);
      expect(m.bytes).toBeLessThan(4 * 3.1 * TBN);
      expect(m.largestBuffer).toBe(4 * 2 * TBN);
      expect(bpttTooLarge(ps28(N, 32), 'wasm')).toBeUndefined();
    }
  });

  it('webgl (per-step kernels) takes psMNIST-28 up to N = 400 at batch 32; op-by-op cpu stops before N = 256', () => {
    for (const N of [128, 256, 400]) expect(bpttTooLarge(ps28(N, 32), 'webgl')).toBeUndefined();
    const TBN = 784 * 32 * 256;
    expect(bpttMemory(ps28(256, 32), 'webgl').bytes).toBeGreaterThanOrEqual(4 * 5 * TBN);
    expect(bpttMemory(ps28(256, 32), 'webgl').bytes).toBeLessThan(4 * 5.1 * TBN);
    expect(bpttMemory(ps28(256, 32), 'cpu').bytes).toBeGreaterThan(4 * 40 * TBN);
  });

  it('grows linearly in T·B·N; a device with a smaller buffer limit refuses sooner', () => {
    const a = bpttMemory(ps28(64, 32), 'wasm').bytes;
    const b = bpttMemory(ps28(128, 32), 'wasm').bytes;
    expect(b / a).toBeCloseTo(2, 2);
    expect(bpttMemory(ps28(256, 32), 'webgpu', 32 * 2 ** 20).ok).toBe(false);
    expect(bpttTooLarge(ps28(256, 32), 'webgpu', 32 * 2 ** 20)).toMatch(/per buffer/);
  });
});

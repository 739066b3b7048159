import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseMnist } from '../../src/core/mnist';
import { sha256Hex } from '../../src/core/sha256';
import { createRng } from '../../src/core/rng';
import { readMnistFiles } from './mnistData';

describe('sha256Hex', () => {
  it('matches node:crypto on lengths around the 55/56/64-byte padding edges and on random data', () => {
    const rng = createRng(3);
    for (const len of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 100_003]) {
      const b = Uint8Array.from({ length: len }, () => rng.int(256));
      expect(sha256Hex(b), `length ${len}`).toBe(createHash('sha256').update(b).digest('hex'));
    }
  });
  it('gives the FIPS 180-4 digest of "abc"', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('MNIST files', () => {
  const { manifest, buffers } = readMnistFiles();

  it('parse: 10,000 digits, 8,000 / 2,000 split, every class in both splits in about the same share', () => {
    const d = parseMnist(manifest, buffers);
    expect(d.count).toBe(10_000);
    expect([d.trainCount, d.testCount]).toEqual([8000, 2000]);
    const train = new Array(10).fill(0);
    const test = new Array(10).fill(0);
    for (let i = 0; i < d.count; i++) (i < d.trainCount ? train : test)[d.labels[i]]++;
    for (let c = 0; c < 10; c++) {
      // Stratified: the test share of every class is 20 % to within one image.
      expect(Math.abs(test[c] - 0.2 * (train[c] + test[c]))).toBeLessThanOrEqual(1);
      expect(test[c]).toBeGreaterThan(150);
    }
    // Real digits, not noise: typical MNIST has ~19 % of pixels lit and a dark border.
    let lit = 0;
    let border = 0;
    for (let k = 0; k < 1000; k++) {
      for (let p = 0; p < 784; p++) {
        const v = d.images28[k * 784 + p];
        if (v > 127) lit++;
        const r = Math.floor(p / 28);
        const c = p % 28;
        if ((r === 0 || r === 27 || c === 0 || c === 27) && v > 0) border++;
      }
    }
    expect(lit / (1000 * 784)).toBeGreaterThan(0.08);
    expect(lit / (1000 * 784)).toBeLessThan(0.3);
    expect(border / (1000 * 108)).toBeLessThan(0.003); // 55 of 108,000 border pixels are non-zero here
  });

  it('14×14 images are the rounded 2×2 means of the 28×28 ones', () => {
    const d = parseMnist(manifest, buffers);
    for (const k of [0, 1, 4321, 9999]) {
      for (let r = 0; r < 14; r++) {
        for (let c = 0; c < 14; c++) {
          const p = k * 784 + 2 * r * 28 + 2 * c;
          const m = (d.images28[p] + d.images28[p + 1] + d.images28[p + 28] + d.images28[p + 29]) / 4;
          expect(d.images14[k * 196 + r * 14 + c]).toBe(Math.round(m));
        }
      }
    }
  });

  it('a flipped byte is reported as a checksum error naming the file', () => {
    const bad = buffers.images28.slice();
    bad[123_456] ^= 0x40;
    expect(() => parseMnist(manifest, { ...buffers, images28: bad })).toThrow(/mnist-28\.bin is corrupt: SHA-256/);
  });

  it('a truncated file is reported as a size error with both byte counts', () => {
    const short = buffers.images14.slice(0, buffers.images14.length - 100);
    expect(() => parseMnist(manifest, { ...buffers, images14: short })).toThrow(
      'mnist-14.bin has 1,959,900 bytes; expected 1,960,000 (10,000 images of 14×14)',
    );
  });

  it('a manifest whose split does not partition the images is rejected', () => {
    expect(() => parseMnist({ ...manifest, split: { train: 8000, test: 1000 } }, buffers)).toThrow(/does not partition/);
  });
});

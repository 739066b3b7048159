import { describe, expect, it } from 'vitest';
import { pca } from '../../src/core/pca';
import { createRng } from '../../src/core/rng';

/** P·T points in N-D: a mean, plus coefficients c_j (std sd_j) along orthonormal directions. */
function planeData(P: number, T: number, N: number, sds: number[], noise: number, seed: number) {
  const r = createRng(seed);
  // Random orthonormal directions by Gram–Schmidt.
  const dirs: number[][] = [];
  for (let j = 0; j < sds.length; j++) {
    let v = Array.from({ length: N }, () => r.normal());
    for (const d of dirs) {
      const dot = v.reduce((s, x, i) => s + x * d[i], 0);
      v = v.map((x, i) => x - dot * d[i]);
    }
    const n = Math.hypot(...v);
    dirs.push(v.map((x) => x / n));
  }
  const mean = Array.from({ length: N }, () => 3 * r.normal());
  const h = new Float32Array(P * T * N);
  const coef: number[][] = [];
  for (let m = 0; m < P * T; m++) {
    const c = sds.map((sd) => sd * r.normal());
    coef.push(c);
    for (let i = 0; i < N; i++) {
      let v = mean[i] + noise * r.normal();
      c.forEach((cj, j) => (v += cj * dirs[j][i]));
      h[m * N + i] = v;
    }
  }
  return { h, dirs, coef };
}

describe('pca', () => {
  it('data on a plane in 5-D: two components carry ~all variance, span the plane, project exactly', () => {
    const { h, dirs, coef } = planeData(4, 50, 5, [3, 1], 0, 1);
    const r = pca(h, 4, 50, 5, 3);
    expect(r.explained[0] + r.explained[1]).toBeGreaterThan(0.99999);
    expect(r.explained[2]).toBeLessThan(1e-6);
    // Variance ratio of the axes ≈ 9 : 1 (sample estimate).
    expect(r.explained[0] / r.explained[1]).toBeGreaterThan(6);
    expect(r.explained[0] / r.explained[1]).toBeLessThan(13);
    // Each component lies in the plane: its projection on the two true directions has norm 1.
    for (let c = 0; c < 2; c++) {
      const comp = Array.from(r.components.subarray(c * 5, (c + 1) * 5));
      const inPlane = Math.hypot(...dirs.map((d) => d.reduce((s, x, i) => s + x * comp[i], 0)));
      expect(inPlane).toBeCloseTo(1, 5);
    }
    // Distances between points are preserved by the 2-D projection (the plane is all there is).
    const dist2 = (a: number, b: number) => (coef[a][0] - coef[b][0]) ** 2 + (coef[a][1] - coef[b][1]) ** 2;
    const pd2 = (a: number, b: number) => (r.proj[a * 3] - r.proj[b * 3]) ** 2 + (r.proj[a * 3 + 1] - r.proj[b * 3 + 1]) ** 2;
    for (const [a, b] of [[0, 1], [5, 77], [100, 199]]) expect(pd2(a, b)).toBeCloseTo(dist2(a, b), 3);
  });

  it('matches a known diagonal covariance (axis variances 16, 4, 1, 0.25) and fixes signs', () => {
    const N = 4;
    const r0 = createRng(2);
    const M = 4000;
    const sds = [0.5, 4, 1, 2]; // largest on axis 1, then 3, then 2
    const h = new Float32Array(M * N);
    for (let m = 0; m < M; m++) for (let i = 0; i < N; i++) h[m * N + i] = sds[i] * r0.normal();
    const r = pca(h, 1, M, N, 3);
    // Sample covariances of 4,000 points tilt the axes by a few hundredths at most.
    const axis = (c: number) => Array.from(r.components.subarray(c * N, (c + 1) * N)).map((v) => Math.round(v * 10) / 10 + 0); // + 0 turns −0 into 0
    expect(axis(0)).toEqual([0, 1, 0, 0]);
    expect(axis(1)).toEqual([0, 0, 0, 1]);
    expect(axis(2)).toEqual([0, 0, 1, 0]);
    const total = 16 + 4 + 1 + 0.25;
    expect(r.explained[0]).toBeCloseTo(16 / total, 1);
    expect(r.explained[1]).toBeCloseTo(4 / total, 1);
  });

  it('is deterministic and sign-stable: negating nothing, re-running gives identical output', () => {
    const { h } = planeData(5, 40, 32, [5, 3, 2, 1], 0.1, 3);
    const a = pca(h, 5, 40, 32, 3);
    const b = pca(h, 5, 40, 32, 3);
    expect(Array.from(a.proj)).toEqual(Array.from(b.proj));
    for (let c = 0; c < 3; c++) {
      const comp = Array.from(a.components.subarray(c * 32, (c + 1) * 32));
      const big = comp.reduce((best, v, i) => (Math.abs(v) > Math.abs(comp[best]) ? i : best), 0);
      expect(comp[big]).toBeGreaterThan(0);
    }
  });

  it('N smaller than k: the extra components are zero; constant data gives zero variance, no NaN', () => {
    const { h } = planeData(2, 10, 2, [1, 0.5], 0, 4);
    const r = pca(h, 2, 10, 2, 3);
    expect(r.explained[0] + r.explained[1]).toBeCloseTo(1, 6);
    expect(r.explained[2]).toBe(0);
    for (let m = 0; m < 20; m++) expect(r.proj[m * 3 + 2]).toBe(0);
    const flat = pca(new Float32Array(30 * 8).fill(0.7), 3, 10, 8, 3);
    expect(Array.from(flat.explained)).toEqual([0, 0, 0]);
    expect(flat.proj.every((v) => v === 0)).toBe(true);
  });

  it('finds the axes at the largest portrait size (20 probes × 784 steps × 256 units) from a strided subsample', () => {
    const { h, dirs } = planeData(20, 784, 256, [8, 4, 2, 1, 0.5], 0.2, 5);
    const r = pca(h, 20, 784, 256, 3);
    // Axes from the strided subsample still match the true ones; shares are over all states.
    for (let c = 0; c < 3; c++) {
      const dot = dirs[c].reduce((s, x, i) => s + x * r.components[c * 256 + i], 0);
      expect(Math.abs(dot)).toBeGreaterThan(0.995);
    }
    const sum = 64 + 16 + 4 + 1 + 0.25 + 256 * 0.04;
    expect(r.explained[0]).toBeCloseTo(64 / sum, 1);
  });
});

import { describe, expect, it } from 'vitest';
import { gamma, gammaGrad, gammaAtZero, gammaPrimeAtZero, gammaPrime } from '../../src/core/gamma';
import { supSlope, unitSlopeSaturation, isExpanding, nearestLandmark, LANDMARKS } from '../../src/core/landmarks';
import { loadGrid, withinTol } from './referenceGrid';

const grid = loadGrid();

describe('gamma on float64 against the 50-digit reference grid', () => {
  it('has the whole grid (440 rows)', () => {
    expect(grid.length).toBe(440);
  });
  it.each(['gamma', 'dx', 'dn', 'ds'] as const)('%s: relative error <= 1e-9 (absolute <= 1e-12 near 0)', (key) => {
    const bad: string[] = [];
    for (const r of grid) {
      const g = gammaGrad(r.x, r.n, r.s);
      const got = key === 'gamma' ? gamma(r.x, r.n, r.s) : g[key];
      const ref = key === 'gamma' ? r.gamma : r[key];
      if (!withinTol(got, ref, 1e-9, 1e-12)) bad.push(`x=${r.x} n=${r.n} s=${r.s}: ${got} vs ${ref}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('closed forms', () => {
  it('gamma(0) and gamma\'(0)', () => {
    for (const n of [0.1, 1, 7, 100]) {
      for (const s of [0, 0.3, 1]) {
        expect(gammaAtZero(n, s)).toBeCloseTo(gamma(0, n, s), 14);
        expect(gammaPrimeAtZero(n, s)).toBeCloseTo(gammaPrime(0, n, s), 14);
      }
    }
  });
  it('sup gamma\' matches a dense numerical maximum', () => {
    for (const n of [0.1, 0.5, 1, 3, 4, 10, 50]) {
      for (const s of [0, 0.05, 0.2, 0.5, 0.9, 1]) {
        let best = 0;
        for (let z = -60; z <= 60; z += 0.0005) best = Math.max(best, gammaPrime(z / n, n, s));
        // s below 1/(n+1): the supremum 1 − s is only approached as x → ∞
        expect(Math.abs(best - supSlope(n, s))).toBeLessThan(2e-4);
      }
    }
  });
  it('the sup gamma\' = 1 boundary', () => {
    expect(unitSlopeSaturation(3)).toBeNull();
    expect(unitSlopeSaturation(4)).toBeCloseTo(1, 12);
    for (const n of [4.5, 9, 25, 100]) {
      const s = unitSlopeSaturation(n)!;
      expect(supSlope(n, s)).toBeCloseTo(1, 10);
      expect(isExpanding(n, Math.min(1, s * 1.05))).toBe(true);
      expect(isExpanding(n, s * 0.95)).toBe(false);
    }
  });
  it('landmarks: gamma approaches each named function', () => {
    const xs = [-3, -1, -0.2, 0.3, 1, 4];
    const at = (id: string) => LANDMARKS.find((l) => l.id === id)!;
    for (const x of xs) {
      expect(gamma(x, 1, 0)).toBeCloseTo(at('softplus').f(x), 12);
      expect(gamma(x, 1, 1)).toBeCloseTo(at('sigmoid').f(x), 12);
      expect(Math.abs(gamma(x, 500, 0) - at('relu').f(x))).toBeLessThan(2e-3);
      expect(Math.abs(gamma(x, 500, 1) - at('step').f(x))).toBeLessThan(1e-3);
    }
    expect(nearestLandmark(60, 0.05).landmark.id).toBe('relu');
    expect(nearestLandmark(1.1, 0.9).landmark.id).toBe('sigmoid');
  });
});

describe('stability over n in [0.01, 500], x in [-100, 100]', () => {
  it('never NaN or Inf', () => {
    for (let i = 0; i <= 60; i++) {
      const n = 0.01 * Math.pow(500 / 0.01, i / 60);
      for (const s of [0, 0.5, 1]) {
        for (let x = -100; x <= 100; x += 0.5) {
          const g = gammaGrad(x, n, s);
          for (const v of [gamma(x, n, s), g.dx, g.dn, g.ds]) expect(Number.isFinite(v)).toBe(true);
        }
      }
    }
  });
});

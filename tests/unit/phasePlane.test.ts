import { describe, expect, it } from 'vitest';
import { gamma } from '../../src/core/gamma';
import { PRESETS, classify, fixedPoints, jacobian, mapStep, trajectory, viewBox, type Net2, type Vec2 } from '../../src/core/phasePlane';

const BIG = { x0: -1, x1: 6, y0: -1, y1: 6 };
const SETTINGS: [number, number][] = [
  [0.5, 0],
  [1, 0],
  [1, 1],
  [4, 0.6],
  [8, 0.6],
  [16, 1],
  [30, 0.3],
];

describe('fixed points', () => {
  it('satisfy h* = γ(W h* + b) to 1e-9 for every preset and a spread of (n, s)', () => {
    let count = 0;
    for (const p of PRESETS) {
      for (const [n, s] of SETTINGS) {
        const fps = fixedPoints(p.net, n, s, BIG, 'flow', 13);
        // Runaway self-excitation (unbounded softplus) can leave no fixed point at all.
        if (p.id !== 'memories' || s === 1) expect(fps.length).toBeGreaterThan(0);
        for (const f of fps) {
          const F = mapStep(p.net, n, s, f.h);
          expect(Math.abs(F[0] - f.h[0])).toBeLessThan(1e-9);
          expect(Math.abs(F[1] - f.h[1])).toBeLessThan(1e-9);
          count++;
        }
        // Deduplicated: no two closer than 1e-4.
        for (let i = 0; i < fps.length; i++)
          for (let j = i + 1; j < fps.length; j++)
            expect(Math.hypot(fps[i].h[0] - fps[j].h[0], fps[i].h[1] - fps[j].h[1])).toBeGreaterThan(1e-4);
      }
    }
    expect(count).toBeGreaterThan(40);
  });

  it('W = 0 has the single fixed point γ(b), stable for both dynamics', () => {
    const net: Net2 = { w: [0, 0, 0, 0], b: [0.7, -1.3] };
    for (const [n, s] of SETTINGS) {
      for (const dyn of ['flow', 'map'] as const) {
        const fps = fixedPoints(net, n, s, BIG, dyn);
        expect(fps.length).toBe(1);
        expect(fps[0].h[0]).toBeCloseTo(gamma(0.7, n, s), 12);
        expect(fps[0].h[1]).toBeCloseTo(gamma(-1.3, n, s), 12);
        expect(fps[0].kind).toBe('stable node');
      }
    }
  });

  it('the bistable switch gains two stable states and a saddle when saturation rises', () => {
    const sw = PRESETS.find((p) => p.id === 'switch')!;
    const low = fixedPoints(sw.net, 1, 0, BIG, 'flow', 13);
    expect(low.map((f) => f.kind)).toEqual(['saddle']);
    const high = fixedPoints(sw.net, 1, 1, BIG, 'flow', 13);
    expect(high.map((f) => f.kind)).toEqual(['stable node', 'saddle', 'stable node']);
    // Symmetric pair: (a, b) and (b, a).
    expect(high[0].h[0]).toBeCloseTo(high[2].h[1], 9);
  });

  it('the oscillator goes through a Hopf bifurcation as the gain rises', () => {
    const osc = PRESETS.find((p) => p.id === 'oscillator')!;
    expect(fixedPoints(osc.net, 1, 0.6, BIG, 'flow').map((f) => f.kind)).toEqual(['stable spiral']);
    expect(fixedPoints(osc.net, 4, 0.6, BIG, 'flow').map((f) => f.kind)).toEqual(['unstable spiral']);
    // The orbit around the unstable spiral neither settles nor escapes: a limit cycle.
    const tr = trajectory(osc.net, 4, 0.6, [0.1, 0.1], 'flow', osc.box, 6000);
    expect(tr.length).toBe(6001);
    const tail = tr.slice(-1500);
    const xs = tail.map((p) => p[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0.2);
  });
});

describe('Jacobian and stability', () => {
  it('matches central finite differences of F', () => {
    const h = 1e-6;
    for (const p of PRESETS) {
      for (const [n, s] of SETTINGS) {
        for (const pt of [[0.1, 0.2], [0.8, 0.3], [1.2, 1.4]] as Vec2[]) {
          const J = jacobian(p.net, n, s, pt);
          const fx1 = mapStep(p.net, n, s, [pt[0] + h, pt[1]]);
          const fx0 = mapStep(p.net, n, s, [pt[0] - h, pt[1]]);
          const fy1 = mapStep(p.net, n, s, [pt[0], pt[1] + h]);
          const fy0 = mapStep(p.net, n, s, [pt[0], pt[1] - h]);
          const fd = [(fx1[0] - fx0[0]) / (2 * h), (fy1[0] - fy0[0]) / (2 * h), (fx1[1] - fx0[1]) / (2 * h), (fy1[1] - fy0[1]) / (2 * h)];
          for (let k = 0; k < 4; k++) expect(Math.abs(J[k] - fd[k])).toBeLessThan(1e-6 * (1 + Math.abs(fd[k])));
        }
      }
    }
  });

  it('classifies linearisations for the flow and the map', () => {
    expect(classify([0.5, 0, 0, 0.2], 'flow').kind).toBe('stable node');
    expect(classify([2, 0, 0, 0.2], 'flow').kind).toBe('saddle');
    expect(classify([2, 0, 0, 3], 'flow').kind).toBe('unstable node');
    expect(classify([0.5, -1, 1, 0.5], 'flow').kind).toBe('stable spiral');
    expect(classify([1.5, -1, 1, 1.5], 'flow').kind).toBe('unstable spiral');
    // Map: |μ| decides. μ = −0.5 is stable for the map, and −0.5 − 1 < 0 stable for the flow too.
    expect(classify([-0.5, 0, 0, 0.3], 'map').kind).toBe('stable node');
    expect(classify([-1.5, 0, 0, 0.3], 'map').kind).toBe('saddle');
    // Eigenvalues 0.6 ± 0.9i: modulus 1.08 > 1 unstable for the map, real part −0.4 stable for the flow.
    expect(classify([0.6, -0.9, 0.9, 0.6], 'map').kind).toBe('unstable spiral');
    expect(classify([0.6, -0.9, 0.9, 0.6], 'flow').kind).toBe('stable spiral');
  });
});

describe('view box', () => {
  it('grows to a nice bound that contains far fixed points', () => {
    const base = { x0: -0.2, x1: 1.6, y0: -0.2, y1: 1.6 };
    const far = [{ h: [3.6, 0] as Vec2, eig: { re: [0, 0] as Vec2, im: [0, 0] as Vec2 }, kind: 'stable node' as const, stable: true }];
    const v = viewBox(base, far);
    expect(v.x1).toBe(5);
    expect(v.y1).toBe(5);
    expect(viewBox(base, [])).toEqual(base);
  });
});

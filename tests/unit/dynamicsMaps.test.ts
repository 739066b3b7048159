/**
 * The Dynamics section's pure parts: the (n, s) map grid and request sizes, the cells and contour
 * of a map drawn on the pad, and the reach of gradients.
 */
import { describe, expect, it } from 'vitest';
import { cellRects, contourPath } from '../../src/charts/dynamics/mapGeometry';
import { bitsColour, ratioColour } from '../../src/charts/dynamics/mapColours';
import { reachLag } from '../../src/charts/dynamics/reach';
import { pow10 } from '../../src/charts/dynamics/format';
import { padScales } from '../../src/charts/pad/padGeometry';
import type { Checkpoint, ProbeInputs } from '../../src/engine/protocol';
import { flowRequest, MAP_GRID, miRequest, spectrumRequest, weightsOf, type RunWeights } from '../../src/panels/dynamics/requests';

const sc = padScales(300, 200);

/** Points of an SVG path "M x,y L x,y …". */
const points = (d: string) => [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('map geometry', () => {
  it('the grid spans the pad: 20 gains log-spaced 0.1 … 100, 10 saturations 0 … 1', () => {
    expect(MAP_GRID.n).toHaveLength(20);
    expect(MAP_GRID.n[0]).toBe(0.1);
    expect(MAP_GRID.n[19]).toBe(100);
    expect(MAP_GRID.n[10] / MAP_GRID.n[9]).toBeCloseTo(MAP_GRID.n[1] / MAP_GRID.n[0], 3);
    expect(MAP_GRID.s).toEqual([0, 0.1111, 0.2222, 0.3333, 0.4444, 0.5556, 0.6667, 0.7778, 0.8889, 1]);
  });

  it('cells tile the pad exactly, each centred on its grid value', () => {
    const rects = cellRects(MAP_GRID, sc);
    expect(rects).toHaveLength(200);
    expect(rects.reduce((a, r) => a + r.w * r.h, 0)).toBeCloseTo(300 * 200, 6);
    for (const r of rects) {
      const i = r.index % 20;
      const j = Math.floor(r.index / 20);
      // Inner cells are centred on their value (in log n; n and s are rounded to 4 digits, hence
      // the tolerance); edge cells are cut by the pad.
      if (i > 0 && i < 19) expect(r.x + r.w / 2).toBeCloseTo(sc.x(MAP_GRID.n[i]), 1);
      if (j > 0 && j < 9) expect(r.y + r.h / 2).toBeCloseTo(sc.y(MAP_GRID.s[j]), 1);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.x + r.w).toBeLessThanOrEqual(300 + 1e-9);
    }
  });

  it('the contour runs where the values cross the level, without the border d3 closes polygons with', () => {
    const grid = { n: [1, 10, 100], s: [0, 0.5, 1] };
    // Values 0, 1, 2 across n: level 1.5 is crossed halfway between n = 10 and 100 (in log n), at every s.
    const values = Float64Array.from({ length: 9 }, (_, c) => c % 3);
    const pts = points(contourPath(values, grid, 1.5, sc));
    expect(pts.length).toBeGreaterThanOrEqual(2);
    for (const [x] of pts) expect(x).toBeCloseTo(sc.x(10 ** 1.5), 0);
    expect(Math.min(...pts.map((p) => p[1]))).toBeCloseTo(sc.y(1), 0);
    expect(Math.max(...pts.map((p) => p[1]))).toBeCloseTo(sc.y(0), 0);
    // No crossing, no line; a failed (NaN) cell counts as below the level.
    expect(contourPath(values, grid, 5, sc)).toBe('');
    const withGap = values.slice();
    withGap[5] = NaN;
    expect(points(contourPath(withGap, grid, 1.5, sc)).length).toBeGreaterThan(2);
  });

  it('colours: white at a ratio of 1, saturating; MI from 0 bits up with ticks on the bar', () => {
    const r = ratioColour();
    expect(r.colour(1)).toBe(r.at(0.5));
    expect(r.colour(1e6)).toBe(r.colour(100));
    expect(r.ticks.find((t) => t.label === '1')?.t).toBeCloseTo(0.5, 12);
    const b = bitsColour(2.4);
    expect(b.ticks[0]).toEqual({ t: 0, label: '0' });
    expect(b.ticks.at(-1)?.label).toBe('2');
    expect(pow10(-3)).toBe('10⁻³');
    expect(pow10(2)).toBe('10²');
  });

  it('the reach: the first lag whose median norm is below 0.1', () => {
    const flow = { probes: 1, lags: [0, 1, 2, 3], meanLog: [], q10: [], q90: [], stepNorm: 0.5, q50: [0, Math.log(0.5), Math.log(0.09), Math.log(0.01)] };
    expect(reachLag(flow)).toBe(2);
    expect(reachLag({ ...flow, q50: [0, 0, 0, 0] })).toBeNull();
  });
});

function weights(N: number, I: number): RunWeights {
  return { step: 5, hidden: N, inputs: I, U: new Float32Array(I * N), V: new Float32Array(N * N), b: new Float32Array(N), n: new Float32Array([2]), s: new Float32Array([0.5]) };
}
const probe = (P: number, T: number, I: number): ProbeInputs => ({ x: new Float32Array(P * T * I), probes: P, steps: T, inputs: I });

describe('requests for a run’s weights', () => {
  it('reads the weights from a checkpoint; none for tanh and ReLU runs', () => {
    const t = (name: string, n: number) => ({ name, shape: [n], values: new Float32Array(n) });
    const c: Checkpoint = { runId: 'r', step: 3, tensors: [t('U', 12), t('V', 16), t('b', 4), t('Wo', 40), t('bo', 10), t('n', 1), t('s', 1), t('opt/x', 3)] };
    expect(weightsOf(c, 7)).toMatchObject({ step: 7, hidden: 4, inputs: 3 });
    expect(weightsOf({ ...c, tensors: c.tensors.filter((x) => x.name !== 'n' && x.name !== 's') }, 7)).toBeNull();
  });

  it('sizes each job to its budget: the full spectrum up to 64 neurons, lags and probes for the gradient', () => {
    expect(spectrumRequest(weights(8, 28))).toMatchObject({ k: 8, steps: 2000, burnIn: 200, every: 50 });
    const big = spectrumRequest(weights(400, 1));
    expect(big.k).toBe(64);
    expect(big.steps).toBe(200);
    // Rows at N = 64: every lag back to the start, all 20 probes.
    expect(flowRequest(weights(64, 28), probe(20, 28, 28))).toMatchObject({ probes: 20, maxLag: 28, steps: 28 });
    // 784 steps at N = 128: fewer probes; at N = 400, fewer lags too.
    const long = flowRequest(weights(128, 1), probe(20, 784, 1));
    expect(long.maxLag).toBe(286);
    expect(long.probes).toBe(1);
    expect(flowRequest(weights(400, 1), probe(20, 784, 1))).toMatchObject({ maxLag: 9, probes: 1 });
    expect(flowRequest(weights(8, 1), probe(20, 784, 1)).x.length).toBe(20 * 784);
  });

  it('MI: a window of at most 30 input values, and the first third of each probe skipped', () => {
    expect(miRequest(weights(64, 28), probe(20, 28, 28))).toMatchObject({ window: 1, warmup: 9, k: 5, maxSamples: 2000 });
    expect(miRequest(weights(64, 1), probe(20, 196, 1))).toMatchObject({ window: 5, warmup: 65 });
    expect(miRequest(weights(64, 3), probe(20, 60, 3))).toMatchObject({ window: 5, warmup: 20 });
  });
});

import { describe, expect, it } from 'vitest';
import { digamma } from '../../src/core/digamma';
import { mutualInformation, mutualInformationSamples, type Samples } from '../../src/core/mutualInfo';
import { createRng } from '../../src/core/rng';
import { stateInputMI } from '../../src/core/stateInputMI';

const EULER = 0.5772156649015329;

describe('digamma', () => {
  it('matches known values to 1e-13', () => {
    const known: [number, number][] = [
      [1, -EULER],
      [2, 1 - EULER],
      [0.5, -EULER - 2 * Math.LN2],
      [0.25, -EULER - Math.PI / 2 - 3 * Math.LN2],
      [10, 1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5 + 1 / 6 + 1 / 7 + 1 / 8 + 1 / 9 - EULER],
      [0.1, -10.423754940411076],
      [100, 4.600161852738087],
      [1e6, 13.815510057964275],
    ];
    for (const [x, want] of known) expect(Math.abs(digamma(x) - want)).toBeLessThan(1e-13 * Math.max(1, Math.abs(want)));
  });
  it('satisfies ψ(x + 1) = ψ(x) + 1/x', () => {
    for (const x of [0.01, 0.3, 1.7, 5.5, 9.99, 42.3]) expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 11);
  });
  it('rejects x ≤ 0', () => {
    expect(() => digamma(0)).toThrow(/x > 0/);
    expect(() => digamma(-1.5)).toThrow(/x > 0/);
  });
});

/** M pairs of d-dimensional standard normals, component j of y correlated ρ with component j of x. */
function gaussPairs(M: number, d: number, rho: number, seed: number): { x: Samples; y: Samples } {
  const r = createRng(seed);
  const x = new Float64Array(M * d);
  const y = new Float64Array(M * d);
  const c = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < M * d; i++) {
    x[i] = r.normal();
    y[i] = rho * x[i] + c * r.normal();
  }
  return { x: { data: x, dim: d }, y: { data: y, dim: d } };
}

/** KSG algorithm 1 written the plain way (every distance in full), to check the fast one. */
function naiveKsg(x: Samples, y: Samples, M: number, k: number): number {
  const dist = (s: Samples, i: number, j: number) => {
    let d = 0;
    for (let c = 0; c < s.dim; c++) d = Math.max(d, Math.abs(s.data[i * s.dim + c] - s.data[j * s.dim + c]));
    return d;
  };
  let sum = 0;
  for (let i = 0; i < M; i++) {
    const joint: number[] = [];
    for (let j = 0; j < M; j++) if (j !== i) joint.push(Math.max(dist(x, i, j), dist(y, i, j)));
    const eps = joint.sort((a, b) => a - b)[k - 1];
    let nx = 0;
    let ny = 0;
    for (let j = 0; j < M; j++) {
      if (j === i) continue;
      if (dist(x, i, j) < eps) nx++;
      if (dist(y, i, j) < eps) ny++;
    }
    sum += digamma(nx + 1) + digamma(ny + 1);
  }
  return digamma(k) + digamma(M) - sum / M;
}

/**
 * Bias of the estimator (k = 5, M = 1,000 samples), measured over seeds 1–20: estimate − truth,
 * mean and standard deviation. Truth −(d/2)·ln(1 − ρ²). It underestimates, more so as the MI and
 * the dimension grow (the known behaviour of KSG).
 *   d  ρ    truth    bias     sd
 *   1  0    0        +0.005   0.015
 *   1  0.3  0.047    +0.000   0.021
 *   1  0.6  0.223    −0.003   0.027
 *   1  0.9  0.830    −0.001   0.037
 *   2  0    0        −0.003   0.010
 *   2  0.3  0.094    −0.011   0.020
 *   2  0.6  0.446    −0.021   0.028
 *   2  0.9  1.661    −0.086   0.037
 *   4  0    0        −0.002   0.017
 *   4  0.3  0.189    −0.043   0.021
 *   4  0.6  0.893    −0.220   0.035
 *   4  0.9  3.322    −1.017   0.047
 */
const BIAS: { d: number; rho: number; bias: number; sd: number }[] = [
  { d: 1, rho: 0.3, bias: 0.0001, sd: 0.0208 },
  { d: 1, rho: 0.6, bias: -0.0026, sd: 0.0272 },
  { d: 1, rho: 0.9, bias: -0.0011, sd: 0.0371 },
  { d: 2, rho: 0.3, bias: -0.0106, sd: 0.0201 },
  { d: 2, rho: 0.6, bias: -0.0211, sd: 0.0276 },
  { d: 2, rho: 0.9, bias: -0.0861, sd: 0.0368 },
  { d: 4, rho: 0.3, bias: -0.0427, sd: 0.0209 },
  { d: 4, rho: 0.6, bias: -0.22, sd: 0.0348 },
  { d: 4, rho: 0.9, bias: -1.0171, sd: 0.047 },
];

describe('mutual information (KSG algorithm 1)', () => {
  it('equals the plain all-distances computation exactly', () => {
    for (const [d, dy, rho] of [[1, 1, 0.5], [6, 2, 0.8]] as const) {
      const { x } = gaussPairs(300, d, rho, 3);
      const { x: y } = gaussPairs(300, dy, 0, 4);
      // y depends on x's first coordinates so the estimate is not trivial.
      for (let m = 0; m < 300; m++) y.data[m * dy] += x.data[m * d];
      expect(mutualInformationSamples(x, y, 300, 5)).toBeCloseTo(naiveKsg(x, y, 300, 5), 12);
      expect(mutualInformationSamples(y, x, 300, 3)).toBeCloseTo(naiveKsg(y, x, 300, 3), 12);
    }
  });

  it('correlated Gaussians: −(d/2)·ln(1 − ρ²) within the measured bias ± 4 sd', () => {
    for (const { d, rho, bias, sd } of BIAS) {
      const truth = (-d / 2) * Math.log(1 - rho * rho);
      for (const seed of [101, 102]) {
        const { x, y } = gaussPairs(1000, d, rho, seed);
        const est = mutualInformationSamples(x, y, 1000, 5);
        expect(Math.abs(est - truth - bias), `d=${d} ρ=${rho} seed ${seed}: ${est} vs ${truth}`).toBeLessThan(4 * sd);
      }
    }
  });

  it('independent variables give ≈ 0 (|I| < 0.06, four times the largest measured sd)', () => {
    for (const d of [1, 3]) {
      const { x, y } = gaussPairs(1000, d, 0, 7 + d);
      expect(Math.abs(mutualInformationSamples(x, y, 1000, 5))).toBeLessThan(0.06);
    }
  });

  it('takes arrays of vectors', () => {
    const r = createRng(5);
    const xs = Array.from({ length: 400 }, () => [r.normal()]);
    const ys = xs.map(([v]) => [0.8 * v + 0.6 * r.normal()]);
    const est = mutualInformation(xs, ys);
    expect(Math.abs(est - -0.5 * Math.log(1 - 0.64))).toBeLessThan(0.12);
  });

  it('a constant input is an error, not NaN', () => {
    const xs = Array.from({ length: 50 }, () => [1, 2]);
    const ys = Array.from({ length: 50 }, (_, i) => [Math.sin(i)]);
    expect(() => mutualInformation(xs, ys)).toThrow(/x is the same in all 50 samples/);
    expect(() => mutualInformation(ys, xs)).toThrow(/y is the same in all 50 samples/);
  });

  it('exact duplicates, too few samples and mismatched lengths are errors', () => {
    const xs = Array.from({ length: 40 }, (_, i) => [i % 4]);
    const ys = Array.from({ length: 40 }, (_, i) => [i % 2]);
    expect(() => mutualInformation(xs, ys)).toThrow(/duplicates/);
    expect(() => mutualInformation([[1], [2], [3]], [[1], [3], [2]])).toThrow(/more than k/);
    expect(() => mutualInformation([[1], [2]], [[1]])).toThrow(/2 samples of x, 1 of y/);
  });
});

describe('state–input mutual information', () => {
  // A "network" whose state is the previous input: h_t = x_{t−1}. The current input alone says
  // nothing about it; a window of two inputs contains it.
  const P = 20;
  const T = 60;
  const r = createRng(8);
  const x = new Float64Array(P * T).map(() => r.normal());
  const h = new Float64Array(P * T);
  for (let p = 0; p < P; p++) for (let t = 1; t < T; t++) h[p * T + t] = x[p * T + t - 1];
  const dims = { P, T, N: 1, I: 1 };

  it('pairs h_t with x_{t−m+1..t}: window 1 sees nothing, window 2 sees the state', () => {
    const one = stateInputMI(h, x, dims, { window: 1, from: 5 });
    const two = stateInputMI(h, x, dims, { window: 2, from: 5 });
    expect(one.samples).toBe(P * (T - 5));
    expect(Math.abs(one.mi)).toBeLessThan(0.06);
    // A deterministic relation (infinite MI): the estimate is large and grows with the samples
    // (2.7 nats from these 1,100).
    expect(two.mi).toBeGreaterThan(1.5);
    expect(two.dimInputs).toBe(2);
  });

  it('caps the samples evenly', () => {
    const res = stateInputMI(h, x, dims, { window: 2, from: 5, maxSamples: 300 });
    expect(res.samples).toBe(300);
    expect(res.mi).toBeGreaterThan(1.5);
  });

  it('rejects a window longer than the sequence', () => {
    expect(() => stateInputMI(h, x, dims, { window: T + 1 })).toThrow(/window/);
  });
});

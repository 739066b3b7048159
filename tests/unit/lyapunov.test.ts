import { describe, expect, it } from 'vitest';
import { gamma, gammaPrime } from '../../src/core/gamma';
import {
  LOG_COLLAPSE,
  lyapunovConvergence,
  lyapunovOfMap,
  lyapunovSpectrum,
  natsToBits,
  networkMap,
  type ActivationOverride,
  type TangentMap,
} from '../../src/core/lyapunov';
import { createRng } from '../../src/core/rng';

const linear: ActivationOverride = { value: (a) => a, slope: () => 1 };

/** A random N×N orthogonal matrix (Gram–Schmidt of a Gaussian one), float64, row-major. */
function randomOrthogonal(N: number, seed: number): Float64Array {
  const r = createRng(seed);
  const Q = new Float64Array(N * N).map(() => r.normal());
  for (let i = 0; i < N; i++) {
    for (let p = 0; p < i; p++) {
      let d = 0;
      for (let j = 0; j < N; j++) d += Q[i * N + j] * Q[p * N + j];
      for (let j = 0; j < N; j++) Q[i * N + j] -= d * Q[p * N + j];
    }
    const nrm = Math.hypot(...Q.subarray(i * N, (i + 1) * N));
    for (let j = 0; j < N; j++) Q[i * N + j] /= nrm;
  }
  return Q;
}

/** A generic TangentMap: h ← M·h (column convention), for checking the QR method alone. */
function matrixMap(M: Float64Array, d: number): TangentMap {
  const tmp = new Float64Array(d);
  const apply = (src: Float64Array, so: number, dst: Float64Array, dO: number) => {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += M[i * d + j] * src[so + j];
      dst[dO + i] = s;
    }
  };
  return {
    dim: d,
    advance(h) {
      apply(h, 0, tmp, 0);
      h.set(tmp);
    },
    pushForward(Q, k, out) {
      for (let c = 0; c < k; c++) apply(Q, c * d, out, c * d);
    },
  };
}

/** A saturating random network: V ~ N(0, g²/N), s = 1, n = gain, b centring the pre-activations. */
function saturatingNet(N: number, g: number, n: number, seed: number) {
  const r = createRng(seed);
  const V = new Float64Array(N * N).map(() => (g / Math.sqrt(N)) * r.normal());
  const b = new Float64Array(N);
  // σ outputs average ≈ 1/2: subtract half of each column sum so a_i is centred on 0.
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) b[i] -= 0.5 * V[j * N + i];
  return { V, b, n, s: 1 };
}

describe('Lyapunov spectrum: linear maps with known exponents', () => {
  it('a diagonal linear map gives log|d_i| (descending) to 1e-3', () => {
    const d = [2, -1.5, 0.9, 0.5, -0.2, 0.05];
    const N = d.length;
    const V = new Float64Array(N * N);
    d.forEach((v, i) => (V[i * N + i] = v));
    const ex = lyapunovOfMap(networkMap({ V, b: new Float64Array(N), n: 1, s: 0 }, linear), { k: N, steps: 2000, burnIn: 0, seed: 3, h0: new Float64Array(N) });
    const want = d.map((v) => Math.log(Math.abs(v))).sort((a, b) => b - a);
    ex.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-3));
  });

  it('a non-normal (triangular) linear map gives the logs of its diagonal', () => {
    // h ← h·V with V upper triangular: the Jacobian Vᵀ is lower triangular, eigenvalues the diagonal.
    const N = 4;
    const V = Float64Array.from([1.5, 0.7, -0.3, 0.2, 0, 0.6, 0.9, -0.4, 0, 0, -0.3, 0.5, 0, 0, 0, 0.1]);
    const ex = lyapunovOfMap(networkMap({ V, b: new Float64Array(N), n: 1, s: 0 }, linear), { k: N, steps: 3000, burnIn: 0, seed: 1, h0: new Float64Array(N) });
    [1.5, 0.6, 0.3, 0.1].forEach((v, i) => expect(Math.abs(ex[i] - Math.log(v))).toBeLessThan(2e-3));
  });

  it('an orthogonal map gives all exponents 0; scaled by c, all log c', () => {
    const N = 10;
    const R = randomOrthogonal(N, 7);
    for (const c of [1, 0.7, 1.3]) {
      const M = R.map((v) => c * v);
      const ex = lyapunovOfMap(matrixMap(M, N), { k: 6, steps: 500, burnIn: 10, seed: 2 });
      // Exact in exact arithmetic: every r_ii is c; only rounding remains.
      for (const v of ex) expect(Math.abs(v - Math.log(c))).toBeLessThan(1e-10);
    }
  });

  it('a zero Jacobian counts the collapse floor, not −∞ or NaN', () => {
    const N = 3;
    const ex = lyapunovOfMap(networkMap({ V: new Float64Array(N * N), b: new Float64Array(N), n: 1, s: 0 }, linear), { k: 2, steps: 50, burnIn: 0 });
    for (const v of ex) expect(v).toBeCloseTo(LOG_COLLAPSE, 9);
  });

  it('natsToBits', () => {
    expect(natsToBits(Math.LN2)).toBeCloseTo(1, 15);
    expect(natsToBits(-1)).toBeCloseTo(-1 / Math.LN2, 15);
  });
});

describe('Lyapunov spectrum of γ networks', () => {
  it('the tangent map is the derivative of the step (central finite differences)', () => {
    // A non-symmetric V with per-neuron n, s: J·q = diag(γ′(a))·Vᵀ·q, not diag(γ′(a))·V·q.
    const N = 5;
    const r = createRng(12);
    const net = {
      V: new Float64Array(N * N).map(() => r.normal()),
      b: new Float64Array(N).map(() => 0.5 * r.normal()),
      n: new Float64Array(N).map(() => 1 + 5 * r.next()),
      s: new Float64Array(N).map(() => r.next()),
    };
    const h = new Float64Array(N).map(() => r.next());
    const Q = new Float64Array(2 * N).map(() => r.normal());
    const map = networkMap(net);
    map.advance(h.slice());
    const JQ = new Float64Array(2 * N);
    map.pushForward(Q, 2, JQ);
    const d = 1e-6;
    for (let c = 0; c < 2; c++) {
      const up = h.map((v, i) => v + d * Q[c * N + i]);
      const dn = h.map((v, i) => v - d * Q[c * N + i]);
      map.advance(up);
      map.advance(dn);
      for (let i = 0; i < N; i++) expect(Math.abs((up[i] - dn[i]) / (2 * d) - JQ[c * N + i])).toBeLessThan(1e-7);
    }
  });

  it('at the fixed point of a contracting network, the exponents are log|eig(J*)|', () => {
    // V = Q·diag(λ)·Qᵀ symmetric; b puts the fixed point at a* = c for every neuron, so
    // J* = γ′(c)·Vᵀ has eigenvalues γ′(c)·λ. With s = 0, γ′ ≤ 1 and ‖V‖ = 0.95: a global contraction.
    const lam = [0.95, -0.8, 0.6, 0.4, -0.25, 0.1];
    const N = lam.length;
    const Q = randomOrthogonal(N, 11);
    const V = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) for (let m = 0; m < N; m++) V[i * N + j] += Q[i * N + m] * lam[m] * Q[j * N + m];
    const n = 1.7;
    const s = 0;
    const c = 0.3;
    const hStar = gamma(c, n, s);
    const b = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let col = 0;
      for (let j = 0; j < N; j++) col += V[j * N + i];
      b[i] = c - hStar * col;
    }
    // The map iterated from the origin reaches h* (the point the exponents are measured at).
    const h = new Float64Array(N);
    const map = networkMap({ V, b, n, s });
    for (let t = 0; t < 600; t++) map.advance(h);
    for (const v of h) expect(v).toBeCloseTo(hStar, 12);

    const ex = lyapunovSpectrum({ V, b, n, s }, { k: N, steps: 4000, burnIn: 600, seed: 5 });
    const want = lam.map((l) => Math.log(gammaPrime(c, n, s) * Math.abs(l))).sort((x, y) => y - x);
    // The frame's transient towards the eigenvectors decays as (0.8/0.95)^t; over 4,000 steps its
    // share of the average is well below 1e-3.
    ex.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-3));
  });

  it('per-neuron n and s are honoured: each group contributes its own slope', () => {
    // V = 0.8·I: neurons are independent 1-D maps. b_i = −0.8·γ(0; n_i, s_i) puts every
    // neuron's fixed point at a* = 0, where γ′(0) = (1 − s)/2 + s·n/4.
    const N = 8;
    const V = new Float64Array(N * N);
    for (let i = 0; i < N; i++) V[i * N + i] = 0.8;
    const nArr = [1, 1, 1, 1, 3, 3, 3, 3];
    const sArr = [0, 0, 0, 0, 1, 1, 1, 1];
    const b = nArr.map((n, i) => -0.8 * gamma(0, n, sArr[i]));
    const opts = { k: N, steps: 20_000, burnIn: 200, seed: 1 };
    const hetero = lyapunovSpectrum({ V, b, n: nArr, s: sArr }, opts);
    // Group B (n = 3, s = 1): 0.8·3/4 = 0.6; group A (softplus): 0.8·1/2 = 0.4. The random initial
    // frame needs a few steps to split into the two eigenspaces (rate 0.4/0.6 per step); that
    // transient shifts an exponent's sum by up to 2.3 nats (measured; errors fall as 1/steps),
    // i.e. ≤ 1.2e-4 over 20,000 steps. The two groups are 0.41 apart.
    hetero.slice(0, 4).forEach((v) => expect(Math.abs(v - Math.log(0.6))).toBeLessThan(2e-4));
    hetero.slice(4).forEach((v) => expect(Math.abs(v - Math.log(0.4))).toBeLessThan(2e-4));
    // The scalar network (every neuron softplus) is uniformly log 0.4: J* = 0.4·I, no transient.
    const scalar = lyapunovSpectrum({ V, b: new Array(N).fill(-0.8 * gamma(0, 1, 0)), n: 1, s: 0 }, opts);
    scalar.forEach((v) => expect(v).toBeCloseTo(Math.log(0.4), 9));
  });

  it('a saturating network with large gain is chaotic (λ₁ > 0); the same weights scaled down are not', () => {
    const net = saturatingNet(32, 3, 8, 4);
    const ex = lyapunovSpectrum(net, { k: 3, steps: 2000, burnIn: 300, seed: 1 });
    expect(ex[0]).toBeGreaterThan(0.2);
    const tame = { ...net, V: net.V.map((v) => v * 0.1), b: net.b.map((v) => v * 0.1) };
    expect(lyapunovSpectrum(tame, { k: 3, steps: 2000, burnIn: 300, seed: 1 })[0]).toBeLessThan(-0.3);
  });

  it('does not depend on the initial frame: seeds agree within the sampling spread', () => {
    const net = saturatingNet(32, 3, 8, 4);
    const h0 = new Float64Array(32).map((_, i) => 0.1 * Math.sin(i + 1));
    // Same trajectory (same h0), different frames: frames align exponentially fast, so only a
    // transient of a few steps differs — O(1/steps) in the averages. Measured: the three exponents
    // spread over at most 2.8e-3 across 8 seeds.
    const sameState = [1, 2, 3, 4].map((seed) => lyapunovSpectrum(net, { k: 3, steps: 2000, burnIn: 300, seed, h0 }));
    for (const ex of sameState) ex.forEach((v, i) => expect(Math.abs(v - sameState[0][i])).toBeLessThan(6e-3));
    // Different states too (the seed also draws h0): different stretches of the chaotic orbit,
    // a sampling error of order 1/√steps. Measured: λ₁ ≈ 0.40, range 0.026 across 8 seeds.
    const l1 = [1, 2, 3, 4].map((seed) => lyapunovSpectrum(net, { k: 1, steps: 2000, burnIn: 300, seed })[0]);
    expect(Math.max(...l1) - Math.min(...l1)).toBeLessThan(0.05);
  });

  it('burn-in advances the state only: the same as starting from the state it reaches', () => {
    const net = saturatingNet(16, 3, 8, 3);
    const h0 = new Float64Array(16).fill(0.05);
    const later = h0.slice();
    const map = networkMap(net);
    for (let t = 0; t < 150; t++) map.advance(later);
    const withBurnIn = lyapunovSpectrum(net, { k: 3, steps: 300, burnIn: 150, seed: 4, h0 });
    expect(lyapunovSpectrum(net, { k: 3, steps: 300, burnIn: 0, seed: 4, h0: later })).toEqual(withBurnIn);
    // …and it matters: on a chaotic orbit a different start gives different finite-time averages.
    expect(lyapunovSpectrum(net, { k: 3, steps: 300, burnIn: 0, seed: 4, h0 })).not.toEqual(withBurnIn);
  });

  it('the convergence trace ends at the spectrum and is sampled every `every` steps', () => {
    const net = saturatingNet(16, 3, 8, 2);
    const opts = { k: 2, steps: 1000, burnIn: 100, seed: 9 };
    const tr = lyapunovConvergence(net, { ...opts, every: 300 });
    expect(tr.steps).toEqual([300, 600, 900, 1000]);
    expect(tr.estimates[tr.estimates.length - 1]).toEqual(lyapunovSpectrum(net, opts));
  });

  it('a state that leaves the float64 range is an error, not NaN exponents', () => {
    const N = 3;
    const V = new Float64Array(N * N);
    for (let i = 0; i < N; i++) V[i * N + i] = 3;
    expect(() => lyapunovSpectrum({ V, b: new Float64Array(N), n: 1, s: 0 }, { k: 1, steps: 2000, burnIn: 0 })).toThrow(/float64/);
  });

  it('rejects a k larger than the network', () => {
    expect(() => lyapunovSpectrum({ V: [1], b: [0], n: 1, s: 0 }, { k: 2, steps: 10, burnIn: 0 })).toThrow(/k = 2/);
  });
});

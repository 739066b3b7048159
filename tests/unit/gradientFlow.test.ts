import { describe, expect, it } from 'vitest';
import { gamma, gammaPrime } from '../../src/core/gamma';
import { gradientFlow, stepJacobian } from '../../src/core/gradientFlow';
import { addInput, recurrentPreact, runProbes, toNet64 } from '../../src/core/netFloat64';
import { gradientCell, miCell, untrainedSetup } from '../../src/core/nsMaps';
import { createRng } from '../../src/core/rng';

function randomNet(N: number, I: number, seed: number) {
  const r = createRng(seed);
  return {
    U: new Float64Array(I * N).map(() => r.normal()),
    V: new Float64Array(N * N).map(() => (1.2 / Math.sqrt(N)) * r.normal()),
    b: new Float64Array(N).map(() => 0.3 * r.normal()),
    n: new Float64Array(N).map(() => 1 + 4 * r.next()),
    s: new Float64Array(N).map(() => r.next()),
  };
}

/** One step h ← γ(x·U + h·V + b) of a network, in float64. */
function step(net: ReturnType<typeof randomNet>, I: number, h: Float64Array, x: Float64Array) {
  const m = toNet64(net);
  const a = new Float64Array(m.N);
  recurrentPreact(h, m.Vt, m.b, m.N, a);
  addInput(x, 0, Float64Array.from(net.U), I, m.N, a);
  return { a, h: a.map((v, i) => gamma(v, m.n[i], m.s[i])) };
}

describe('step Jacobian', () => {
  it('diag(γ′(a))·Vᵀ matches central finite differences of one step', () => {
    const N = 6;
    const I = 2;
    const net = randomNet(N, I, 1);
    const r = createRng(2);
    const h = new Float64Array(N).map(() => r.next());
    const x = new Float64Array(I).map(() => r.normal());
    const { a } = step(net, I, h, x);
    const J = stepJacobian(net.V, a.map((v, i) => gammaPrime(v, net.n[i], net.s[i])), N);
    const d = 1e-6;
    for (let j = 0; j < N; j++) {
      const up = h.slice();
      const dn = h.slice();
      up[j] += d;
      dn[j] -= d;
      const hu = step(net, I, up, x).h;
      const hd = step(net, I, dn, x).h;
      // Central differences: error O(d²·|γ‴|) plus rounding O(ε/d) ≈ 1e-10.
      for (let i = 0; i < N; i++) expect(Math.abs((hu[i] - hd[i]) / (2 * d) - J[i * N + j])).toBeLessThan(1e-8);
    }
  });
});

describe('gradient propagation', () => {
  it('a linear network with V = c·I gives ‖∂h_T/∂h_t‖ = c^(T−t) exactly', () => {
    // s = 0, n = 100 and pre-activations ≥ 1: γ′ = σ(n·a) = 1 in float64, so γ is the identity.
    const N = 5;
    const T = 30;
    for (const c of [0.9, 1.1]) {
      const V = new Float64Array(N * N);
      for (let i = 0; i < N; i++) V[i * N + i] = c;
      const net = { U: new Float64Array(N).fill(0.01), V, b: new Float64Array(N).fill(1), n: 100, s: 0 };
      const x = new Float64Array(3 * T).map((_, i) => Math.cos(i));
      const g = gradientFlow(net, x, 3, T);
      expect(g.lags).toHaveLength(T + 1);
      g.lags.forEach((lag) => {
        expect(g.meanLog[lag]).toBeCloseTo(lag * Math.log(c), 12);
        expect(g.q10[lag]).toBeCloseTo(lag * Math.log(c), 12);
        expect(g.q90[lag]).toBeCloseTo(lag * Math.log(c), 12);
      });
      expect(g.stepNorm).toBeCloseTo(c, 12);
    }
  });

  it('on a nonlinear network, equals the RMS singular value of the explicit Jacobian product', () => {
    const N = 4;
    const I = 2;
    const T = 7;
    const P = 3;
    const net = randomNet(N, I, 5);
    const r = createRng(6);
    const x = new Float64Array(P * T * I).map(() => r.normal());
    const g = gradientFlow(net, x, P, T, { maxLag: 5 });
    expect(g.lags).toEqual([0, 1, 2, 3, 4, 5]);
    const run = runProbes(net, x, P, T);
    let stepSum = 0;
    const perProbe: number[][] = [];
    for (let p = 0; p < P; p++) {
      // ∂h_T/∂h_{T−lag} = J_T·…·J_{T−lag+1}, J_t from the slopes at step t (index t − 1).
      let G = Float64Array.from({ length: N * N }, (_, i) => (i % (N + 1) === 0 ? 1 : 0));
      const logs = [0];
      for (let lag = 1; lag <= 5; lag++) {
        const J = stepJacobian(net.V, run.slope.subarray((p * T + T - lag) * N, (p * T + T - lag + 1) * N), N);
        const next = new Float64Array(N * N);
        for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) for (let m = 0; m < N; m++) next[i * N + j] += G[i * N + m] * J[m * N + j];
        G = next;
        logs.push(Math.log(Math.sqrt(G.reduce((s, v) => s + v * v, 0) / N)));
      }
      perProbe.push(logs);
      for (let t = 0; t < T; t++) {
        const J = stepJacobian(net.V, run.slope.subarray((p * T + t) * N, (p * T + t + 1) * N), N);
        stepSum += Math.sqrt(J.reduce((s, v) => s + v * v, 0) / N);
      }
    }
    g.lags.forEach((lag) => {
      const mean = perProbe.reduce((s, l) => s + l[lag], 0) / P;
      expect(g.meanLog[lag]).toBeCloseTo(mean, 12);
      expect(g.q50[lag]).toBeCloseTo([...perProbe.map((l) => l[lag])].sort((a, b) => a - b)[1], 12);
    });
    expect(g.stepNorm).toBeCloseTo(stepSum / (P * T), 12);
  });
});

describe('(n, s) map cells of untrained networks', () => {
  const u = untrainedSetup({ hidden: 16, seed: 3, steps: 30, probes: 4 });

  it('gradient cell: for the orthogonal initial V, the RMS of γ′ over neurons, averaged', () => {
    for (const [n, s] of [[1, 0], [6, 0.5], [20, 1]]) {
      const run = runProbes({ U: u.U, V: u.V, b: u.b, n, s }, u.x, u.P, u.T);
      let sum = 0;
      for (let m = 0; m < u.P * u.T; m++) sum += Math.sqrt(run.slope.subarray(m * 16, (m + 1) * 16).reduce((a, g) => a + g * g, 0) / 16);
      // Henaff V is orthogonal up to float32 rounding of its entries (columns of norm 1 ± 1e-7).
      expect(gradientCell(u, n, s)).toBeCloseTo(sum / (u.P * u.T), 6);
    }
    // Softplus slopes are below 1; a steep sigmoid (n = 20, s = 1) reaches γ′ = 5 near 0.
    expect(gradientCell(u, 1, 0)).toBeLessThan(1);
    expect(gradientCell(u, 20, 1)).toBeGreaterThan(gradientCell(u, 1, 1));
  });

  it('the same seed gives the same cells; another seed other weights', () => {
    const again = untrainedSetup({ hidden: 16, seed: 3, steps: 30, probes: 4 });
    expect(gradientCell(again, 3, 0.3)).toBe(gradientCell(u, 3, 0.3));
    const other = untrainedSetup({ hidden: 16, seed: 4, steps: 30, probes: 4 });
    expect(gradientCell(other, 3, 0.3)).not.toBe(gradientCell(u, 3, 0.3));
  });

  it('MI cell: finite, and more information about recent inputs with a softplus than a hard step', () => {
    const mi = untrainedSetup({ hidden: 16, seed: 3, steps: 40, probes: 10 });
    const soft = miCell(mi, 1, 0, { window: 2 });
    const step = miCell(mi, 50, 1, { window: 2 });
    expect(Number.isFinite(soft)).toBe(true);
    expect(soft).toBeGreaterThan(step);
  });
});

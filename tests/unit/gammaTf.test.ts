import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { gammaTf } from '../../src/core/gammaTf';
import { loadGrid, withinTol } from './referenceGrid';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const grid = loadGrid();

/** Value and gradients of sum(γ(x; n, s)) at scalar n, s, for a vector of x. */
function evalOp(xs: number[], n: number, s: number) {
  return tf.tidy(() => {
    const x = tf.tensor1d(xs);
    const nT = tf.scalar(n);
    const sT = tf.scalar(s);
    const y = gammaTf(x, nT, sT);
    const [gx] = tf.grads((a: tf.Tensor) => gammaTf(a, nT, sT))([x]);
    // Per-element ∂γ/∂n and ∂γ/∂s: differentiate one element at a time via a one-hot weighting.
    const perN: number[] = [];
    const perS: number[] = [];
    for (let i = 0; i < xs.length; i++) {
      const xi = tf.scalar(xs[i]);
      const [dn, ds] = tf.grads((a: tf.Tensor, b: tf.Tensor) => gammaTf(xi, a, b))([nT, sT]);
      perN.push(dn.dataSync()[0]);
      perS.push(ds.dataSync()[0]);
    }
    return { y: Array.from(y.dataSync()), dx: Array.from(gx.dataSync()), dn: perN, ds: perS };
  });
}

describe('gammaTf (cpu, float32) against the reference grid', () => {
  it('value and all three gradients within 2e-4 relative or 1e-5 absolute', () => {
    const bad: string[] = [];
    const groups = new Map<string, typeof grid>();
    for (const r of grid) {
      const k = `${r.n},${r.s}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const rows of groups.values()) {
      const { n, s } = rows[0];
      const got = evalOp(rows.map((r) => r.x), n, s);
      rows.forEach((r, i) => {
        const pairs: [string, number, number][] = [
          ['gamma', got.y[i], r.gamma],
          ['dx', got.dx[i], r.dx],
          ['dn', got.dn[i], r.dn],
          ['ds', got.ds[i], r.ds],
        ];
        for (const [k, g, ref] of pairs) {
          if (!withinTol(g, ref, 2e-4, 1e-5)) bad.push(`${k} x=${r.x} n=${n} s=${s}: ${g} vs ${ref}`);
        }
      });
    }
    expect(bad).toEqual([]);
  });
});

describe('gammaTf custom gradient against central finite differences', () => {
  it('per-neuron n and s vectors broadcast and reduce correctly', () => {
    // float64 is unavailable on the cpu backend; use a loss of moderate curvature and eps = 1e-2.
    const x0 = [[-1.3, 0.4, 2.1], [0.7, -0.2, -2.5]];
    const n0 = [0.8, 3, 6];
    const s0 = [0.1, 0.5, 0.9];
    const w = tf.tensor2d([[0.3, -1.1, 0.7], [1.4, 0.2, -0.6]]);
    const loss = (x: tf.Tensor, n: tf.Tensor, s: tf.Tensor) => tf.sum(tf.mul(gammaTf(x, n, s), w)) as tf.Scalar;
    const args = [tf.tensor2d(x0), tf.tensor1d(n0), tf.tensor1d(s0)];
    const grads = tf.grads(loss)(args).map((g) => Array.from(g.dataSync()));
    expect(grads[1].length).toBe(3);
    expect(grads[2].length).toBe(3);
    const eps = 1e-2;
    args.forEach((arg, which) => {
      const base = Array.from(arg.dataSync());
      base.forEach((_, i) => {
        const shift = (d: number) => {
          const v = base.slice();
          v[i] += d;
          const moved = args.map((a, j) => (j === which ? tf.tensor(v, a.shape) : a));
          return loss(moved[0], moved[1], moved[2]).dataSync()[0];
        };
        const fd = (shift(eps) - shift(-eps)) / (2 * eps);
        expect(Math.abs(fd - grads[which][i])).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
      });
    });
  });
});

describe('gammaTf is finite over the stability range', () => {
  it('n in [0.01, 500], x in [-100, 100], s in {0, 0.5, 1}', () => {
    const xs: number[] = [];
    for (let x = -100; x <= 100; x += 0.25) xs.push(x);
    for (const n of [0.01, 0.1, 1, 10, 100, 500]) {
      for (const s of [0, 0.5, 1]) {
        const out = tf.tidy(() => {
          const x = tf.tensor1d(xs);
          const nT = tf.scalar(n);
          const sT = tf.scalar(s);
          const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(gammaTf(a, b, c)) as tf.Scalar;
          const g = tf.grads(f)([x, nT, sT]);
          return [gammaTf(x, nT, sT), ...g].map((t) => Array.from(t.dataSync()));
        });
        for (const arr of out) for (const v of arr) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });
});

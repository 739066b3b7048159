import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { gammaTf } from '../../src/core/gammaTf';
import { henaffOrthogonal } from '../../src/core/init';
import { createRng } from '../../src/core/rng';
import {
  createRnn,
  disposeRnn,
  forward,
  listVariables,
  lossAndAccuracy,
  trainableVariables,
  type RnnParams,
  type RnnSpec,
} from '../../src/core/rnn';
import type { Mode } from '../../src/state/schema';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const B = 3;
const T = 5;
const I = 2;
const N = 4;
const C = 3;

function spec(mode: Mode, readout: 'last' | 'all'): RnnSpec {
  return { inputs: I, hidden: N, classes: C, readout, mode, n0: 2.5, s0: 0.3 };
}

/** Inputs and targets; for 'all', every other step is unscored (−1) to exercise the mask. */
function data(readout: 'last' | 'all', seed = 7) {
  const r = createRng(seed);
  const x = tf.tensor3d(Float32Array.from({ length: B * T * I }, () => r.normal()), [B, T, I]);
  const y =
    readout === 'last'
      ? tf.tensor1d(Int32Array.from({ length: B }, () => r.int(C)), 'int32')
      : tf.tensor2d(Int32Array.from({ length: B * T }, (_, i) => (i % 2 ? -1 : r.int(C))), [B, T], 'int32');
  return { x, y };
}

/** Spread n, s (heterogeneous) and b away from their uniform starts so every entry matters differently. */
function perturb(p: RnnParams, seed: number) {
  const r = createRng(seed);
  const jitter = (v: tf.Variable, scale: number, base = 0) =>
    v.assign(tf.add(v, tf.tensor(Float32Array.from({ length: v.size }, () => base + scale * r.normal()), v.shape)));
  jitter(p.b, 0.3);
  jitter(p.bo, 0.3);
  if (p.n && p.n.size > 1) jitter(p.n, 0.5);
  if (p.s && p.s.size > 1) p.s.assign(tf.tensor1d(Float32Array.from({ length: p.s.size }, () => 0.1 + 0.8 * r.next())));
}

function lossOf(p: RnnParams, sp: RnnSpec, x: tf.Tensor3D, y: tf.Tensor): number {
  return tf.tidy(() => lossAndAccuracy(forward(p, sp, x).logits, y, sp.readout).loss.dataSync()[0]);
}

/**
 * Central differences in float32. The loss (≈ 1–2) is rounded to ~1.2e-7 relative, so with step
 * h = 5e-3 the rounding error of (L+ − L−)/2h is ≈ 2·2e-7/1e-2 ≈ 5e-5, and the truncation error
 * h²·L‴/6 is ≈ 4e-6·L‴. Tolerance 3e-4 + 3 % of the value covers both with room, while a wrong
 * term in the backward pass (e.g. a missing V-path or a dropped γ′ factor) moves entries by far
 * more: every checked variable must have entries above 5e-3, so the test can fail.
 */
const H = 5e-3;
const ABS = 3e-4;
const REL = 3e-2;

function checkGradients(mode: Mode, readout: 'last' | 'all') {
  const sp = spec(mode, readout);
  const p = createRnn(sp, createRng(11));
  perturb(p, 12);
  const { x, y } = data(readout);
  const vars = trainableVariables(p, sp);
  const names = new Map(listVariables(p).map(({ name, variable }) => [variable, name]));
  const { grads } = tf.variableGrads(() => lossAndAccuracy(forward(p, sp, x).logits, y, readout).loss, vars);
  const bad: string[] = [];
  const largest: Record<string, number> = {};
  for (const v of vars) {
    const name = names.get(v) as string;
    const g = grads[v.name].dataSync();
    const base = v.dataSync().slice();
    largest[name] = 0;
    for (let j = 0; j < base.length; j++) {
      const at = (d: number) => {
        const w = base.slice();
        w[j] += d;
        v.assign(tf.tensor(w, v.shape));
        return lossOf(p, sp, x, y);
      };
      const fd = (at(H) - at(-H)) / (2 * H);
      v.assign(tf.tensor(base, v.shape));
      largest[name] = Math.max(largest[name], Math.abs(fd));
      if (Math.abs(g[j] - fd) > ABS + REL * Math.abs(fd)) bad.push(`${name}[${j}]: analytic ${g[j]} vs fd ${fd}`);
    }
  }
  tf.dispose([x, y, ...Object.values(grads)]);
  disposeRnn(p);
  expect(bad).toEqual([]);
  for (const [name, m] of Object.entries(largest)) expect(m, `${name} has a non-trivial gradient`).toBeGreaterThan(5e-3);
  return Object.keys(largest);
}

describe('gradients of the whole loss vs central finite differences (N=4, T=5, B=3, float32)', () => {
  it('homogeneous γ (scalar n, s), readout last: U, V, b, Wo, bo, n, s', () => {
    expect(checkGradients('homogeneous', 'last')).toEqual(['U', 'V', 'b', 'Wo', 'bo', 'n', 's']);
  });
  it('heterogeneous γ (per-neuron n, s), readout all with masked steps', () => {
    expect(checkGradients('heterogeneous', 'all')).toEqual(['U', 'V', 'b', 'Wo', 'bo', 'n', 's']);
  });
  it('tanh, readout last', () => {
    expect(checkGradients('tanh', 'last')).toEqual(['U', 'V', 'b', 'Wo', 'bo']);
  });
});

/** The textbook unroll: autograd through gammaTf (or tanh / relu) step by step. */
function referenceLoss(p: RnnParams, sp: RnnSpec, x: tf.Tensor3D, y: tf.Tensor): tf.Scalar {
  const xs = tf.unstack(x, 1);
  const act = (a: tf.Tensor) =>
    sp.mode === 'tanh' ? tf.tanh(a) : sp.mode === 'relu' ? tf.relu(a) : gammaTf(a, p.n as tf.Tensor, p.s as tf.Tensor);
  let h: tf.Tensor = tf.zeros([x.shape[0], sp.hidden]);
  const hs: tf.Tensor[] = [];
  for (const xt of xs) {
    h = act(tf.add(tf.add(tf.matMul(xt, p.U), tf.matMul(h as tf.Tensor2D, p.V)), p.b));
    hs.push(h);
  }
  const logits =
    sp.readout === 'last'
      ? tf.add(tf.matMul(h as tf.Tensor2D, p.Wo), p.bo)
      : tf.stack(hs.map((ht) => tf.add(tf.matMul(ht as tf.Tensor2D, p.Wo), p.bo)), 1);
  return lossAndAccuracy(logits, y, sp.readout).loss;
}

describe('fused unroll (hand-written BPTT) agrees with autograd through gammaTf', () => {
  for (const [mode, readout] of [
    ['homogeneous', 'last'],
    ['heterogeneous', 'all'],
    ['static', 'all'],
    ['relu', 'last'],
    ['tanh', 'all'],
  ] as const) {
    it(`${mode}, readout ${readout}: loss and every gradient to 1e-5 relative`, () => {
      const sp = spec(mode, readout);
      const p = createRnn(sp, createRng(21));
      perturb(p, 22);
      const { x, y } = data(readout, 23);
      const vars = trainableVariables(p, sp);
      const fused = tf.variableGrads(() => lossAndAccuracy(forward(p, sp, x).logits, y, readout).loss, vars);
      const ref = tf.variableGrads(() => referenceLoss(p, sp, x, y), vars);
      expect(fused.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0], 5);
      for (const v of vars) {
        const a = fused.grads[v.name].dataSync();
        const b = ref.grads[v.name].dataSync();
        const scale = Math.max(...Array.from(b, Math.abs));
        expect(scale).toBeGreaterThan(1e-4);
        for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-5 * scale + 1e-7);
      }
      tf.dispose([fused.value, ref.value, ...Object.values(fused.grads), ...Object.values(ref.grads), x, y]);
      disposeRnn(p);
    });
  }
});

describe('forward shapes and states', () => {
  it('logits [B, C] for last, [B, T, C] for all; keepStates gives h and a with h = γ(a)', () => {
    const sp = spec('heterogeneous', 'all');
    const p = createRnn(sp, createRng(1));
    perturb(p, 2);
    const { x } = data('all');
    const r = forward(p, sp, x, { keepStates: true });
    expect(r.logits.shape).toEqual([B, T, C]);
    expect(r.states?.shape).toEqual([B, T, N]);
    expect(r.preacts?.shape).toEqual([B, T, N]);
    const again = gammaTf(r.preacts as tf.Tensor, p.n as tf.Tensor, p.s as tf.Tensor).dataSync();
    const h = (r.states as tf.Tensor).dataSync();
    for (let i = 0; i < h.length; i++) expect(again[i]).toBeCloseTo(h[i], 5);
    // a_1 = x_1·U + b (h_0 = 0).
    const a1 = tf.add(tf.matMul(tf.reshape(tf.slice(x, [0, 0, 0], [B, 1, I]), [B, I]), p.U), p.b).dataSync();
    const a = (r.preacts as tf.Tensor).dataSync();
    for (let b = 0; b < B; b++) for (let k = 0; k < N; k++) expect(a[b * T * N + k]).toBeCloseTo(a1[b * N + k], 5);
    const last = forward(p, { ...sp, readout: 'last' }, x).logits;
    expect(last.shape).toEqual([B, C]);
    disposeRnn(p);
  });

  it('variables: scalar n, s (trainable only when learned), [N] when heterogeneous, none for tanh/relu', () => {
    const shapes = (mode: Mode) => {
      const sp = spec(mode, 'last');
      const p = createRnn(sp, createRng(1));
      const out = {
        n: p.n ? [p.n.shape, p.n.trainable] : null,
        trainable: trainableVariables(p, sp).length,
        listed: listVariables(p).map((v) => v.name).join(','),
      };
      disposeRnn(p);
      return out;
    };
    expect(shapes('static')).toEqual({ n: [[], false], trainable: 5, listed: 'U,V,b,Wo,bo,n,s' });
    expect(shapes('homogeneous')).toEqual({ n: [[], true], trainable: 7, listed: 'U,V,b,Wo,bo,n,s' });
    expect(shapes('heterogeneous')).toEqual({ n: [[N], true], trainable: 7, listed: 'U,V,b,Wo,bo,n,s' });
    expect(shapes('relu')).toEqual({ n: null, trainable: 5, listed: 'U,V,b,Wo,bo' });
  });

  it('createRnn leaves exactly one tensor per variable (no initial values kept alive)', () => {
    for (const mode of ['heterogeneous', 'tanh'] as Mode[]) {
      const before = tf.memory().numTensors;
      const p = createRnn(spec(mode, 'last'), createRng(3));
      expect(tf.memory().numTensors - before).toBe(listVariables(p).length);
      disposeRnn(p);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('lossAndAccuracy: masked entries do not count; accuracy over scored entries only', () => {
    // Two scored rows: one right (logit 5 on class 1), one wrong; the masked row is wrong but ignored.
    const logits = tf.tensor3d([[[0, 5, 0], [5, 0, 0], [0, 0, 5]]]);
    const y = tf.tensor2d([[1, 2, -1]], [1, 3], 'int32');
    const { loss, acc } = lossAndAccuracy(logits, y, 'all');
    expect(acc.dataSync()[0]).toBeCloseTo(0.5, 6);
    const l = (z: number[], k: number) => -(z[k] - Math.log(z.reduce((s, v) => s + Math.exp(v), 0)));
    expect(loss.dataSync()[0]).toBeCloseTo((l([0, 5, 0], 1) + l([5, 0, 0], 2)) / 2, 4);
  });
});

describe('Henaff init', () => {
  for (const n of [6, 7]) {
    it(`V is orthogonal with 2×2 rotation blocks, angles in (−π, 0) (N = ${n}${n % 2 ? ', last diagonal entry 1' : ''})`, () => {
      const v = henaffOrthogonal(n, createRng(5));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let dot = 0;
          for (let k = 0; k < n; k++) dot += v[k * n + i] * v[k * n + j];
          expect(dot).toBeCloseTo(i === j ? 1 : 0, 6);
        }
      }
      for (let k = 0; 2 * k + 1 < n; k++) {
        const i = 2 * k;
        // [[cos θ, sin θ], [−sin θ, cos θ]] with θ ∈ (−π, 0): sin θ < 0.
        expect(v[i * n + i + 1]).toBeLessThan(0);
        expect(v[(i + 1) * n + i]).toBeCloseTo(-v[i * n + i + 1], 7);
        expect(v[i * n + i + 2] ?? 0).toBe(0);
      }
      if (n % 2) expect(v[n * n - 1]).toBe(1);
    });
  }
});

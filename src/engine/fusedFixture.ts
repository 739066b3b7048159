/**
 * Small deterministic networks and batches for checking a backend's fused kernels against a
 * reference (the self-check here, the browser tests through bench.html): weights with non-zero
 * biases, per-neuron or shared (n, s) across a wide range, inputs and labels (with unscored −1
 * steps for a per-step read-out).
 */
import * as tf from '@tensorflow/tfjs-core';
import { henaffOrthogonal } from '../core/init';
import { createRng } from '../core/rng';
import { forward, learnsActivation, lossAndAccuracy, type RnnParams, type RnnSpec } from '../core/rnn';
import type { Readout } from '../core/taskTypes';
import { columnBatch, fusedAvailable, fusedGradients } from '../core/fusedStep';
import type { VarName } from '../core/flatLayout';
import type { Mode } from '../state/schema';

export interface FusedCase {
  mode: Mode;
  T: number;
  N: number;
  I: number;
  B: number;
  C: number;
  readout: Readout;
  seed: number;
  /** Train with Adam on log n (checks compare the Adam steps with the generic path's). */
  logGain?: boolean;
}

export interface CaseData {
  spec: RnnSpec;
  T: number;
  B: number;
  values: Record<VarName, Float32Array | null>;
  shapes: Record<VarName, number[]>;
  x: Float32Array;
  y: Int32Array;
}

export function caseData(c: FusedCase): CaseData {
  const rng = createRng(c.seed);
  const { T, N, I, B, C } = c;
  const gamma = c.mode !== 'tanh' && c.mode !== 'relu';
  const per = c.mode === 'heterogeneous';
  const arr = (k: number, f: () => number) => Float32Array.from({ length: k }, f);
  const L = per ? N : 1;
  const V = henaffOrthogonal(N, rng.fork('V')).map((v) => 0.95 * v);
  const spec: RnnSpec = { inputs: I, hidden: N, classes: C, readout: c.readout, mode: c.mode, n0: 1, s0: 0 };
  const y = new Int32Array(c.readout === 'last' ? B : B * T);
  for (let i = 0; i < y.length; i++) y[i] = c.readout === 'all' && rng.next() < 0.3 ? -1 : rng.int(C);
  return {
    spec,
    T,
    B,
    values: {
      U: arr(I * N, () => rng.normal() / Math.sqrt(I)),
      V,
      b: arr(N, () => rng.uniform(-0.3, 0.3)),
      Wo: arr(N * C, () => rng.normal() / Math.sqrt(N)),
      bo: arr(C, () => rng.uniform(-0.2, 0.2)),
      n: gamma ? arr(L, () => rng.uniform(0.5, 8)) : null,
      s: gamma ? arr(L, () => rng.uniform(0, 1)) : null,
    },
    shapes: { U: [I, N], V: [N, N], b: [N], Wo: [N, C], bo: [C], n: per ? [N] : [], s: per ? [N] : [] },
    x: arr(B * T * I, () => rng.next()),
    y,
  };
}

/** Variables on the active backend holding the case's values. */
export function makeParams(d: CaseData): RnnParams {
  const v = (name: VarName, trainable = true) => {
    const values = d.values[name];
    return values ? tf.variable(tf.tensor(values, d.shapes[name]), trainable) : null;
  };
  const learn = learnsActivation(d.spec.mode);
  return { U: v('U')!, V: v('V')!, b: v('b')!, Wo: v('Wo')!, bo: v('bo')!, n: v('n', learn), s: v('s', learn) };
}

export function caseBatch(d: CaseData): { x: tf.Tensor3D; y: tf.Tensor } {
  const { T, B } = d;
  const x = tf.tensor3d(d.x, [B, T, d.spec.inputs]);
  const y = d.spec.readout === 'last' ? tf.tensor1d(d.y, 'int32') : tf.tensor2d(d.y, [B, T], 'int32');
  return { x, y };
}

/** Gradient of the mean loss for every variable that gets one, by name, and the loss. */
export interface Gradients {
  loss: number;
  grads: Partial<Record<VarName, Float32Array>>;
}

/**
 * Gradients on the active backend: the fused kernels where registered, otherwise autograd
 * through the op-by-op unroll (what the engine trains with on that backend).
 */
export async function engineGradients(params: RnnParams, spec: RnnSpec, x: tf.Tensor3D, y: tf.Tensor): Promise<Gradients> {
  const learn = learnsActivation(spec.mode);
  const names: VarName[] = ['U', 'V', 'b', 'Wo', 'bo', ...(learn ? (['n', 's'] as VarName[]) : [])];
  const parts: { name: VarName; t: tf.Tensor }[] = [];
  let lossT: tf.Tensor;
  if (fusedAvailable()) {
    const I = spec.inputs;
    const N = spec.hidden;
    const C = spec.classes;
    const L = params.n ? params.n.size : 0;
    const { G, HR, cols } = tf.tidy(() => {
      const cb = columnBatch(x);
      const r = fusedGradients(params, spec, cb, y);
      return { ...r, cols: cb.columns };
    });
    const at = (t: tf.Tensor, off: number, size: number) => tf.slice(t, [off], [size]);
    const offs: Record<VarName, [tf.Tensor, number, number]> = {
      U: [G, 0, I * N],
      V: [G, I * N, N * N],
      b: [G, I * N + N * N, N],
      n: [G, I * N + N * N + N, L],
      s: [G, I * N + N * N + N + L, L],
      Wo: [HR, 3, N * C],
      bo: [HR, 3 + N * C, C],
    };
    for (const name of names) parts.push({ name, t: at(...offs[name]) });
    lossT = at(HR, 0, 1);
    tf.dispose([G, HR, cols]);
  } else {
    const vars = names.map((n) => params[n] as tf.Variable);
    const { value, grads } = tf.variableGrads(() => lossAndAccuracy(forward(params, spec, x).logits, y, spec.readout).loss, vars);
    names.forEach((name, i) => parts.push({ name, t: grads[vars[i].name] ?? tf.zerosLike(vars[i]) }));
    lossT = value;
  }
  const out: Gradients = { loss: (await lossT.data())[0], grads: {} };
  for (const { name, t } of parts) out.grads[name] = Float32Array.from(await t.data());
  tf.dispose([lossT, ...parts.map((p) => p.t)]);
  return out;
}

/** Largest |got − ref| over the largest |ref| (a max-norm relative error); Infinity when not finite. */
export function relError(got: ArrayLike<number>, ref: ArrayLike<number>): number {
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    if (!Number.isFinite(got[i])) return Infinity;
    scale = Math.max(scale, Math.abs(ref[i]));
    worst = Math.max(worst, Math.abs(got[i] - ref[i]));
  }
  return worst / Math.max(scale, 1e-30);
}

/**
 * The whole training step as fused kernels, for a backend that registers them (core/fusedNames.ts):
 * forward recurrence, read-out with softmax cross-entropy and its gradient, BPTT and the weight
 * gradients, global-norm clipping and Adam over one flat buffer. About 17 dispatches whatever T is
 * (a few more with Adam on log n), where the op-by-op path issues ~16 per time step plus ~150.
 * No autograd: every gradient here is written out by hand in the kernels, and tests compare them
 * with autograd through gammaTf.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FlatAdam } from './flatAdam';
import { BETA1, BETA2 } from './flatAdam';
import { ADAM_MOMENTS, ADAM_PARAM, FUSED_KERNELS, HEAD_BACK, HEAD_FORWARD, HEAD_REDUCE, RNN_FORWARD, RNN_GRADS, type Attrs, type HeadDims, type RnnDims } from './fusedNames';
import { gainFactor, trainedGain } from './logGain';
import type { RnnParams, RnnSpec } from './rnn';
import type { SeqInput } from './seqInput';

/** A batch as the fused kernels read it: all steps as the columns of one [I, T·B] matrix. */
export interface ColumnBatch {
  columns: tf.Tensor2D;
  batch: number;
  steps: number;
  inputs: number;
}

export function isColumnBatch(x: unknown): x is ColumnBatch {
  return typeof x === 'object' && x !== null && 'columns' in x && !('steps' in x && Array.isArray((x as SeqInput).steps));
}

/** Whether every kernel in `names` (by default the fused ones) is registered for the active backend. */
export function fusedAvailable(names: readonly string[] = FUSED_KERNELS): boolean {
  const backend = tf.getBackend();
  return names.every((k) => tf.getKernel(k, backend) !== undefined);
}

export function columnBatch(x: tf.Tensor3D | SeqInput | ColumnBatch): ColumnBatch {
  if (x instanceof tf.Tensor) {
    const [B, T, I] = x.shape;
    const columns = tf.transpose(tf.reshape(tf.transpose(x, [1, 0, 2]), [T * B, I])) as tf.Tensor2D;
    return { columns, batch: B, steps: T, inputs: I };
  }
  if (isColumnBatch(x)) return x;
  return { columns: x.columns, batch: x.batch, steps: x.length, inputs: x.inputs };
}

/** γ's n and s as kernel inputs; tanh and relu take placeholders the shader ignores. */
export function activationInputs(params: RnnParams): { n: tf.Tensor; s: tf.Tensor } {
  if (params.n && params.s) return { n: params.n, s: params.s };
  const one = tf.ones([1]);
  return { n: one, s: one };
}

export function rnnDims(spec: RnnSpec, params: RnnParams, x: ColumnBatch): RnnDims {
  const act = spec.mode === 'tanh' || spec.mode === 'relu' ? spec.mode : 'gamma';
  return { T: x.steps, B: x.batch, I: x.inputs, N: spec.hidden, act, perNeuron: act === 'gamma' && (params.n?.rank ?? 0) > 0 };
}

function run(name: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor1D {
  return tf.engine().runKernel(name, inputs, attrs as Attrs) as tf.Tensor1D;
}

export interface FusedStepOptions {
  clip: number;
  constrain: boolean;
  nRange: readonly [number, number];
  sRange: readonly [number, number];
  /** Adam on log n (logGain.ts): G's n entries times n before the moments, n stepped as exp(log n − Δ). */
  logGain: boolean;
}

export interface FusedStepResult {
  loss: tf.Scalar;
  acc: tf.Scalar;
  gradNorm: tf.Scalar;
}

/** Gradients of the mean loss: G (recurrent, flat) and HR ([loss, acc, count, dWo, dbo]). */
export function fusedGradients(params: RnnParams, spec: RnnSpec, x: ColumnBatch, y: tf.Tensor): { G: tf.Tensor1D; HR: tf.Tensor1D } {
  const d = rnnDims(spec, params, x);
  const head: HeadDims = { T: d.T, B: d.B, N: d.N, C: spec.classes, last: spec.readout === 'last' };
  const { n, s } = activationInputs(params);
  const HA = run(RNN_FORWARD, { x: x.columns, U: params.U, V: params.V, b: params.b, n, s }, d);
  const HO = run(HEAD_FORWARD, { HA, Wo: params.Wo, bo: params.bo, y }, head);
  const HR = run(HEAD_REDUCE, { HA, HO, y }, head);
  const dH = run(HEAD_BACK, { HO, Wo: params.Wo, HR, y }, head);
  const G = run(RNN_GRADS, { dH, HA, x: x.columns, V: params.V, n, s }, { ...d, all: !head.last });
  return { G, HR };
}

/**
 * n after a step on log n: the kernel steps log n without a clamp, then exp, then the clamp on n
 * (the same as clamping log n to [log lo, log hi], and exact at the bounds).
 */
function logGainParam(n: tf.Variable, S: tf.Tensor1D, scale: tf.Tensor1D, attrs: { clamp: boolean; lo: number; hi: number } & Attrs): tf.Tensor {
  const next = tf.exp(run(ADAM_PARAM, { param: tf.log(n), S, scale }, { ...attrs, clamp: false }));
  return attrs.clamp ? tf.clipByValue(next, attrs.lo, attrs.hi) : next;
}

/** One step; call inside tidy. Updates the trained variables and the optimizer's moments. */
export function fusedStep(params: RnnParams, spec: RnnSpec, opt: FlatAdam, scale: tf.Tensor1D, o: FusedStepOptions, x: ColumnBatch, y: tf.Tensor): FusedStepResult {
  const { G: Gn, HR } = fusedGradients(params, spec, x, y);
  const { layout } = opt;
  const P = layout.size;
  const PR = layout.recurrentSize;
  const gain = o.logGain ? trainedGain(layout) : null;
  // n lies in the recurrent part, so G alone carries its gradient (gainFactor checks the bounds).
  const G = gain ? tf.mul(Gn, gainFactor(gain, PR)) : Gn;
  const S = run(ADAM_MOMENTS, { G, HR, S: opt.packed(), scale }, { P, PR, clip: o.clip, beta1: BETA1, beta2: BETA2 });
  const { alpha, epsHat } = opt.advance();
  for (const slot of layout.slots) {
    if (!slot.trained) continue;
    const range = slot.name === 'n' ? o.nRange : slot.name === 's' ? o.sRange : null;
    const clamp = o.constrain && range !== null;
    const attrs = { P, offset: slot.offset, size: slot.size, clamp, lo: range?.[0] ?? 0, hi: range?.[1] ?? 0, alpha, epsHat };
    const next = slot === gain ? logGainParam(slot.variable, S, scale, attrs) : run(ADAM_PARAM, { param: slot.variable, S, scale }, attrs);
    slot.variable.assign(tf.reshape(next, slot.variable.shape));
  }
  opt.setPacked(S);
  const scalar = (t: tf.Tensor, i: number) => tf.reshape(tf.slice(t, [i], [1]), []) as tf.Scalar;
  return { loss: scalar(HR, 0), acc: scalar(HR, 1), gradNorm: scalar(S, 2 * P) };
}

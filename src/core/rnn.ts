/**
 * The Elman RNN of the paper with a linear read-out:
 *   a_t = x_t·U + h_{t−1}·V + b,   h_t = γ(a_t; n, s)   (or tanh / relu),   h_0 = 0,
 * logits = h_T·Wo + bo ('last') or h_t·Wo + bo at every step ('all'). γ is gammaTf's family, fused
 * into the recurrent loop by unroll.ts.
 * tfjs-core only; runs the same in node and in a worker.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initialGains, initialWeights, type BiasInit } from './init';
import { learnsActivation, usesGamma } from './rnnShapes';
import type { Rng } from './rng';
import { seqInputFromTensor, type SeqInput } from './seqInput';
import { unroll, unrollStates, type LoopActivation, type LoopWeights } from './unroll';
import { fusedUnrollAvailable } from './unrollFused';
import { stepKernelsAvailable } from './unrollSteps';
import { stepLossAndAccuracy } from './stepLoss';
import type { Readout } from './taskTypes';
import type { Mode } from '../state/schema';

export interface RnnSpec {
  inputs: number;
  hidden: number;
  classes: number;
  readout: Readout;
  mode: Mode;
  /** Initial gain and saturation (ignored for tanh / relu). */
  n0: number;
  s0: number;
  /** Bias and gain initialisation (core/init.ts); default 'explorable'. */
  init?: BiasInit;
}

export interface RnnParams {
  U: tf.Variable; // [I, N]
  V: tf.Variable; // [N, N]
  b: tf.Variable; // [N]
  Wo: tf.Variable; // [N, C]
  bo: tf.Variable; // [C]
  /** Scalar (static: not trainable; homogeneous), [N] (heterogeneous), null (tanh, relu). */
  n: tf.Variable | null;
  s: tf.Variable | null;
}

export interface ForwardResult {
  /** [B, C] for readout 'last', [B, T, C] for 'all'. */
  logits: tf.Tensor;
  /** Hidden states h_1..h_T, [B, T, N] (only with keepStates). */
  states?: tf.Tensor3D;
  /** Pre-activations a_1..a_T, [B, T, N] (only with keepStates). */
  preacts?: tf.Tensor3D;
}

export { learnsActivation, usesGamma } from './rnnShapes';

/**
 * Variables are created unnamed: tfjs names must be unique per engine, and one worker may host
 * several runs side by side. `listVariables` gives the stable logical names.
 */
export function createRnn(spec: RnnSpec, rng: Rng): RnnParams {
  const { inputs: I, hidden: N, classes: C } = spec;
  const init = spec.init ?? 'explorable';
  const w = initialWeights(I, N, C, rng, init);
  // tf.variable(t) shares t's data and keeps t registered: free t once the variable holds it.
  const own = (t: tf.Tensor, trainable = true): tf.Variable => {
    const v = tf.variable(t, trainable);
    t.dispose();
    return v;
  };
  const params: RnnParams = {
    U: own(tf.tensor2d(w.U, [I, N])),
    V: own(tf.tensor2d(w.V, [N, N])),
    b: own(tf.tensor1d(w.b)),
    Wo: own(tf.tensor2d(w.Wo, [N, C])),
    bo: own(tf.tensor1d(w.bo)),
    n: null,
    s: null,
  };
  if (usesGamma(spec.mode)) {
    const trainable = learnsActivation(spec.mode);
    const shape = spec.mode === 'heterogeneous' ? [N] : [];
    const gains = initialGains(spec.n0, spec.mode === 'heterogeneous' ? N : 1, rng.fork('n0'), init);
    params.n = own(tf.tensor(gains, shape), trainable);
    params.s = own(tf.fill(shape, spec.s0), trainable);
  }
  return params;
}

/** The variables the optimizer updates, in a fixed order (Adam keys its moments by position). */
export function trainableVariables(params: RnnParams, spec: RnnSpec): tf.Variable[] {
  const vars = [params.U, params.V, params.b, params.Wo, params.bo];
  if (learnsActivation(spec.mode) && params.n && params.s) vars.push(params.n, params.s);
  return vars;
}

/** Every variable with its logical name, in a stable order (for checkpoints). */
export function listVariables(params: RnnParams): { name: string; variable: tf.Variable }[] {
  const out: { name: string; variable: tf.Variable }[] = [
    { name: 'U', variable: params.U },
    { name: 'V', variable: params.V },
    { name: 'b', variable: params.b },
    { name: 'Wo', variable: params.Wo },
    { name: 'bo', variable: params.bo },
  ];
  if (params.n) out.push({ name: 'n', variable: params.n });
  if (params.s) out.push({ name: 's', variable: params.s });
  return out;
}

export function disposeRnn(params: RnnParams): void {
  for (const { variable } of listVariables(params)) variable.dispose();
}

function loopActivation(params: RnnParams, spec: RnnSpec): LoopActivation {
  if (spec.mode === 'tanh' || spec.mode === 'relu') return { kind: spec.mode };
  const { n, s } = params;
  if (!n || !s) throw new Error(`mode '${spec.mode}' needs n and s variables`);
  return { kind: 'gamma', n, s, learn: learnsActivation(spec.mode) };
}

/**
 * Unrolls the network over x: a [B, T, I] tensor, or a SeqInput (already split per step, the
 * training path: see seqInput.ts). The recurrence is one fused op with its own backward pass
 * (unroll.ts); the read-out of every step ('all') is one matMul over all steps.
 */
export function forward(
  params: RnnParams,
  spec: RnnSpec,
  x: tf.Tensor3D | SeqInput,
  opts: { keepStates?: boolean } = {},
): ForwardResult {
  const input = x instanceof tf.Tensor ? seqInputFromTensor(x, fusedUnrollAvailable() || stepKernelsAvailable()) : x;
  const B = input.batch;
  const T = input.length;
  const N = spec.hidden;
  const C = spec.classes;
  if (input.inputs !== spec.inputs) throw new Error(`input has ${input.inputs} features per step; the network expects ${spec.inputs}`);
  if (T < 1) throw new Error('forward() needs at least one time step');
  const w: LoopWeights = { U: params.U as tf.Tensor2D, V: params.V as tf.Tensor2D, b: params.b as tf.Tensor1D };
  const act = loopActivation(params, spec);
  let logits: tf.Tensor;
  if (spec.readout === 'last') {
    const hLast = unroll(input, w, act, 'last');
    logits = tf.fused.matMul({ a: hLast, b: params.Wo as tf.Tensor2D, bias: params.bo });
  } else {
    const H = unroll(input, w, act, 'all'); // [T·B, N], time-major
    const flat = tf.fused.matMul({ a: H, b: params.Wo as tf.Tensor2D, bias: params.bo });
    logits = tf.transpose(tf.reshape(flat, [T, B, C]), [1, 0, 2]);
  }
  const out: ForwardResult = { logits };
  if (opts.keepStates) {
    const { H, A } = unrollStates(input, w, act);
    out.states = tf.transpose(tf.reshape(H, [T, B, N]), [1, 0, 2]) as tf.Tensor3D;
    out.preacts = tf.transpose(tf.reshape(A, [T, B, N]), [1, 0, 2]) as tf.Tensor3D;
  }
  return out;
}

/**
 * Mean softmax cross-entropy and accuracy over the scored entries. y is int32, [B] for 'last' and
 * [B, T] for 'all'; entries equal to −1 are not scored (their one-hot row is all zeros).
 */
export function lossAndAccuracy(
  logits: tf.Tensor,
  y: tf.Tensor,
  readout: Readout,
): { loss: tf.Scalar; acc: tf.Scalar } {
  return tf.tidy(() => {
    const C = logits.shape[logits.shape.length - 1];
    const flatLogits = tf.reshape(logits, [-1, C]) as tf.Tensor2D;
    const flatY = tf.reshape(y, [-1]) as tf.Tensor1D;
    // 'last' scores every row; 'all' counts the rows with a target.
    const count = (readout === 'last' ? tf.scalar(flatY.shape[0]) : tf.maximum(tf.sum(tf.cast(tf.greaterEqual(flatY, 0), 'float32')), 1)) as tf.Scalar;
    if (stepKernelsAvailable()) return stepLossAndAccuracy(flatLogits, flatY, count);
    const logp = tf.logSoftmax(flatLogits);
    const onehot = tf.oneHot(flatY, C); // −1 → a row of zeros: masked for free
    const picked = tf.sum(tf.mul(onehot, logp));
    const loss = tf.div(tf.neg(picked), count) as tf.Scalar;
    const hits = tf.sum(tf.cast(tf.equal(tf.argMax(flatLogits, 1), flatY), 'float32'));
    const acc = tf.div(hits, count) as tf.Scalar;
    return { loss, acc };
  });
}

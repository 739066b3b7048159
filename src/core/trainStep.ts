/**
 * One optimisation step of the RNN: Adam on the trainable variables, gradients by
 * tf.variableGrads, optional global-norm clipping and an optional constraint on (n, s) after the
 * update. Everything runs inside tidy; the returned scalars are not read back here, so the caller
 * can await them without blocking the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { SeqInput } from './seqInput';
import { forward, learnsActivation, lossAndAccuracy, trainableVariables, type RnnParams, type RnnSpec } from './rnn';

/** Range kept by the constraint: n away from 0 (γ divides by n) and below overflow-prone gains. */
export const N_RANGE: readonly [number, number] = [0.01, 500];
export const S_RANGE: readonly [number, number] = [0, 1];

export interface TrainStepOptions {
  lr: number;
  /** Largest global gradient norm; 0 (or less) disables clipping. */
  clip: number;
  /** Clamp n to N_RANGE and s to S_RANGE after every update. */
  constrain: boolean;
}

export interface StepResult {
  loss: tf.Scalar;
  acc: tf.Scalar;
  /** Global gradient norm before clipping. */
  gradNorm: tf.Scalar;
}

export interface TrainStep {
  /** x: [B, T, I], or already split per step (seqInput.ts: the fast path on wasm). */
  step(x: tf.Tensor3D | SeqInput, y: tf.Tensor): StepResult;
  /** Takes effect at the next step; the Adam moments are kept. */
  setLr(lr: number): void;
  readonly optimizer: tf.Optimizer;
  dispose(): void;
}

/** tfjs's Adam reads `this.learningRate` at every applyGradients; the field is only `protected`. */
interface HasLearningRate {
  learningRate: number;
}

export function createTrainStep(params: RnnParams, spec: RnnSpec, opts: TrainStepOptions): TrainStep {
  const optimizer = tf.train.adam(opts.lr);
  const vars = trainableVariables(params, spec);
  const constrain = opts.constrain && learnsActivation(spec.mode);
  const clip = opts.clip;

  const step = (x: tf.Tensor3D | SeqInput, y: tf.Tensor): StepResult =>
    tf.tidy(() => {
      let acc: tf.Scalar | null = null;
      const { value: loss, grads } = tf.variableGrads(() => {
        const { logits } = forward(params, spec, x);
        const r = lossAndAccuracy(logits, y, spec.readout);
        // variableGrads tidies everything its function makes except the loss: keep the accuracy.
        acc = tf.keep(r.acc);
        return r.loss;
      }, vars);
      // A variable off the loss's path (V when T = 1) gets no gradient: use zeros.
      const gs = vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
      const gradNorm = tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
      let scaled = gs;
      if (clip > 0) {
        // factor = clip / max(norm, clip): 1 below the threshold, rescales to norm = clip above it.
        const factor = tf.div(clip, tf.maximum(gradNorm, clip));
        scaled = gs.map((g) => tf.mul(g, factor));
      }
      // An array, in the fixed order of `vars`: Adam matches its moments to gradients by position.
      optimizer.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: scaled[i] })));
      if (constrain && params.n && params.s) {
        params.n.assign(tf.clipByValue(params.n, N_RANGE[0], N_RANGE[1]));
        params.s.assign(tf.clipByValue(params.s, S_RANGE[0], S_RANGE[1]));
      }
      // `acc` was kept, so tidy leaves it alone; the caller disposes all three.
      return { loss: loss as tf.Scalar, acc: acc as unknown as tf.Scalar, gradNorm };
    });

  return {
    step,
    setLr(lr: number) {
      (optimizer as unknown as HasLearningRate).learningRate = lr;
    },
    optimizer,
    dispose() {
      optimizer.dispose();
    },
  };
}

/** One saved optimizer tensor: values plus the shape to rebuild it. */
export interface OptimizerTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * Adam's state (iteration count, then first and second moments in the order of the trainable
 * variables) as plain arrays. Names are positional ('iter', 'm0', …, 'v0', …): tfjs's own names
 * embed engine-global variable ids that differ in another worker.
 */
export async function readOptimizerState(optimizer: tf.Optimizer): Promise<OptimizerTensor[]> {
  const weights = await optimizer.getWeights();
  const half = (weights.length - 1) / 2;
  const out: OptimizerTensor[] = [];
  for (let i = 0; i < weights.length; i++) {
    const t = weights[i].tensor;
    const name = i === 0 ? 'iter' : i <= half ? `m${i - 1}` : `v${i - 1 - half}`;
    out.push({ name, shape: t.shape.slice(), values: Float32Array.from(await t.data()) });
    if (i === 0) t.dispose(); // saveIterations made a fresh scalar; the moments are live variables.
  }
  return out;
}

/**
 * Restores a state saved by readOptimizerState into a fresh optimizer (one that has not stepped
 * yet: tfjs's setWeights replaces the moment variables without disposing earlier ones).
 */
export async function restoreOptimizerState(optimizer: tf.Optimizer, state: OptimizerTensor[]): Promise<void> {
  if (state.length === 0 || state[0].name !== 'iter' || (state.length - 1) % 2 !== 0) {
    throw new Error('optimizer state must start with the iteration count and hold as many first as second moments');
  }
  const named = state.map((e, i) => ({
    name: e.name,
    tensor: i === 0 ? tf.scalar(Math.round(e.values[0]), 'int32') : tf.tensor(e.values, e.shape),
  }));
  await optimizer.setWeights(named);
  // setWeights copied the moments into new variables and read the iteration count: free the inputs.
  for (const { tensor } of named) tensor.dispose();
  // setWeights sets Adam's bias-correction powers to pow(β, t + 1); a running Adam reached them by
  // t float32 multiplications, which differ in the last bits. Redo those, so the restored run
  // continues bit for bit.
  const adam = optimizer as unknown as Partial<AdamPowers>;
  if (adam.accBeta1 && adam.accBeta2 && adam.beta1 !== undefined && adam.beta2 !== undefined) {
    const t = Math.round(state[0].values[0]);
    const [p1, p2] = [float32Power(adam.beta1, t + 1), float32Power(adam.beta2, t + 1)];
    tf.tidy(() => {
      adam.accBeta1?.assign(tf.scalar(p1));
      adam.accBeta2?.assign(tf.scalar(p2));
    });
  }
}

/** tfjs's Adam keeps β₁ᵗ and β₂ᵗ as variables, updated by one multiplication per step; the fields are only `protected`. */
interface AdamPowers {
  beta1: number;
  beta2: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

/** βᵏ as k − 1 float32 multiplications produce it (each product rounded to float32). */
function float32Power(beta: number, k: number): number {
  const b = Math.fround(beta);
  let acc = b;
  for (let i = 1; i < k; i++) acc = Math.fround(acc * b);
  return acc;
}

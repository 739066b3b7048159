/**
 * One optimisation step of the RNN: gradients, optional global-norm clipping, Adam over one flat
 * buffer of all trained variables (flatAdam.ts), optionally on log n (logGain.ts), and an optional
 * constraint on (n, s) after the update. Where the active backend registers the fused kernels
 * (core/fusedNames.ts) the whole step runs as fused kernels (fusedStep.ts); elsewhere gradients
 * come from tf.variableGrads.
 * Everything runs inside tidy; the returned scalars are not read back here, so the caller can
 * await them without blocking the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { SeqInput } from './seqInput';
import { FlatAdam, type OptimizerTensor } from './flatAdam';
import { adamDelta, adamScale } from './flatAdamUpdate';
import { flatLayout, type VarName } from './flatLayout';
import { afterStep, flatGradient, slotStep } from './flatGradient';
import { gainAfterStep, gainFactor, trainedGain } from './logGain';
import { columnBatch, fusedAvailable, fusedStep, isColumnBatch, type ColumnBatch } from './fusedStep';
import { forward, lossAndAccuracy, type RnnParams, type RnnSpec } from './rnn';

export type { OptimizerTensor } from './flatAdam';
export type { VarName } from './flatLayout';

/** Range kept by the constraint: n away from 0 (γ divides by n) and below overflow-prone gains. */
export const N_RANGE: readonly [number, number] = [0.01, 500];
export const S_RANGE: readonly [number, number] = [0, 1];

export interface TrainStepOptions {
  lr: number;
  /** Largest global gradient norm (over the trained variables); 0 (or less) disables clipping. */
  clip: number;
  /** Clamp n to N_RANGE and s to S_RANGE after every update. */
  constrain: boolean;
  /** n and s step with lr × this while the weights keep lr (a per-variable Adam learning rate). Default 1; 0 freezes them. */
  activationLrScale?: number;
  /** Train only these variables; every other one stays bit-identical. Default: all trainable. */
  only?: readonly VarName[];
  /**
   * Adam works on log n (logGain.ts): n's gradient is taken as n·∂L/∂n (clipping and the reported
   * norm see it so) and each step multiplies n by a factor. Default false: n steps additively.
   */
  logGain?: boolean;
}

export interface StepResult {
  loss: tf.Scalar;
  acc: tf.Scalar;
  /** Global gradient norm over the trained variables, before clipping. */
  gradNorm: tf.Scalar;
}

export interface TrainStep {
  /** x: [B, T, I], split per step (seqInput.ts: the fast path on wasm), or columns (fused path). */
  step(x: tf.Tensor3D | SeqInput | ColumnBatch, y: tf.Tensor): StepResult;
  /** Takes effect at the next step; the Adam moments are kept. */
  setLr(lr: number): void;
  readonly optimizer: FlatAdam;
  /** Whether steps on the active backend run the fused kernels (they then read only x's columns). */
  readonly fused: boolean;
  dispose(): void;
}

export function createTrainStep(params: RnnParams, spec: RnnSpec, opts: TrainStepOptions): TrainStep {
  const layout = flatLayout(params, spec, opts.activationLrScale ?? 1, opts.only);
  const trained = layout.slots.filter((s) => s.trained);
  if (trained.length === 0) throw new Error('nothing to train: `only` and the mode leave no trainable variable');
  const optimizer = new FlatAdam(layout, opts.lr);
  const vars = trained.map((s) => s.variable);
  const { clip, constrain } = opts;
  const gain = opts.logGain ? trainedGain(layout) : null;
  let scaleT: tf.Tensor1D | null = null;
  const scale = (): tf.Tensor1D => {
    if (!scaleT) scaleT = adamScale(layout.scale);
    return scaleT;
  };

  const generic = (x: tf.Tensor3D | SeqInput, y: tf.Tensor): StepResult => {
    let acc: tf.Scalar | null = null;
    const { value: loss, grads } = tf.variableGrads(() => {
      const { logits } = forward(params, spec, x);
      const r = lossAndAccuracy(logits, y, spec.readout);
      // variableGrads tidies everything its function makes except the loss: keep the accuracy.
      acc = tf.keep(r.acc);
      return r.loss;
    }, vars);
    // A variable off the loss's path (V when T = 1) gets no gradient: zeros; untrained ones too.
    const gn = flatGradient(layout, grads);
    const g = gain ? tf.mul(gn, gainFactor(gain, layout.size)) : gn;
    const gradNorm = tf.sqrt(tf.sum(tf.square(g))) as tf.Scalar;
    const delta = adamDelta(optimizer, g as tf.Tensor1D, gradNorm, clip, scale());
    for (const s of trained) {
      let next = s === gain ? gainAfterStep(s.variable, slotStep(s, delta)) : afterStep(s, delta);
      if (constrain && (s.name === 'n' || s.name === 's')) next = tf.clipByValue(next, ...(s.name === 'n' ? N_RANGE : S_RANGE));
      s.variable.assign(next);
    }
    // `acc` was kept, so tidy leaves it alone; the caller disposes all three.
    return { loss: loss as tf.Scalar, acc: acc as unknown as tf.Scalar, gradNorm };
  };

  const fusedOpts = { clip, constrain, nRange: N_RANGE, sRange: S_RANGE, logGain: gain !== null };
  return {
    step: (x, y) =>
      tf.tidy(() => {
        if (fusedAvailable()) return { ...fusedStep(params, spec, optimizer, scale(), fusedOpts, columnBatch(x), y) };
        if (isColumnBatch(x)) throw new Error('a column batch needs the fused kernels of the active backend');
        return { ...generic(x, y) };
      }) as StepResult,
    setLr(lr: number) {
      optimizer.lr = lr;
    },
    optimizer,
    get fused() {
      return fusedAvailable();
    },
    dispose() {
      optimizer.dispose();
      if (scaleT) scaleT.dispose();
      scaleT = null;
    },
  };
}

/**
 * Adam's state as plain arrays, positional: 'iter', then 'm0', 'm1', … and 'v0', 'v1', … — the
 * first and second moments of each trained variable in the order U, V, b, Wo, bo, n, s, shaped
 * like the variable. (tfjs's own names embed engine-global variable ids that differ in another
 * worker.) A run file or checkpoint stores exactly this list.
 */
export function readOptimizerState(optimizer: FlatAdam): Promise<OptimizerTensor[]> {
  return optimizer.read();
}

/** Restores a state saved by readOptimizerState (into an optimizer built for the same variables). */
export async function restoreOptimizerState(optimizer: FlatAdam, state: OptimizerTensor[]): Promise<void> {
  optimizer.restore(state);
}

/**
 * Adam on log n instead of n (TrainStepOptions.logGain): the optimizer sees the gradient with
 * respect to log n, n·∂L/∂n, and its step Δ for n becomes a factor, n ← n·exp(−Δ). Adam moves a
 * parameter by about the learning rate per step whatever its size, so on log n a step changes the
 * gain by a proportion: a gain of 10 moves as readily as a gain of 1. The variable stays n
 * everywhere else (checkpoints, kernels, readouts); both training paths use these helpers.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FlatLayout, Slot } from './flatLayout';

/** n's slot when n is trained, else null (no gain to treat multiplicatively). */
export function trainedGain(layout: FlatLayout): Slot | null {
  return layout.slots.find((s) => s.name === 'n' && s.trained) ?? null;
}

/**
 * Multiplier for the first `length` entries of a flat gradient: n's values at n's slot, 1
 * elsewhere, so that the product holds ∂L/∂log n = n·∂L/∂n there. Call inside tidy.
 */
export function gainFactor(gain: Slot, length: number): tf.Tensor1D {
  const end = gain.offset + gain.size;
  if (end > length) throw new Error(`n's slot [${gain.offset}, ${end}) lies outside the ${length} gradient entries`);
  const parts: tf.Tensor[] = [];
  if (gain.offset > 0) parts.push(tf.ones([gain.offset]));
  parts.push(tf.reshape(gain.variable, [-1]));
  if (end < length) parts.push(tf.ones([length - end]));
  return tf.concat(parts) as tf.Tensor1D;
}

/** n·exp(−Δ), computed as exp(log n − Δ): Δ is Adam's step on log n. */
export function gainAfterStep(n: tf.Tensor, delta: tf.Tensor): tf.Tensor {
  return tf.exp(tf.sub(tf.log(n), delta));
}

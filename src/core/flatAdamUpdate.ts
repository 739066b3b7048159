/**
 * Clipping and Adam's update over the flat gradient (flatAdam.ts) on the generic path: three
 * element-wise kernels where the backend registers them (webgl: stepKernelNames.ts's
 * FLAT_ADAM_MOMENT and FLAT_ADAM_DELTA), else the same arithmetic as a dozen tfjs ops, each a
 * separate pass over all P parameters with its constants uploaded at every step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BETA1, BETA2, type FlatAdam } from './flatAdam';
import { FLAT_ADAM_DELTA, FLAT_ADAM_MOMENT } from './stepKernelNames';
import { laidOut, runStepKernel, stepKernelsAvailable } from './unrollSteps';

/**
 * The step to subtract from the flat parameters, scale ⊙ α·m′/(√v′ + ε̂), from the flat gradient
 * g and its norm (clipped to `clip` when clip > 0); keeps the new moments in `opt`. Call inside
 * tidy. `scale` comes from `adamScale`.
 */
export function adamDelta(opt: FlatAdam, g: tf.Tensor1D, gradNorm: tf.Scalar, clip: number, scale: tf.Tensor1D): tf.Tensor1D {
  const { m, v } = opt.split();
  if (stepKernelsAvailable()) {
    // g and the norm in the kernels' layout once, not once per kernel reading them.
    const gl = laidOut(g);
    const norm = laidOut(gradNorm);
    const m2 = runStepKernel(FLAT_ADAM_MOMENT, { g: gl, m, norm }, { beta: BETA1, clip, square: false }) as tf.Tensor1D;
    const v2 = runStepKernel(FLAT_ADAM_MOMENT, { g: gl, m: v, norm }, { beta: BETA2, clip, square: true }) as tf.Tensor1D;
    const { alpha, epsHat } = opt.advance();
    const delta = runStepKernel(FLAT_ADAM_DELTA, { m: m2, v: v2, scale }, { alpha, epsHat }) as tf.Tensor1D;
    opt.setSplit(m2, v2);
    return delta;
  }
  // factor = clip / max(norm, clip): 1 below the threshold, rescales to norm = clip above it.
  const gc = clip > 0 ? tf.mul(g, tf.div(clip, tf.maximum(gradNorm, clip))) : g;
  const m2 = tf.add(tf.mul(m, BETA1), tf.mul(gc, 1 - BETA1)) as tf.Tensor1D;
  const v2 = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(gc), 1 - BETA2)) as tf.Tensor1D;
  const { alpha, epsHat } = opt.advance();
  const delta = tf.mul(scale, tf.div(tf.mul(m2, alpha), tf.add(tf.sqrt(v2), epsHat))) as tf.Tensor1D;
  opt.setSplit(m2, v2);
  return delta;
}

/** The per-parameter learning-rate scale as a kept tensor, in the layout adamDelta's kernels read. */
export function adamScale(values: Float32Array): tf.Tensor1D {
  const t = tf.tensor1d(values);
  if (!stepKernelsAvailable()) return tf.keep(t);
  const laid = laidOut(t) as tf.Tensor1D;
  t.dispose();
  return tf.keep(laid);
}

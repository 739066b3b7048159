/**
 * The flat gradient and the update of each variable on the generic path (trainStep.ts): one
 * kernel each where the backend registers them (webgl: stepKernelNames.ts's FLAT_GATHER and
 * FLAT_APPLY), else tfjs's reshape, concat and slice.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FlatLayout, Slot } from './flatLayout';
import { FLAT_APPLY, FLAT_GATHER, type FlatSlot } from './stepKernelNames';
import { runStepKernel, stepKernelsAvailable } from './unrollSteps';

/** A variable's shape as the matrix the kernels take: a vector is one row, a scalar 1 × 1. */
function asMatrix(shape: readonly number[]): [number, number] {
  if (shape.length === 2) return [shape[0], shape[1]];
  if (shape.length === 1) return [1, shape[0]];
  if (shape.length === 0) return [1, 1];
  throw new Error(`flat layout takes variables of rank ≤ 2; got [${shape.join(', ')}]`);
}

/**
 * [P]: each trained slot's gradient (zeros when it has none: V at T = 1), zeros for untrained
 * slots. Call inside tidy.
 */
export function flatGradient(layout: FlatLayout, grads: tf.NamedTensorMap): tf.Tensor1D {
  const of = (s: Slot) => (s.trained ? grads[s.variable.name] : undefined);
  if (!stepKernelsAvailable()) {
    return tf.concat(layout.slots.map((s) => (s.trained ? tf.reshape(of(s) ?? tf.zerosLike(s.variable), [-1]) : tf.zeros([s.size])))) as tf.Tensor1D;
  }
  const slots: FlatSlot[] = [];
  const parts: tf.NamedTensorMap = {};
  for (const s of layout.slots) {
    const [rows, cols] = asMatrix(s.variable.shape);
    const g = of(s);
    if (g) parts[`p${Object.keys(parts).length}`] = tf.reshape(g, [rows, cols]);
    slots.push({ offset: s.offset, rows, cols, input: g !== undefined });
  }
  return runStepKernel(FLAT_GATHER, parts, { slots, P: layout.size }) as tf.Tensor1D;
}

/** The slot's part of the flat step `delta`, shaped like its variable. Call inside tidy. */
export function slotStep(s: Slot, delta: tf.Tensor1D): tf.Tensor {
  return tf.reshape(tf.slice(delta, [s.offset], [s.size]), s.variable.shape);
}

/** The slot's variable minus its part of the flat step `delta`. Call inside tidy. */
export function afterStep(s: Slot, delta: tf.Tensor1D): tf.Tensor {
  if (!stepKernelsAvailable()) return tf.sub(s.variable, slotStep(s, delta));
  const x = tf.reshape(s.variable, asMatrix(s.variable.shape));
  return tf.reshape(runStepKernel(FLAT_APPLY, { x, delta }, { offset: s.offset }), s.variable.shape);
}

/** Reading a step kernel's inputs: by name, as matrices, and numbered families (l0, l1, …). */
import type * as tf from '@tensorflow/tfjs-core';
import { takeInputs } from '../kernelConfigs';

export function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  return takeInputs(inputs, 'step kernel', name)[0];
}

export function dims2(t: tf.TensorInfo): [number, number] {
  if (t.shape.length !== 2) throw new Error(`step kernels take matrices; got shape [${t.shape.join(', ')}]`);
  return [t.shape[0], t.shape[1]];
}

/** Inputs named prefix0, prefix1, … in order. */
export function numbered(inputs: tf.NamedTensorInfoMap, prefix: string): tf.TensorInfo[] {
  const out: tf.TensorInfo[] = [];
  while (inputs[`${prefix}${out.length}`] !== undefined) out.push(input(inputs, `${prefix}${out.length}`));
  if (out.length === 0) throw new Error(`step kernel needs ${prefix}0`);
  return out;
}

/**
 * What the engine's own tfjs kernels (webgpu's fused ones, webgl's per-step ones) share: reading
 * their named inputs, and registering or unregistering a set of them (the benchmark times the
 * op-by-op path with them unregistered).
 */
import * as tf from '@tensorflow/tfjs-core';

/** The named inputs in order; a missing one is a caller's bug, reported as `<what> input 'x' is missing`. */
export function takeInputs(inputs: tf.NamedTensorInfoMap, what: string, ...names: string[]): tf.TensorInfo[] {
  return names.map((k) => {
    const t = inputs[k];
    if (!t) throw new Error(`${what} input '${k}' is missing`);
    return t;
  });
}

export function setKernelsEnabled(kernels: readonly tf.KernelConfig[], on: boolean): void {
  for (const k of kernels) {
    const present = tf.getKernel(k.kernelName, k.backendName) !== undefined;
    if (on && !present) tf.registerKernel(k);
    if (!on && present) tf.unregisterKernel(k.kernelName, k.backendName);
  }
}

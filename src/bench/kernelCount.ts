/**
 * Kernels a training step issues. On webgpu: GPU compute dispatches, counted at
 * GPUComputePassEncoder.dispatchWorkgroups (what costs a fixed overhead each on a GPU); elsewhere:
 * tfjs kernels executed, from tf.profile.
 */
import * as tf from '@tensorflow/tfjs-core';

let dispatches = 0;
let installed = false;

function installCounter(): boolean {
  if (installed) return true;
  if (typeof GPUComputePassEncoder === 'undefined') return false;
  const proto = GPUComputePassEncoder.prototype;
  const original = proto.dispatchWorkgroups;
  proto.dispatchWorkgroups = function (this: GPUComputePassEncoder, x: number, y?: number, z?: number) {
    dispatches++;
    return original.call(this, x, y, z);
  };
  installed = true;
  return true;
}

/** Kernels (webgpu: dispatches) issued while `f` runs and its results are read back. */
export async function countKernels(f: () => Promise<unknown>): Promise<number> {
  if (tf.getBackend() === 'webgpu' && installCounter()) {
    const before = dispatches;
    await f();
    return dispatches - before;
  }
  const info = await tf.profile(async () => {
    await f();
    return [];
  });
  return info.kernels.length;
}

/**
 * A batch of sequences laid out for the recurrent loop: one [B, I] tensor per time step, plus all
 * steps as the columns of one [I, T·B] matrix (time-major) for the input-weight gradient
 * dU = Xᵀ·dA in a single matMul without a transpose flag.
 *
 * Why not one [B, T, I] tensor sliced inside the loop: on the wasm backend every Slice, Gather or
 * Unstack reads its whole input out of the heap (~0.1 ms per step at T = 28, growing with T), and
 * a matMul with a transpose flag takes a slow path (~13× a plain one). Batches are generated in JS,
 * so uploading each step apart costs a few µs.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface SeqInput {
  batch: number;
  /** Features per step (I). */
  inputs: number;
  /** Time steps (T). */
  length: number;
  /**
   * T tensors [1, B, I], time order (rank 3: what the matMul kernels take, called directly in
   * unroll.ts); empty where only the columns are read (the fused WebGPU kernels).
   */
  steps: tf.Tensor3D[];
  /** [I, T·B]: column t·B + b is x[b, t, :]. */
  columns: tf.Tensor2D;
}

/** Uploads a batch-major [B, T, I] Float32Array (the layout tasks produce) as a SeqInput. */
export function seqInputFromHost(x: Float32Array, batch: number, steps: number, inputs: number): SeqInput {
  if (x.length !== batch * steps * inputs) throw new Error(`expected ${batch}×${steps}×${inputs} values, got ${x.length}`);
  const out: tf.Tensor3D[] = new Array(steps);
  const cols = new Float32Array(x.length);
  // Every step's values in one buffer, each step a view of it: T separate arrays would be T
  // buffers per training step for the garbage collector (a backend that keeps the values, like
  // cpu, keeps its view; the buffer is never written again).
  const timeMajor = new Float32Array(x.length);
  const TB = steps * batch;
  const stepSize = batch * inputs;
  for (let t = 0; t < steps; t++) {
    const step = timeMajor.subarray(t * stepSize, (t + 1) * stepSize);
    for (let b = 0; b < batch; b++) {
      const src = (b * steps + t) * inputs;
      step.set(x.subarray(src, src + inputs), b * inputs);
      for (let i = 0; i < inputs; i++) cols[i * TB + t * batch + b] = x[src + i];
    }
    out[t] = tf.tensor3d(step, [1, batch, inputs]);
  }
  return { batch, inputs, length: steps, steps: out, columns: tf.tensor2d(cols, [inputs, TB]) };
}

/**
 * The same layout from a [B, T, I] tensor already on the backend (evaluation, tests). Slices the
 * time-major copy step by step; on wasm a Gather of one index is cheaper than Slice/Unstack.
 */
export function seqInputFromTensor(x: tf.Tensor3D, columnsOnly = false): SeqInput {
  const [B, T, I] = x.shape;
  const tm = tf.transpose(x, [1, 0, 2]); // [T, B, I]
  const flat = tf.reshape(tm, [T * B, I]) as tf.Tensor2D;
  let steps: tf.Tensor3D[];
  // The fused kernels read the columns alone: T step tensors would be T dispatches for nothing.
  if (columnsOnly) steps = [];
  else if (tf.getBackend() === 'wasm') {
    steps = new Array(T);
    for (let t = 0; t < T; t++) steps[t] = tf.gather(tm, tf.tensor1d([t], 'int32'), 0);
  } else {
    steps = tf.split(tm, T, 0);
  }
  return { batch: B, inputs: I, length: T, steps, columns: tf.transpose(flat) as tf.Tensor2D };
}

export function disposeSeqInput(s: SeqInput): void {
  tf.dispose([...s.steps, s.columns]);
}

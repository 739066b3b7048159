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

/**
 * Host buffers for uploads, reused from one call to the next. Allocating a 100 kB typed array
 * costs ~0.1–1 ms in Chromium (its backing store and the collector's sweep of it), against
 * microseconds to fill one. Only for tensors disposed before the next call: a backend may keep
 * the array itself as the tensor's values (cpu does), so reuse rewrites them.
 */
export class UploadScratch {
  private readonly bufs: Float32Array[] = [];

  /** Buffer `k` with `size` floats (contents left from the last use). */
  take(k: number, size: number): Float32Array {
    if (this.bufs[k]?.length !== size) this.bufs[k] = new Float32Array(size);
    return this.bufs[k];
  }
}

/*
 * One sequence's step x[b, t, :] into one layout. Functions of their own, called from the loops
 * over t and b: Chromium compiled a copy loop nested in them alone (on-stack replacement) and
 * deoptimized on each exit from it.
 */
function copyToColumn(x: Float32Array, src: number, cols: Float32Array, col: number, TB: number, inputs: number): void {
  for (let i = 0; i < inputs; i++) cols[i * TB + col] = x[src + i];
}

function copyToRow(x: Float32Array, src: number, rows: Float32Array, dst: number, inputs: number): void {
  for (let i = 0; i < inputs; i++) rows[dst + i] = x[src + i];
}

/** A batch-major [B, T, I] batch as the [I, T·B] matrix whose column t·B + b is x[b, t, :]. */
export function hostColumns(x: Float32Array, batch: number, steps: number, inputs: number, scratch?: UploadScratch): Float32Array {
  const cols = scratch ? scratch.take(0, x.length) : new Float32Array(x.length);
  const TB = steps * batch;
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) copyToColumn(x, (b * steps + t) * inputs, cols, t * batch + b, TB, inputs);
  }
  return cols;
}

/**
 * Uploads a batch-major [B, T, I] Float32Array (the layout tasks produce) as a SeqInput. With
 * `scratch`, its buffers are reused: dispose this SeqInput before the next call with the same one.
 */
export function seqInputFromHost(x: Float32Array, batch: number, steps: number, inputs: number, scratch?: UploadScratch): SeqInput {
  if (x.length !== batch * steps * inputs) throw new Error(`expected ${batch}×${steps}×${inputs} values, got ${x.length}`);
  const out: tf.Tensor3D[] = new Array(steps);
  // Every step's values in one buffer, each step a view of it: T separate arrays would be T
  // buffers per training step for the garbage collector.
  const timeMajor = scratch ? scratch.take(1, x.length) : new Float32Array(x.length);
  const stepSize = batch * inputs;
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) copyToRow(x, (b * steps + t) * inputs, timeMajor, t * stepSize + b * inputs, inputs);
    out[t] = tf.tensor3d(timeMajor.subarray(t * stepSize, (t + 1) * stepSize), [1, batch, inputs]);
  }
  const columns = tf.tensor2d(hostColumns(x, batch, steps, inputs, scratch), [inputs, steps * batch]);
  return { batch, inputs, length: steps, steps: out, columns };
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
  // The fused and per-step kernels read the columns alone: T step tensors would be T dispatches for nothing.
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

/**
 * Memory a network keeps for backpropagation through time, per backend, and the bound the engine
 * enforces. Pure: the page can show the numbers before configuring a run.
 *
 * What is kept, in floats (TBN = T·B·N):
 *  - fused kernels (webgpu): [H | A] (2·TBN), the backward buffer dA plus per-sequence partials
 *    (TBN + 2·B·N), dH and the read-out buffers (R·(N + C + 3), R = B or T·B), the input columns;
 *  - op-by-op (wasm, cpu, webgl; core/unroll.ts): the per-step tensors of the forward loop, the
 *    stacked copies kept for the backward pass and the backward pass's own, at their peak. Those are
 *    measured, not counted: tf.profile's peakBytes of one training step divided by 4·TBN, on the
 *    copy task at N = 64, B = 32 and T = 71 and 171 (the factor does not move with T);
 *  - per-step kernels (webgl; core/unrollSteps.ts): h_t, a_t, g_t and dA_t of every step and the
 *    read-out's (the weight gradients read the per-step blocks, a few steps a draw, and stack
 *    nothing), measured the same way on webgl (N = 64, B = 32): 4.2 with γ learned or static at
 *    T = 196 with a last-step read-out, 10.5 and 10.3 on the copy task (T = 71, 171; a per-step
 *    read-out keeps the stacked h, dH and the logits' gradients too). The op-by-op loop measured
 *    33.7, 15.7 and 43.8 there, as on cpu.
 */
import type { TaskShape } from '../core/tasks/shape';
import type { Mode } from '../state/schema';
import type { BackendName } from './protocol';

export interface BpttShape {
  T: number;
  B: number;
  N: number;
  I: number;
  C: number;
  readout: 'last' | 'all';
  /** γ with n, s learned (heterogeneous / homogeneous). */
  learnsActivation: boolean;
  gamma: boolean;
}

export interface BpttMemory {
  /** Bytes kept at the peak of one training step. */
  bytes: number;
  /** The largest single buffer, in bytes (a GPU binds each as one storage buffer). */
  largestBuffer: number;
  /** Bytes allowed on this backend. */
  limit: number;
  /** Largest single buffer allowed (the device's maxStorageBufferBindingSize on webgpu). */
  bufferLimit: number;
  ok: boolean;
}

/** The shape of a run's step from its task's shape (tasks/shape.ts) and its sizes: no task built, no data. */
export function bpttShapeOf(task: TaskShape, cfg: { batch: number; hidden: number; mode: Mode }): BpttShape {
  const learns = cfg.mode === 'homogeneous' || cfg.mode === 'heterogeneous';
  return { T: task.steps, B: cfg.batch, N: cfg.hidden, I: task.inputs, C: task.classes, readout: task.readout, learnsActivation: learns, gamma: learns || cfg.mode === 'static' };
}

const MiB = 2 ** 20;

/**
 * Peak floats per T·B·N of one op-by-op training step, measured (see the header): wasm keeps φ′
 * per step but frees more along the way than the cpu kernels do.
 */
function opByOpPeak(s: BpttShape, backend: BackendName): number {
  const wasm = backend === 'wasm';
  if (s.learnsActivation) return wasm ? 37 : 44;
  if (s.gamma) return wasm ? 25 : 26;
  return wasm ? 19 : 22;
}

/** Peak floats per T·B·N of a step through the per-step kernels, measured (see the header). */
function stepKernelsPeak(s: BpttShape): number {
  return 5 + (s.readout === 'all' ? 6 : 0);
}

/**
 * Totals: inside what a 32-bit wasm heap (4 GB at most, grown on demand), a tab's memory or a GPU
 * holds alongside the page. psMNIST-28 at N = 400, batch 32 (≈ 1.5 GB at the peak on wasm) trains.
 */
export const BPTT_LIMITS: Record<BackendName, number> = { webgpu: 1024 * MiB, webgl: 512 * MiB, wasm: 2048 * MiB, cpu: 2048 * MiB };
/** WebGPU's guaranteed maxStorageBufferBindingSize; a device may allow more. */
export const DEFAULT_GPU_BUFFER_LIMIT = 128 * MiB;

export function bpttMemory(s: BpttShape, backend: BackendName, gpuBufferLimit = DEFAULT_GPU_BUFFER_LIMIT): BpttMemory {
  const TBN = s.T * s.B * s.N;
  const R = s.readout === 'last' ? s.B : s.T * s.B;
  let floats: number;
  let largest: number;
  if (backend === 'webgpu') {
    floats = 2 * TBN + TBN + 2 * s.B * s.N + R * (s.N + s.C + 3) + s.T * s.B * s.I;
    largest = 2 * TBN;
  } else {
    floats = (backend === 'webgl' ? stepKernelsPeak(s) : opByOpPeak(s, backend)) * TBN + 2 * s.T * s.B * s.I;
    largest = TBN;
  }
  const bytes = 4 * floats;
  const limit = BPTT_LIMITS[backend];
  const bufferLimit = backend === 'webgpu' ? gpuBufferLimit : Infinity;
  return { bytes, largestBuffer: 4 * largest, limit, bufferLimit, ok: bytes <= limit && 4 * largest <= bufferLimit };
}

const mb = (b: number) => `${(b / MiB).toFixed(0)} MB`;

/** Why a configuration cannot train on this backend, or undefined when it fits. */
export function bpttTooLarge(s: BpttShape, backend: BackendName, gpuBufferLimit?: number): string | undefined {
  const m = bpttMemory(s, backend, gpuBufferLimit);
  if (m.ok) return undefined;
  const what = `${s.T} steps × batch ${s.B} × ${s.N} hidden units`;
  if (m.bytes > m.limit) return `${what} keeps about ${mb(m.bytes)} for backpropagation through time on ${backend}, over its limit of ${mb(m.limit)}: lower the batch or the number of hidden units`;
  return `${what} needs a ${mb(m.largestBuffer)} buffer on ${backend}, over this device's limit of ${mb(m.bufferLimit)} per buffer: lower the batch or the number of hidden units`;
}

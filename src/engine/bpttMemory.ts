/**
 * Memory a network keeps for backpropagation through time, per backend, and the bound the engine
 * enforces. Pure: the page can show the numbers before configuring a run.
 *
 * What is kept, in floats (TBN = T·B·N):
 *  - fused kernels (webgpu): [H | A] (2·TBN), the backward buffer dA plus per-sequence partials
 *    (TBN + 2·B·N), dH and the read-out buffers (R·(N + C + 3), R = B or T·B), the input columns;
 *  - op-by-op (wasm, cpu, webgl; core/unroll.ts): h_t, h_{t−1} stacked, z (γ), σ(z) and softplus(z)
 *    when n, s are learned, φ′ per step on wasm; at the peak of the backward pass four more TBN
 *    (dA per step and stacked, the carries, the ∂/∂n, ∂/∂s terms).
 */
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

const MiB = 2 ** 20;

/** Totals: well inside what a 32-bit wasm heap, a tab's JS heap or a GPU's memory holds alongside the page. */
export const BPTT_LIMITS: Record<BackendName, number> = { webgpu: 1024 * MiB, webgl: 512 * MiB, wasm: 1024 * MiB, cpu: 1024 * MiB };
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
    const kept = 2 + (s.gamma ? 1 : 0) + (s.learnsActivation ? 2 : 0) + (backend === 'wasm' ? 1 : 0) + (s.readout === 'all' ? 1 : 0);
    floats = (kept + 4) * TBN + 2 * s.T * s.B * s.I;
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

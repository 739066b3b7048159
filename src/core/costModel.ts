/**
 * What a training step will cost before it runs: time per step on each backend and the memory the
 * step holds at its peak. Both are estimates from the network's shape, calibrated on a 2-core
 * laptop-class CPU (BENCHMARKS.md); the page scales the time by what it has measured on the
 * reader's machine once a run has stepped. They decide three things: the warning a reader sees
 * before pressing play on a slow setting, how long the worker may stay silent inside one step
 * before the page calls it hung, and whether a setting fits in memory at all.
 */
import type { Mode } from '../state/schema';
import type { TaskShape } from './tasks/shape';

export type CostBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface CostConfig {
  hidden: number;
  batch: number;
  mode: Mode;
}

/**
 * Per backend: fixed cost per step (loss, clipping, Adam), cost per time step (kernel launches,
 * which dominate at small sizes) and arithmetic rate (which dominates at large ones). Fitted to
 * the engine benchmark's row-sMNIST and psMNIST-14 rows; software GPUs (SwiftShader) here.
 */
const RATES: Record<CostBackend, { baseMs: number; perTimeStepMs: number; flopsPerMs: number }> = {
  wasm: { baseMs: 0.7, perTimeStepMs: 0.25, flopsPerMs: 2e7 },
  cpu: { baseMs: 3, perTimeStepMs: 0.5, flopsPerMs: 6e5 },
  webgl: { baseMs: 20, perTimeStepMs: 1.9, flopsPerMs: 1.3e6 },
  webgpu: { baseMs: 60, perTimeStepMs: 12, flopsPerMs: 1.3e6 },
};

/** Floating-point operations of one training step: forward, and backward at about twice that. */
export function stepFlops(shape: TaskShape, cfg: CostConfig): number {
  const { hidden: N, batch: B } = cfg;
  const perTimeStep = 2 * B * (shape.inputs * N + N * N) + (shape.readout === 'all' ? 2 * B * N * shape.classes : 0);
  return 3 * shape.steps * perTimeStep;
}

/** Estimated milliseconds per training step on `backend`, times the reader's calibration factor. */
export function estimateStepMs(shape: TaskShape, cfg: CostConfig, backend: CostBackend, calibration = 1): number {
  const r = RATES[backend];
  return calibration * (r.baseMs + shape.steps * r.perTimeStepMs + stepFlops(shape, cfg) / r.flopsPerMs);
}

/**
 * Tensors of T·B·N floats alive at a step's peak, measured with tf.profile on the cpu backend
 * (the per-step tensors of the forward loop, the stacked copies kept for backpropagation through
 * time, and the backward pass's own): learned γ keeps σ and softplus of every step as well.
 */
function peakTensors(mode: Mode): number {
  if (mode === 'homogeneous' || mode === 'heterogeneous') return 44;
  if (mode === 'static') return 26;
  return 22;
}

/** Estimated peak bytes of one training step (float32). */
export function estimateStepBytes(shape: TaskShape, cfg: CostConfig): number {
  return 4 * shape.steps * cfg.batch * cfg.hidden * peakTensors(cfg.mode);
}

/**
 * Largest peak a step may need. WebAssembly memory stops at 4 GB and a browser tab often fails
 * well before; beyond this a step would fail, fall back and fail again instead of training.
 */
export const MEMORY_LIMIT_BYTES = 1.5 * 2 ** 30;

/** A step slower than this is "slow" and the page says so before the reader presses play. */
export const SLOW_STEP_MS = 1000;

/** Why a setting cannot train at all (too much memory), or undefined when it fits. */
export function memoryProblem(shape: TaskShape, cfg: CostConfig): string | undefined {
  const bytes = estimateStepBytes(shape, cfg);
  if (bytes <= MEMORY_LIMIT_BYTES) return undefined;
  return (
    `a training step would need about ${formatBytes(bytes)} of memory (${shape.steps} time steps × ${cfg.batch} sequences × ` +
    `${cfg.hidden} neurons kept for backpropagation through time), over the ${formatBytes(MEMORY_LIMIT_BYTES)} this page allows: ` +
    'lower the batch or the hidden units, or choose a task with fewer steps'
  );
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GB`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)} MB`;
  return `${Math.round(bytes / 2 ** 10)} KB`;
}

/** "12 ms", "3.4 s", "2.5 min", "1.3 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toPrecision(2)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toPrecision(2)} min`;
  return `${(ms / 3_600_000).toPrecision(2)} h`;
}

/**
 * What a training step will cost in time before it runs, on each backend: an estimate from the
 * network's shape, calibrated on a 2-core laptop-class CPU (BENCHMARKS.md). It decides the warning
 * a reader sees before pressing play on a slow setting, how long the worker may stay silent inside
 * one step before the page calls it hung, and which backends auto does not bother to time. (What a
 * step keeps in memory is engine/bpttMemory.ts.)
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
  // webgl with its per-step kernels (four draws a time step), fitted on 2026-12-04's midday rows.
  webgl: { baseMs: 12, perTimeStepMs: 0.55, flopsPerMs: 3.5e6 },
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

/** A step slower than this is "slow" and the page says so before the reader presses play. */
export const SLOW_STEP_MS = 1000;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toPrecision(2)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toPrecision(2)} min`;
  return `${(ms / 3_600_000).toPrecision(2)} h`;
}

/** Messages of the benchmark worker (diagnostics only; not part of the page⇄worker protocol). */
import type { TaskId } from '../state/schema';
import type { BackendName, BackendReport } from '../engine/protocol';
import type { FusedCase } from '../engine/fusedFixture';
import type { FusedCaseErrors } from './fusedCheck';

export interface BenchRequest {
  type: 'bench';
  baseUrl: string;
  backends: BackendName[];
  tasks: TaskId[];
  /** Hidden sizes N to time each task at. */
  hidden: number[];
  /** Wall time allowed per (backend, task, N, implementation) after warm-up. */
  budgetMs: number;
  maxSteps: number;
  /** A step slower than this is timed once more and no more. */
  slowStepMs: number;
  /** A size whose step is predicted (∝ N² from the previous size) to take longer is not run. */
  skipPredictedMs: number;
  /** Also time the op-by-op path on backends with the engine's own kernels (fused or per-step; unregistered meanwhile). */
  opByOp: boolean;
  /** Time the tf.layers baseline too (default true). */
  layers?: boolean;
}

/** Checks the fused kernels of `backend` against the plain reference on the cpu backend. */
export interface FusedCheckRequest {
  type: 'fused-check';
  baseUrl: string;
  backend: BackendName;
  cases: FusedCase[];
  /** webgl: the parts of a step product (registerStepKernels.ts), in place of the device's default. */
  stepParts?: [number, number];
}

/** Kernels per training step of the engine for each task (hidden N, batch 32). */
export interface CountRequest {
  type: 'count';
  baseUrl: string;
  backend: BackendName;
  tasks: TaskId[];
  hidden: number;
  /** Counted once for each: false trains n directly, true with Adam on log n. */
  logGains: boolean[];
}

export type WorkerRequest = BenchRequest | FusedCheckRequest | CountRequest;

/** One count of a CountRequest. */
export interface KernelCount {
  task: TaskId;
  logGain: boolean;
  steps: number;
  kernelsPerStep: number;
}

export interface Timing {
  steps: number;
  msPerStep: number;
  stepsPerSec: number;
  firstLoss: number;
  /** The first step (shader compiles, graph building), not counted above. */
  warmMs?: number;
  /** Kernels one step issues: GPU dispatches on webgpu, tfjs kernels elsewhere. */
  kernelsPerStep?: number;
  /** Not run: the step time predicted from the previous size (ms) was over the plan's limit. */
  skippedPredictedMs?: number;
}

export interface BenchRow {
  backend: BackendName;
  task: TaskId;
  hidden: number;
  ours: Timing;
  /** The op-by-op path on a backend with the engine's own kernels (what ran before them), same run. */
  opByOp?: Timing;
  layers?: Timing;
  /** layers ms per step ÷ ours. */
  speedup: number;
}

/** The long run of the real training worker with the auto backend (measured by scripts/bench.ts). */
export interface LongRun {
  backend: BackendName;
  /** The backend asked for ('auto' or a forced one). */
  requested: string;
  /** Network size and batch of the run (older results files lack them: N = 64, batch 32). */
  hidden?: number;
  batch?: number;
  report: BackendReport;
  steps: number;
  /** Steps per second from the first snapshot to the last (the backend choice excluded). */
  stepsPerSec: number;
  /** Seconds from configure to the first step (backend choice, data, first evaluation). */
  startupSec: number;
  tensorsAtStart: number;
  tensorsAtEnd: number;
  /** Worker JS heap (CDP Runtime.getHeapUsage) after the first chunk and at the end. */
  heapStartMB: number | null;
  heapEndMB: number | null;
}

export type BenchEvent =
  | { type: 'log'; text: string }
  | { type: 'backend'; backend: BackendName; ok: boolean; detail: string }
  | { type: 'row'; row: BenchRow }
  | { type: 'fused'; result: FusedCaseErrors }
  | ({ type: 'count'; backend: BackendName } & KernelCount)
  | { type: 'done' }
  | { type: 'error'; message: string };

/** Messages of the benchmark worker (diagnostics only; not part of the page⇄worker protocol). */
import type { TaskId } from '../state/schema';
import type { BackendName, BackendReport } from '../engine/protocol';

export interface BenchRequest {
  type: 'bench';
  baseUrl: string;
  backends: BackendName[];
  tasks: TaskId[];
  /** Wall time allowed per (backend, task, implementation) after warm-up. */
  budgetMs: number;
  maxSteps: number;
}

export interface Timing {
  steps: number;
  msPerStep: number;
  stepsPerSec: number;
  firstLoss: number;
}

export interface BenchRow {
  backend: BackendName;
  task: TaskId;
  ours: Timing;
  layers: Timing;
  /** layers ms per step ÷ ours. */
  speedup: number;
}

/** The long run of the real training worker with the auto backend (measured by scripts/bench.ts). */
export interface LongRun {
  backend: BackendName;
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
  | { type: 'done' }
  | { type: 'error'; message: string };

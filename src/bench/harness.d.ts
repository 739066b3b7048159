/** What bench.html exposes to tests and the benchmark script. */
import type { TrainerClient } from '../engine/client';
import type { RunConfig, WorkerMessage } from '../engine/protocol';
import type { BenchEvent, BenchRequest, KernelCount } from './benchTypes';
import type { FusedCase } from '../engine/fusedFixture';
import type { FusedCaseErrors } from './fusedCheck';

export interface EngineHarness {
  client: TrainerClient;
  /** Every message delivered to subscribers, in order. */
  messages: WorkerMessage[];
  /** The run bench.html configured (runId 'bench'). */
  runId: string;
  config: RunConfig;
  /** Main-thread long tasks seen by a PerformanceObserver (ms). */
  longTasks: { start: number; duration: number }[];
  runBenchmark(req: Partial<Omit<BenchRequest, 'type' | 'baseUrl'>>, onEvent?: (e: BenchEvent) => void): Promise<BenchEvent[]>;
  /** Fused kernels of `backend` against the plain reference on cpu, one result per case. */
  fusedCheck(backend: 'webgpu' | 'webgl', cases: FusedCase[], stepParts?: [number, number]): Promise<FusedCaseErrors[]>;
  /**
   * Kernels (webgpu: dispatches) of one engine training step per task, batch 32, N = hidden, for
   * each of `logGains` (Adam on n, or on log n), in one worker.
   */
  countKernels(backend: BenchRequest['backends'][number], tasks: BenchRequest['tasks'], hidden: number, logGains: boolean[]): Promise<KernelCount[]>;
}

declare global {
  interface Window {
    engineHarness: EngineHarness;
  }
}

/** What bench.html exposes to tests and the benchmark script. */
import type { TrainerClient } from '../engine/client';
import type { RunConfig, WorkerMessage } from '../engine/protocol';
import type { BenchEvent, BenchRequest } from './benchTypes';

export interface EngineHarness {
  client: TrainerClient;
  /** Every message delivered to subscribers, in order. */
  messages: WorkerMessage[];
  /** The run bench.html configured (runId 'bench'). */
  runId: string;
  config: RunConfig;
  /** Main-thread long tasks seen by a PerformanceObserver (ms). */
  longTasks: { start: number; duration: number }[];
  runBenchmark(req: Partial<Omit<BenchRequest, 'type' | 'baseUrl'>>): Promise<BenchEvent[]>;
}

declare global {
  interface Window {
    engineHarness: EngineHarness;
  }
}

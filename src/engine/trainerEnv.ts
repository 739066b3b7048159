/**
 * What a Trainer needs from whoever hosts it (the worker, a node test, a script): where messages
 * go, which backend computes, a clock, a way to yield, and who handles a compute error.
 */
import type { BackendName, WorkerMessage } from './protocol';
import type { Trainer } from './trainer';

export interface TrainerEnv {
  post(msg: WorkerMessage, transfer?: Transferable[]): void;
  backend(): BackendName;
  now(): number;
  yieldNow(): Promise<void>;
  /** A step or an evaluation threw: the backend may be broken; the host decides what to do. */
  onComputeError(trainer: Trainer, error: unknown): void;
  /** The host is about to block for about `ms` (a chunk of steps, an evaluation). */
  busy?(ms: number): void;
  /** A fault to throw instead of the next step (diagnostics), taken once. */
  takeFault?(): Error | undefined;
}

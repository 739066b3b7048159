/**
 * What every task provides to the trainer: its shape and baseline (info), random training batches
 * drawn from a caller-owned Rng, a fixed test set and a small fixed probe set for phase portraits.
 */
import type { Rng } from '../rng';
import type { Batch, TaskInfo } from '../taskTypes';

/** A probe batch plus one label per sequence (digit, first copied symbol, final flip-flop state). */
export interface ProbeBatch extends Batch {
  labels: Int32Array;
}

export interface Task {
  info: TaskInfo;
  /** `size` fresh sequences; the same rng state gives the same batch. */
  trainBatch(rng: Rng, size: number): Batch;
  /** Fixed for a given seed (and delay); built once and cached. */
  testSet(): Batch;
  /** ≤ 20 fixed sequences, grouped by label. */
  probeSet(): ProbeBatch;
}

/** Memoises a builder, so fixed sets are built once per task. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/**
 * createTask: the one place that maps a TaskId (state/schema.ts) to its generator. Every task's
 * random choices derive from `seed` (permutation, test and probe sets); training batches draw from
 * the Rng the caller passes to trainBatch.
 */
import type { MnistData } from '../mnist';
import { createRng } from '../rng';
import type { TaskId } from '../../state/schema';
import { createCopyTask } from './copy';
import { createFlipFlopTask } from './flipflop';
import { createMnistTask } from './mnistTasks';
import type { Task } from './task';

export type { ProbeBatch, Task } from './task';

export interface TaskOptions {
  seed: number;
  /** Copy task: blank steps between the symbols and the recall marker. */
  delay: number;
  /** Required by the MNIST tasks. */
  data?: MnistData;
}

/** Whether a task needs the MNIST files. */
export function needsMnist(id: TaskId): boolean {
  return id === 'rows' || id === 'ps14' || id === 'ps28';
}

export function createTask(id: TaskId, opts: TaskOptions): Task {
  const rng = createRng(opts.seed).fork(`task ${id}`);
  switch (id) {
    case 'rows':
    case 'ps14':
    case 'ps28':
      if (!opts.data) throw new Error(`task '${id}' needs the MNIST data`);
      return createMnistTask(id, opts.data, rng);
    case 'copy':
      return createCopyTask(opts.delay, rng);
    case 'flipflop':
      return createFlipFlopTask(rng);
  }
}

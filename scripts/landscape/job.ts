/**
 * One landscape run, with the page's own code: buildModel, the chunked training loop (runChunk,
 * which draws batch k from (seed, k) exactly as the trainer does) and evaluateTest, on the wasm
 * backend. Runs in a pool worker, or in the calling thread with --workers 0.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { LandscapeCell, LandscapeSettings } from '../../src/core/landscapeFile';
import type { MnistData } from '../../src/core/mnist';
import { createTask, needsMnist, type Task } from '../../src/core/tasks/index';
import { chunkDivergedReason, runChunk } from '../../src/engine/chunk';
import { evaluateTest } from '../../src/engine/evaluation';
import type { RunConfig } from '../../src/engine/protocol';
import { buildModel, disposeModel } from '../../src/engine/runModel';
import type { TaskId } from '../../src/state/schema';
import { loadMnistFiles } from './data';
import type { Job } from './grid';

/** Steps per read-back: the losses are checked for divergence after each chunk, as the page does. */
const CHUNK_STEPS = 100;

/** What every job of a sweep shares; plain data, so it can be handed to a worker. */
export interface SweepSpec {
  task: TaskId;
  steps: number;
  settings: LandscapeSettings;
  /** Repository root: where node_modules and public/data are. */
  root: string;
}

let wasmReady: Promise<void> | undefined;

/** The wasm backend as the page runs it: single-threaded (the SIMD build where available). */
export function startWasm(root: string): Promise<void> {
  wasmReady ??= (async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/');
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialise');
    await tf.ready();
    tf.enableProdMode();
  })();
  return wasmReady;
}

/** The page's RunConfig for one cell. */
export function configFor(spec: SweepSpec, job: Job): RunConfig {
  // Static cells learn no n, s: their learning rate does not matter.
  return { ...spec.settings, task: spec.task, seed: job.seed, n0: job.n, s0: job.s, speed: 1000, actLr: 1, logGain: false };
}

/** Runs jobs of one sweep; tasks are built once per seed (the seed fixes permutation and test set). */
export class JobRunner {
  private readonly tasks = new Map<number, Task>();
  private data?: MnistData;

  constructor(private readonly spec: SweepSpec) {}

  task(seed: number): Task {
    let t = this.tasks.get(seed);
    if (!t) {
      if (needsMnist(this.spec.task)) this.data ??= loadMnistFiles(this.spec.root);
      t = createTask(this.spec.task, { seed, delay: this.spec.settings.delay, data: this.data });
      this.tasks.set(seed, t);
    }
    return t;
  }

  async run(job: Job): Promise<LandscapeCell> {
    await startWasm(this.spec.root);
    const config = configFor(this.spec, job);
    const task = this.task(job.seed);
    const model = buildModel(config, task);
    try {
      for (let step = 0; step < this.spec.steps; ) {
        const r = await runChunk(
          { model, task, seed: config.seed, batch: config.batch, first: step, planned: Math.min(CHUNK_STEPS, this.spec.steps - step), budgetMs: Infinity, now: () => performance.now() },
          1,
        );
        const diverged = chunkDivergedReason(r, step, config.lr, task.info.chanceLoss);
        if (diverged) return { ...job, loss: null, accuracy: null, diverged: step + (r.badLoss >= 0 ? r.badLoss : r.k) };
        step += r.k;
      }
      const { loss, acc } = await evaluateTest(model, task.testSet());
      // Healthy weights can still overflow on a test sequence: that run diverged too, at the end.
      if (!Number.isFinite(loss) || !Number.isFinite(acc)) return { ...job, loss: null, accuracy: null, diverged: this.spec.steps };
      return { ...job, loss, accuracy: acc };
    } finally {
      disposeModel(model);
    }
  }
}

/**
 * Trains a task's default settings with the page's engine code (the worker's model, chunk loop and
 * test evaluation) on whatever tfjs backend is active; shared by the task-defaults benchmark and
 * its unit test. Batch k of a run is drawn from (seed, k) exactly as in the page.
 */
import type { MnistData } from '../../src/core/mnist';
import { createTask, needsMnist } from '../../src/core/tasks/index';
import { runChunk } from '../../src/engine/chunk';
import { evaluateTest } from '../../src/engine/evaluation';
import type { RunConfig } from '../../src/engine/protocol';
import { buildModel, disposeModel } from '../../src/engine/runModel';
import { runConfig } from '../../src/state/runConfig';
import { defaultState, type TaskId } from '../../src/state/schema';
import { BELOW_CHANCE, taskPatch } from '../../src/state/taskDefaults';

/** The page's run configuration after the reader picks `task` (its defaults), on wasm. */
export function taskDefaultConfig(task: TaskId, seed = 1): RunConfig {
  return { ...runConfig({ ...defaultState(), ...taskPatch(task), seed }), backend: 'wasm' };
}

export interface TaskRun {
  chanceLoss: number;
  chanceAcc: number;
  /** First step (1-based) where the smoothed training loss is ≤ BELOW_CHANCE × chance, or null. */
  firstBelow: number | null;
  testLoss: number;
  testAcc: number;
  msPerStep: number;
}

/** The page's smoothing of the training loss (state/runHistory.ts: bias-corrected EMA). */
const BETA = 0.97;

/**
 * Trains `steps` steps (or, with `stopWhenBelow`, until the smoothed loss is clearly below chance)
 * and evaluates on the test set.
 */
export async function trainTaskDefault(task: TaskId, opts: { seed?: number; steps: number; data?: MnistData; stopWhenBelow?: boolean; override?: Partial<RunConfig> }): Promise<TaskRun> {
  const config = { ...taskDefaultConfig(task, opts.seed ?? 1), ...opts.override };
  const t = createTask(task, { seed: config.seed, delay: config.delay, data: needsMnist(task) ? opts.data : undefined });
  const model = buildModel(config, t);
  const level = BELOW_CHANCE * t.info.chanceLoss;
  let m = 0;
  let w = 0;
  let firstBelow: number | null = null;
  let ms = 0;
  // Stopping is checked between chunks: short ones when it is wanted, so few steps run past it.
  const chunk = opts.stopWhenBelow ? 10 : 50;
  try {
    let step = 0;
    while (step < opts.steps && !(opts.stopWhenBelow && firstBelow !== null)) {
      const r = await runChunk({ model, task: t, seed: config.seed, batch: config.batch, first: step, planned: Math.min(chunk, opts.steps - step), budgetMs: Infinity, now: () => performance.now() }, 1);
      ms += r.ms;
      for (let i = 0; i < r.k; i++) {
        m = BETA * m + (1 - BETA) * r.losses[i];
        w = BETA * w + (1 - BETA);
        if (firstBelow === null && m / w <= level) firstBelow = step + i + 1;
      }
      step += r.k;
    }
    const test = await evaluateTest(model, t.testSet());
    return { chanceLoss: t.info.chanceLoss, chanceAcc: t.info.chanceAcc, firstBelow, testLoss: test.loss, testAcc: test.acc, msPerStep: ms / step };
  } finally {
    disposeModel(model);
  }
}

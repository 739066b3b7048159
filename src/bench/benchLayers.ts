/** Times the tf.layers version of the same network on the same batches, step by step. */
import type { Task } from '../core/tasks/index';
import type { RunConfig } from '../engine/protocol';
import { batchAt } from '../engine/runModel';
import type { Timing } from './benchTypes';
import { createLayersRun } from './layersBaseline';

export async function timeLayers(config: RunConfig, task: Task, budgetMs: number, maxSteps: number): Promise<Timing> {
  const run = createLayersRun(config, task);
  try {
    // Step 0 compiles shaders and builds the graph: timed apart, not counted.
    const firstLoss = await run.step(batchAt(task, config.seed, 0, config.batch));
    const times: number[] = [];
    let spent = 0;
    let step = 1;
    while (step < maxSteps && (spent < budgetMs || times.length < 3)) {
      const t0 = performance.now();
      await run.step(batchAt(task, config.seed, step, config.batch));
      const dt = performance.now() - t0;
      times.push(dt);
      spent += dt;
      step++;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const m = sorted.length >> 1;
    const med = sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    return { steps: step, msPerStep: med, stepsPerSec: (times.length * 1000) / spent, firstLoss };
  } finally {
    run.dispose();
  }
}

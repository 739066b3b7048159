/**
 * Times bare training steps — ours (the engine's buildModel + trainOn, the step the training worker
 * runs) and tf.layers (trainOnBatch) — on the same batches, each step awaited, the first (shader
 * compiles, graph building) apart; then counts the kernels one more step issues.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Task } from '../core/tasks/index';
import type { RunConfig } from '../engine/protocol';
import { batchAt, buildModel, disposeModel, trainOn } from '../engine/runModel';
import type { Timing } from './benchTypes';
import { countKernels } from './kernelCount';
import { createLayersRun } from './layersBaseline';

export interface StepPlan {
  budgetMs: number;
  maxSteps: number;
  /** When the warm-up step alone takes longer, one more step is timed and no more. */
  slowStepMs: number;
  /** Count the kernels of one more step (the count depends on T and the code path, not on N). */
  count: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function timeLoop(step: (i: number) => Promise<number>, plan: StepPlan): Promise<Omit<Timing, 'kernelsPerStep'> & { next: number }> {
  const w0 = performance.now();
  const firstLoss = await step(0);
  const warmMs = performance.now() - w0;
  const times: number[] = [];
  let spent = 0;
  let i = 1;
  const cap = warmMs > plan.slowStepMs ? 2 : plan.maxSteps;
  while (i < cap && (spent < plan.budgetMs || times.length < 2)) {
    const t0 = performance.now();
    await step(i);
    const dt = performance.now() - t0;
    times.push(dt);
    spent += dt;
    i++;
    if (dt > plan.slowStepMs) break;
  }
  return { steps: times.length, msPerStep: median(times), stepsPerSec: (times.length * 1000) / spent, firstLoss, warmMs, next: i };
}

export async function timeOursSteps(config: RunConfig, task: Task, plan: StepPlan): Promise<Timing> {
  const model = buildModel(config, task);
  const step = async (i: number) => {
    const r = trainOn(model, batchAt(task, config.seed, i, config.batch));
    const loss = (await r.loss.data())[0];
    tf.dispose([r.loss, r.acc]);
    return loss;
  };
  try {
    const t = await timeLoop(step, plan);
    const kernelsPerStep = plan.count ? await countKernels(() => step(t.next)) : undefined;
    return { ...t, kernelsPerStep };
  } finally {
    disposeModel(model);
  }
}

export async function timeLayersSteps(config: RunConfig, task: Task, plan: StepPlan): Promise<Timing> {
  const run = createLayersRun(config, task);
  const step = (i: number) => run.step(batchAt(task, config.seed, i, config.batch));
  try {
    const t = await timeLoop(step, plan);
    const kernelsPerStep = plan.count ? await countKernels(() => step(t.next)) : undefined;
    return { ...t, kernelsPerStep };
  } finally {
    run.dispose();
  }
}

/** Kernels of one engine step after a warm-up step (the count tests compare across T). */
export async function oursKernelsPerStep(config: RunConfig, task: Task): Promise<number> {
  const model = buildModel(config, task);
  const step = async (i: number) => {
    const r = trainOn(model, batchAt(task, config.seed, i, config.batch));
    await r.loss.data();
    tf.dispose([r.loss, r.acc]);
  };
  try {
    await step(0);
    return await countKernels(() => step(1));
  } finally {
    disposeModel(model);
  }
}

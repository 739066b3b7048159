/**
 * Times training steps of the actual model on the active backend, for auto's choice. The first
 * step compiles shaders and is not counted; when the second alone is already far slower than the
 * best backend so far, timing stops there.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Task } from '../core/tasks/index';
import type { Measure } from './backends';
import type { RunConfig } from './protocol';
import { batchAt, buildModel, disposeModel, trainOn } from './runModel';

/** Timed steps stop after this much time (or 10 steps): about a second over all candidates. */
const TIMING_BUDGET_MS = 300;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function measureModel(config: RunConfig, task: Task, now: () => number = () => performance.now()): Measure {
  return async (best) => {
    const model = buildModel(config, task);
    const once = async (i: number): Promise<number> => {
      const t0 = now();
      const r = trainOn(model, batchAt(task, config.seed, i, config.batch));
      await r.loss.data();
      tf.dispose([r.loss, r.acc]);
      return now() - t0;
    };
    try {
      await once(0);
      const warm = await once(1);
      if (best !== undefined && warm > 1.5 * best) return { msPerStep: warm, cutShort: true };
      const times = [warm];
      let spent = warm;
      for (let i = 2; i < 12 && spent < TIMING_BUDGET_MS; i++) {
        const t = await once(i);
        times.push(t);
        spent += t;
      }
      return { msPerStep: median(times), cutShort: false };
    } finally {
      disposeModel(model);
    }
  };
}

/**
 * The loss and accuracy of an input-blind guess, for the loss chart's baseline. Synthetic tasks
 * report it exactly (their TaskInfo, built from the seed without any data). For the MNIST tasks the
 * exact prior baseline needs the dataset, which only the worker loads; the page draws the uniform
 * guess over 10 classes instead (ln 10, 10 %), and labels it so.
 */
import { createTask, needsMnist } from '../../core/tasks';
import type { TaskId } from '../../state/schema';

export interface Chance {
  loss: number;
  acc: number;
  label: string;
}

const cache = new Map<string, Chance>();

export function chanceFor(task: TaskId, seed: number, delay: number): Chance {
  const key = `${task}|${seed}|${delay}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let out: Chance;
  if (needsMnist(task)) out = { loss: Math.log(10), acc: 0.1, label: 'uniform guess' };
  else {
    const info = createTask(task, { seed, delay }).info;
    out = { loss: info.chanceLoss, acc: info.chanceAcc, label: 'chance' };
  }
  cache.set(key, out);
  return out;
}

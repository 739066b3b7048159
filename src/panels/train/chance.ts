/**
 * The loss and accuracy of an input-blind guess, for the loss chart's baseline. The run's own
 * TaskInfo (sent by the worker when the run is ready) is the source; before that, synthetic tasks
 * give theirs exactly on the page (built from the seed, no data needed). MNIST tasks' baseline is
 * the class prior of the loaded data, which only the worker has: until it reports, there is none.
 */
import { createTask, needsMnist } from '../../core/tasks';
import type { TaskInfo } from '../../core/taskTypes';
import type { TaskId } from '../../state/schema';

export interface Chance {
  loss: number;
  acc: number;
  label: string;
}

const cache = new Map<string, Chance>();

export function chanceFor(task: TaskId, seed: number, delay: number, reported: TaskInfo | null = null): Chance | null {
  if (reported) return { loss: reported.chanceLoss, acc: reported.chanceAcc, label: 'chance' };
  if (needsMnist(task)) return null;
  const key = `${task}|${seed}|${delay}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const info = createTask(task, { seed, delay }).info;
  const out = { loss: info.chanceLoss, acc: info.chanceAcc, label: 'chance' };
  cache.set(key, out);
  return out;
}

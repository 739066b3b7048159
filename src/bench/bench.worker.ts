/**
 * The benchmark worker: for each backend and task, our trainer against the tf.layers version of
 * the same network, in this one worker on the same backend.
 */
import '../engine/registerBackends';
import { createTask } from '../core/tasks/index';
import { activate, availability } from '../engine/backends';
import { createMnistLoader } from '../engine/loadMnist';
import type { RunConfig } from '../engine/protocol';
import { defaultState, type TaskId } from '../state/schema';
import type { BenchEvent, BenchRequest } from './benchTypes';
import { timeLayers } from './benchLayers';
import { timeOurs } from './benchOurs';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const send = (e: BenchEvent) => scope.postMessage(e);

function benchConfig(task: TaskId, backend: RunConfig['backend']): RunConfig {
  const d = defaultState();
  return { task, mode: 'homogeneous', hidden: 64, batch: 32, lr: d.lr, clip: d.clip, seed: 1, n0: 1, s0: 0, constrain: true, init: 'explorable', delay: d.delay, backend, speed: 1000 };
}

async function compare(req: BenchRequest, loader: ReturnType<typeof createMnistLoader>): Promise<void> {
  for (const backend of req.backends) {
    const avail = await availability(backend);
    if (!avail.ok) {
      send({ type: 'backend', backend, ok: false, detail: avail.detail });
      continue;
    }
    const act = await activate(backend);
    send({ type: 'backend', backend, ok: act.ok, detail: act.ok ? `${avail.detail}; ${act.detail}` : act.detail });
    if (!act.ok) continue;
    for (const taskId of req.tasks) {
      const config = benchConfig(taskId, backend);
      const task = createTask(taskId, { seed: config.seed, delay: config.delay, data: await loader(taskId) });
      send({ type: 'log', text: `${backend} ${taskId}: our trainer` });
      const ours = await timeOurs(config, task, backend, req.budgetMs, req.maxSteps);
      send({ type: 'log', text: `${backend} ${taskId}: tf.layers` });
      const layers = await timeLayers(config, task, req.budgetMs, req.maxSteps);
      send({ type: 'row', row: { backend, task: taskId, ours, layers, speedup: layers.msPerStep / ours.msPerStep } });
    }
  }
}

scope.onmessage = async (e: MessageEvent<BenchRequest>) => {
  const req = e.data;
  const loader = createMnistLoader(() => req.baseUrl);
  try {
    await compare(req, loader);
    send({ type: 'done' });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
};

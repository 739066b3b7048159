/**
 * The benchmark worker: for each backend, task and hidden size, our training step against the
 * tf.layers version of the same network, in this one worker on the same backend; kernel counts;
 * and the fused-kernel check against the plain reference (for the browser tests).
 */
import * as tf from '@tensorflow/tfjs-core';
import '../engine/registerBackends';
import { setFusedEnabled } from '../engine/webgpu/registerFused';
import { setWebglStepKernelsEnabled, setWebglStepParts } from '../engine/webgl/registerStepKernels';
import { stepKernelsAvailable } from '../core/unrollSteps';
import { createTask } from '../core/tasks/index';
import { fusedAvailable } from '../core/fusedStep';
import { activate, availability } from '../engine/backends';
import { createMnistLoader } from '../engine/loadMnist';
import type { RunConfig } from '../engine/protocol';
import { defaultState, type TaskId } from '../state/schema';
import type { BenchEvent, BenchRequest, CountRequest, FusedCheckRequest, Timing, WorkerRequest } from './benchTypes';
import { oursKernelsPerStep, timeLayersSteps, timeOursSteps } from './benchSteps';
import { checkFusedCase } from './fusedCheck';
import { warmShapeFeedback } from '../engine/jitWarmup';

warmShapeFeedback();

const scope = self as unknown as DedicatedWorkerGlobalScope;
const send = (e: BenchEvent) => scope.postMessage(e);
type Loader = ReturnType<typeof createMnistLoader>;

export function benchConfig(task: TaskId, backend: RunConfig['backend'], hidden = 64): RunConfig {
  const d = defaultState();
  return { task, mode: 'homogeneous', hidden, batch: 32, lr: d.lr, clip: d.clip, seed: 1, n0: 1, s0: 0, constrain: true, init: 'explorable', actLr: 1, logGain: false, delay: d.delay, backend, speed: 1000 };
}

async function taskFor(config: RunConfig, loader: Loader) {
  return createTask(config.task, { seed: config.seed, delay: config.delay, data: await loader(config.task) });
}

/** Activates a backend for the benchmark; false (and an event) when it cannot be used. */
async function activateFor(backend: RunConfig['backend'] & string): Promise<boolean> {
  if (backend === 'auto') return false;
  const avail = await availability(backend);
  if (!avail.ok) {
    send({ type: 'backend', backend, ok: false, detail: avail.detail });
    return false;
  }
  await tf.setBackend(backend).catch(() => false);
  // WebGPU reports a shader or validation error only as an event: pass it on to the log.
  const device = (tf.backend() as { device?: GPUDevice }).device;
  device?.addEventListener('uncapturederror', (e) => send({ type: 'log', text: `GPU error: ${(e as GPUUncapturedErrorEvent).error.message}` }));
  const act = await activate(backend);
  send({ type: 'backend', backend, ok: act.ok, detail: act.ok ? `${avail.detail}; ${act.detail}` : act.detail });
  return act.ok;
}

/**
 * Runs `time` unless the last measured step of this implementation, scaled by T·N² (the
 * recurrent products dominate), predicts more than the limit; then records the prediction.
 */
async function timed(prev: Map<string, [number, number]>, key: string, work: number, limitMs: number, time: () => Promise<Timing>): Promise<Timing> {
  const last = prev.get(key);
  const predicted = last ? (last[1] * work) / last[0] : 0;
  if (predicted > limitMs) return { steps: 0, msPerStep: NaN, stepsPerSec: NaN, firstLoss: NaN, skippedPredictedMs: predicted };
  const t = await time();
  if (Number.isFinite(t.msPerStep)) prev.set(key, [work, t.msPerStep]);
  return t;
}

/** The engine's own kernels (webgpu's fused, webgl's per-step) on or off: off is the op-by-op path. */
function setEngineKernels(on: boolean): void {
  setFusedEnabled(on);
  setWebglStepKernelsEnabled(on);
}

async function compare(req: BenchRequest, loader: Loader): Promise<void> {
  for (const backend of req.backends) {
    if (!(await activateFor(backend))) continue;
    const prev = new Map<string, [number, number]>();
    for (const taskId of req.tasks) {
      for (const hidden of req.hidden) {
        // Kernel counts depend on T and the code path, not on N: counted at the first size only.
        const plan = { budgetMs: req.budgetMs, maxSteps: req.maxSteps, slowStepMs: req.slowStepMs, count: hidden === req.hidden[0] };
        const config = benchConfig(taskId, backend, hidden);
        const task = await taskFor(config, loader);
        const work = task.info.steps * hidden * hidden;
        send({ type: 'log', text: `${backend} ${taskId} N=${hidden}: ours` });
        const ours = await timed(prev, 'ours', work, req.skipPredictedMs, () => timeOursSteps(config, task, plan));
        let opByOp;
        if (req.opByOp && (fusedAvailable() || stepKernelsAvailable())) {
          send({ type: 'log', text: `${backend} ${taskId} N=${hidden}: op-by-op` });
          setEngineKernels(false);
          try {
            opByOp = await timed(prev, 'opByOp', work, req.skipPredictedMs, () => timeOursSteps(config, task, plan));
          } finally {
            setEngineKernels(true);
          }
        }
        let layers;
        if (req.layers !== false) {
          send({ type: 'log', text: `${backend} ${taskId} N=${hidden}: tf.layers` });
          layers = await timed(prev, 'layers', work, req.skipPredictedMs, () => timeLayersSteps(config, task, plan));
        }
        send({ type: 'row', row: { backend, task: taskId, hidden, ours, opByOp, layers, speedup: (layers?.msPerStep ?? NaN) / ours.msPerStep } });
      }
    }
  }
}

async function check(req: FusedCheckRequest): Promise<void> {
  if (req.stepParts) setWebglStepParts(...req.stepParts);
  if (!(await activateFor(req.backend))) return;
  for (const c of req.cases) send({ type: 'fused', result: await checkFusedCase(c, req.backend) });
}

async function count(req: CountRequest, loader: Loader): Promise<void> {
  if (!(await activateFor(req.backend))) return;
  // One worker for every variant: activating webgpu (its self-check) costs about 3 s.
  for (const logGain of req.logGains) {
    for (const taskId of req.tasks) {
      const config = { ...benchConfig(taskId, req.backend, req.hidden), logGain };
      const task = await taskFor(config, loader);
      send({ type: 'count', backend: req.backend, task: taskId, logGain, steps: task.info.steps, kernelsPerStep: await oursKernelsPerStep(config, task) });
    }
  }
}

scope.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  const loader = createMnistLoader(() => req.baseUrl);
  try {
    if (req.type === 'bench') await compare(req, loader);
    else if (req.type === 'fused-check') await check(req);
    else await count(req, loader);
    send({ type: 'done' });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
};

/**
 * Times our trainer (the Trainer class the training worker runs, snapshots and evaluations
 * included) on the active backend, from its snapshots.
 */
import type { Task } from '../core/tasks/index';
import type { RunConfig, WorkerMessage } from '../engine/protocol';
import { macrotaskYield, sleep } from '../engine/schedule';
import { Trainer } from '../engine/trainer';
import type { BackendName } from '../engine/protocol';
import type { Timing } from './benchTypes';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median and throughput from (time, step) samples, skipping the first (warm-up) interval. */
export function timingFrom(samples: { t: number; step: number }[], firstLoss: number): Timing {
  const per: number[] = [];
  for (let i = 2; i < samples.length; i++) {
    const ds = samples[i].step - samples[i - 1].step;
    if (ds > 0) per.push((samples[i].t - samples[i - 1].t) / ds);
  }
  const a = samples[Math.min(1, samples.length - 1)];
  const b = samples[samples.length - 1];
  const steps = b.step - a.step;
  return { steps: b.step, msPerStep: median(per), stepsPerSec: b.t > a.t ? (steps * 1000) / (b.t - a.t) : NaN, firstLoss };
}

export async function timeOurs(config: RunConfig, task: Task, backend: BackendName, budgetMs: number, maxSteps: number): Promise<Timing> {
  const samples: { t: number; step: number }[] = [];
  let firstLoss = NaN;
  let failure: unknown;
  const trainer = new Trainer('bench', { ...config }, task, {
    post(msg: WorkerMessage) {
      if (msg.type !== 'snapshot') return;
      const s = msg.snapshot;
      if (s.steps.length && s.steps[0] === 0) firstLoss = s.losses[0];
      if (s.steps.length) samples.push({ t: performance.now(), step: s.step });
    },
    backend: () => backend,
    now: () => performance.now(),
    yieldNow: macrotaskYield(),
    onComputeError: (_t, e) => {
      failure = e;
    },
  });
  await trainer.init();
  await trainer.play();
  const t0 = performance.now();
  while (!failure && trainer.status === 'running' && trainer.step < maxSteps) {
    // Budget counts from the first snapshot: the first chunk carries the shader compiles.
    const started = samples.length ? samples[0].t : t0;
    if (performance.now() - started > budgetMs && samples.length >= 3) break;
    await sleep(20);
  }
  await trainer.pause();
  await trainer.dispose();
  if (failure) throw failure;
  return timingFrom(samples, firstLoss);
}

/**
 * Node-side harness for the trainer tests: the cpu backend, a recorder for posted messages, and a
 * small copy-task config that trains quickly.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createTask } from '../../src/core/tasks/index';
import type { RunConfig, Snapshot, WorkerMessage } from '../../src/engine/protocol';
import { macrotaskYield } from '../../src/engine/schedule';
import { Trainer } from '../../src/engine/trainer';
import type { TrainerEnv } from '../../src/engine/trainerEnv';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export function smallConfig(over: Partial<RunConfig> = {}): RunConfig {
  return { task: 'copy', mode: 'homogeneous', hidden: 8, batch: 4, lr: 0.01, clip: 1, seed: 7, n0: 1, s0: 0, constrain: true, init: 'explorable', actLr: 1, logGain: false, delay: 3, backend: 'cpu', speed: 1000, ...over };
}

export interface Recorded {
  msg: WorkerMessage;
  t: number;
}

export class Recorder {
  readonly log: Recorded[] = [];
  post = (msg: WorkerMessage): void => {
    this.log.push({ msg, t: performance.now() });
  };
  snapshots(runId?: string): { s: Snapshot; t: number }[] {
    return this.log.flatMap((r) => (r.msg.type === 'snapshot' && (!runId || r.msg.runId === runId) ? [{ s: r.msg.snapshot, t: r.t }] : []));
  }
  losses(runId?: string): Map<number, number> {
    const out = new Map<number, number>();
    for (const { s } of this.snapshots(runId)) s.steps.forEach((step, i) => out.set(step, s.losses[i]));
    return out;
  }
  statuses(runId?: string) {
    return this.log.flatMap((r) => (r.msg.type === 'status' && (!runId || r.msg.runId === runId) ? [r.msg] : []));
  }
}

export function makeTrainer(config: RunConfig, rec: Recorder, runId = 'r', env: Partial<TrainerEnv> = {}): Trainer {
  const task = createTask(config.task, { seed: config.seed, delay: config.delay });
  return new Trainer(runId, config, task, {
    post: rec.post,
    backend: () => 'cpu',
    now: () => performance.now(),
    yieldNow: macrotaskYield(),
    onComputeError: (_t, e) => {
      throw e;
    },
    ...env,
  });
}

/** Resolves when `cond` holds, polling; rejects after `ms`. */
export async function until(cond: () => boolean, ms = 90_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

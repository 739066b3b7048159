/**
 * What a run tells the page: its status (with the reason, when there is one) and its snapshots —
 * the steps since the last one, at most every SNAPSHOT_MIN_MS — with the rate it trains at.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Checkpoint, RunStatus, WorkerMessage } from './protocol';
import { RateMeter, SnapshotPoster, type SnapshotBase } from './snapshot';
import type { TrainerEnv } from './trainerEnv';

/** The run's state a snapshot describes. */
export interface RunNow {
  step: number;
  status: RunStatus;
  n: Float32Array;
  s: Float32Array;
  lr: number;
}

/**
 * Tensors alive in the worker, from the engine's own count: tf.memory() asks the active backend,
 * which throws while a backend switch is still initialising, and a deferred snapshot can fire then.
 */
export function liveTensors(): number {
  return tf.engine().state.numTensors;
}

export class RunReporter {
  readonly poster: SnapshotPoster;
  readonly rate = new RateMeter();
  /** Tensors alive when the run last finished a computation (see settle). */
  private settled: number | undefined;

  constructor(
    private readonly runId: string,
    private readonly env: TrainerEnv,
    private readonly now: () => RunNow,
  ) {
    this.poster = new SnapshotPoster(env.now, (snapshot, transfer) => env.post({ type: 'snapshot', runId, snapshot }, transfer));
  }

  /** Records the tensors alive now, a moment when none of this run's computations is in flight. */
  settle(): void {
    this.settled = liveTensors();
  }

  status(reason?: string): void {
    const { status, step } = this.now();
    const msg: WorkerMessage = { type: 'status', runId: this.runId, status, step };
    if (reason) msg.reason = reason;
    this.env.post(msg);
  }

  /** A checkpoint names its step too: the steps up to it go out first. */
  checkpoint(checkpoint: Checkpoint): void {
    this.flush(true);
    this.env.post({ type: 'checkpoint', runId: this.runId, checkpoint });
  }

  /** Posts pending results now, or as soon as SNAPSHOT_MIN_MS have passed since the last snapshot. */
  flush(immediate = false): void {
    this.poster.flush(() => this.base(), immediate);
  }

  private base(): SnapshotBase {
    const r = this.now();
    return {
      runId: this.runId,
      step: r.step,
      n: r.n.slice(),
      s: r.s.slice(),
      stepsPerSec: r.status === 'running' ? this.rate.rate() : 0,
      backend: this.env.backend(),
      tensors: this.settled ?? liveTensors(),
      lr: r.lr,
    };
  }
}

/**
 * One run: its model, optimizer, task and data stream, driven by commands. Trains in time-budgeted
 * chunks (yielding between them, never on animation frames), reads losses back once per chunk,
 * posts snapshots at most 10 per second and checkpoints every few seconds, and pauses with a
 * readable reason when the loss or the weights stop being finite.
 * No DOM and no worker API here: messages go out through the injected `post`, so the same class
 * runs in the worker, in node tests and in scripts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Task } from '../core/tasks/index';
import type { BackendName, Checkpoint, RunConfig, RunStatus, WorkerMessage } from './protocol';
import { applyCheckpoint, captureCheckpoint, checkpointIsFinite } from './checkpoint';
import { firstNonFinite, lossDivergedReason, restoredReason, weightsDivergedReason } from './divergence';
import { evaluateTest, probeAnalysis } from './evaluation';
import { Lock } from './lock';
import { batchAt, buildModel, disposeModel, packChunk, trainOn, type RunModel } from './runModel';
import { RateMeter, SnapshotPoster, type SnapshotBase } from './snapshot';
import { sleep } from './schedule';
import { Throttle } from './throttle';

/** Work per chunk before yielding: long enough to amortise the read-back, short enough to stay responsive. */
export const CHUNK_MS = 80;
const MAX_CHUNK_STEPS = 256;
export const CHECKPOINT_MS = 3000;
/** Test evaluation: at least every this many steps or ms, and never more than 10% of the time. */
const EVAL_STEPS = 50;
const EVAL_MAX_MS = 5000;
const EVAL_MIN_MS = 1000;

export interface TrainerEnv {
  post(msg: WorkerMessage, transfer?: Transferable[]): void;
  backend(): BackendName;
  now(): number;
  yieldNow(): Promise<void>;
  /** A step or an evaluation threw: the backend may be broken; the host decides what to do. */
  onComputeError(trainer: Trainer, error: unknown): void;
}

export class Trainer {
  status: RunStatus = 'idle';
  step = 0;
  /** Last checkpoint whose values are all finite: where divergence and fallbacks return to. */
  lastGood?: Checkpoint;
  private model?: RunModel;
  private pendingSteps = 0;
  private suspended = false;
  private disposed = false;
  private looping = false;
  private readonly lock = new Lock();
  private readonly poster: SnapshotPoster;
  private readonly rate = new RateMeter();
  private readonly throttle: Throttle;
  private msPerStep = 20;
  /** Highest step already posted: steps redone after a fallback to an older checkpoint are not posted twice. */
  private highestPosted = -1;
  private n = new Float32Array(0);
  private s = new Float32Array(0);
  private lastCheckpointAt = 0;
  private lastEval = { step: -1, at: -Infinity, ms: 0 };

  constructor(
    readonly runId: string,
    readonly config: RunConfig,
    private readonly task: Task,
    private readonly env: TrainerEnv,
  ) {
    this.throttle = new Throttle(config.speed, env.now);
    this.poster = new SnapshotPoster(env.now, (snapshot, transfer) => env.post({ type: 'snapshot', runId, snapshot }, transfer));
  }

  /** Builds the model (from a checkpoint when given) and makes the first evaluation. */
  async init(restore?: Checkpoint): Promise<void> {
    await this.lock.run(async () => {
      await this.build(restore);
      await this.evaluateNow();
    });
    this.postStatus();
    this.flush();
  }

  private async build(restore?: Checkpoint): Promise<void> {
    if (this.model) disposeModel(this.model);
    this.model = buildModel(this.config, this.task);
    if (restore) await applyCheckpoint(this.model, restore);
    this.step = restore?.step ?? 0;
    await this.readActivation();
    this.lastGood = restore && checkpointIsFinite(restore) ? restore : await captureCheckpoint(this.runId, this.step, this.model);
    this.lastCheckpointAt = this.env.now();
  }

  private async readActivation(): Promise<void> {
    const { n, s } = (this.model as RunModel).params;
    this.n = n ? Float32Array.from(await n.data()) : new Float32Array(0);
    this.s = s ? Float32Array.from(await s.data()) : new Float32Array(0);
  }

  // ── commands ────────────────────────────────────────────────────────────────────────────

  async play(): Promise<void> {
    if (this.status === 'running' || this.status === 'failed') return;
    if (this.status === 'diverged') await this.lock.run(() => this.restoreLastGood());
    this.setStatus('running');
    this.rate.start(this.env.now());
    this.throttle.restart();
    this.startLoop();
  }

  async pause(): Promise<void> {
    this.pendingSteps = 0;
    if (this.status === 'running') this.setStatus('paused');
  }

  async stepBy(count: number): Promise<void> {
    if (this.status === 'running' || this.status === 'failed' || count < 1) return;
    if (this.status === 'diverged') {
      await this.lock.run(() => this.restoreLastGood());
      this.setStatus('paused');
    }
    this.pendingSteps += Math.floor(count);
    this.rate.start(this.env.now());
    this.startLoop();
  }

  /** Same seed, same config: the same run from step 0. */
  async reset(): Promise<void> {
    this.pendingSteps = 0;
    this.status = 'idle';
    await this.lock.run(async () => {
      this.poster.buffer.clear();
      this.highestPosted = -1;
      await this.build();
      this.lastEval = { step: -1, at: -Infinity, ms: 0 };
      await this.evaluateNow();
    });
    this.postStatus();
    this.flush();
  }

  async setLr(lr: number): Promise<void> {
    this.config.lr = lr;
    this.model?.train.setLr(lr);
    if (this.status === 'diverged') {
      await this.lock.run(() => this.restoreLastGood());
      this.setStatus('paused', restoredReason(this.lastGood?.step ?? 0, lr));
    }
    this.poster.dirty = true;
    this.flush();
  }

  setSpeed(speed: number): void {
    this.config.speed = speed;
    this.throttle.setSpeed(speed);
  }

  async evaluate(): Promise<void> {
    await this.lock.run(() => this.evaluateNow());
    this.flush();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.pendingSteps = 0;
    this.poster.cancel();
    await this.lock.run(() => {
      if (this.model) disposeModel(this.model);
      this.model = undefined;
    });
  }

  /** Stops training and frees the model, for a backend switch. Returns where to resume from. */
  async suspend(trustBackend: boolean): Promise<Checkpoint | undefined> {
    this.suspended = true;
    return this.lock.run(async () => {
      if (trustBackend && this.model && this.status !== 'diverged') {
        try {
          const c = await captureCheckpoint(this.runId, this.step, this.model);
          if (checkpointIsFinite(c)) this.lastGood = c;
        } catch {
          /* keep the last good one */
        }
      }
      if (this.model) disposeModel(this.model);
      this.model = undefined;
      return this.lastGood;
    });
  }

  /** Rebuilds on the now active backend from a checkpoint and carries on as before. */
  async resume(from: Checkpoint | undefined): Promise<void> {
    await this.lock.run(() => this.build(from));
    this.suspended = false;
    if (this.status === 'running' || this.pendingSteps > 0) this.startLoop();
    this.poster.dirty = true;
    this.flush();
  }

  fail(reason: string): void {
    this.pendingSteps = 0;
    this.setStatus('failed', reason);
  }

  // ── the loop ────────────────────────────────────────────────────────────────────────────

  private active(): boolean {
    return !this.disposed && !this.suspended && (this.status === 'running' || this.pendingSteps > 0);
  }

  private startLoop(): void {
    if (!this.looping) void this.loop();
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.active()) {
        const allowed = this.throttle.allowed();
        if (allowed < 1) {
          await sleep(this.throttle.waitMs());
          continue;
        }
        const limit = this.status === 'running' ? allowed : Math.min(allowed, this.pendingSteps);
        const carryOn = await this.lock.run(() => (this.active() ? this.chunk(limit) : false));
        if (!carryOn) break;
        await this.env.yieldNow();
      }
    } finally {
      this.looping = false;
    }
    if (this.disposed || this.suspended) return;
    this.flush();
    if (this.status !== 'running' && this.status !== 'diverged') await this.lock.run(() => this.checkpointNow());
  }

  /** Up to `limit` steps within CHUNK_MS, one read-back; false when the loop must stop. */
  private async chunk(limit: number): Promise<boolean> {
    const model = this.model as RunModel;
    const t0 = this.env.now();
    const planned = Math.max(1, Math.min(limit, MAX_CHUNK_STEPS, Math.round(CHUNK_MS / this.msPerStep)));
    const losses: tf.Scalar[] = [];
    const accs: tf.Scalar[] = [];
    const first = this.step;
    let values: Float32Array;
    try {
      for (let i = 0; i < planned && (i === 0 || this.env.now() - t0 < CHUNK_MS); i++) {
        const r = trainOn(model, batchAt(this.task, this.config.seed, first + i, this.config.batch));
        losses.push(r.loss);
        accs.push(r.acc);
      }
      const packed = packChunk(model, losses, accs);
      tf.dispose([...losses, ...accs]);
      values = (await packed.data()) as Float32Array;
      packed.dispose();
    } catch (e) {
      tf.dispose([...losses, ...accs]);
      this.env.onComputeError(this, e);
      return false;
    }
    const k = losses.length;
    const t1 = this.env.now();
    this.msPerStep = 0.7 * this.msPerStep + (0.3 * (t1 - t0)) / k;
    this.throttle.take(k);
    this.pendingSteps = Math.max(0, this.pendingSteps - k);
    this.step = first + k;
    this.rate.add(t1, k);
    const badLoss = firstNonFinite(values, 0, k);
    const healthy = Number.isFinite(values[2 * k]);
    const good = badLoss >= 0 ? badLoss : k;
    for (let i = 0; i < good; i++) {
      if (first + i <= this.highestPosted) continue;
      this.poster.buffer.push(first + i, values[i], values[k + i]);
      this.highestPosted = first + i;
    }
    if (badLoss >= 0 || !healthy) {
      this.pendingSteps = 0;
      const reason = badLoss >= 0 ? lossDivergedReason(values[badLoss], first + badLoss, this.config.lr) : weightsDivergedReason(this.step, this.config.lr);
      this.setStatus('diverged', reason);
      this.poster.dirty = true;
      this.flush();
      return false;
    }
    if (values.length > 2 * k + 1) {
      const m = this.n.length;
      this.n = values.slice(2 * k + 1, 2 * k + 1 + m);
      this.s = values.slice(2 * k + 1 + m, 2 * k + 1 + 2 * m);
    }
    try {
      if (this.evaluationDue(t1)) await this.evaluateNow();
      if (t1 - this.lastCheckpointAt >= CHECKPOINT_MS) await this.checkpointNow();
    } catch (e) {
      this.env.onComputeError(this, e);
      return false;
    }
    this.flush();
    return true;
  }

  private evaluationDue(t: number): boolean {
    const steps = this.step - this.lastEval.step;
    const ms = t - this.lastEval.at;
    return steps >= 1 && ms >= Math.max(EVAL_MIN_MS, 10 * this.lastEval.ms) && (steps >= EVAL_STEPS || ms >= EVAL_MAX_MS);
  }

  private async evaluateNow(): Promise<void> {
    const model = this.model;
    if (!model) return;
    const t0 = this.env.now();
    const test = await evaluateTest(model, this.task.testSet());
    const { portrait, preact } = await probeAnalysis(model, this.task.probeSet());
    this.poster.buffer.addTest({ step: this.step, loss: test.loss, acc: test.acc }, portrait, preact);
    const t1 = this.env.now();
    this.lastEval = { step: this.step, at: t1, ms: t1 - t0 };
  }

  private async checkpointNow(): Promise<void> {
    if (!this.model) return;
    const c = await captureCheckpoint(this.runId, this.step, this.model);
    this.lastCheckpointAt = this.env.now();
    if (!checkpointIsFinite(c)) return;
    this.lastGood = c;
    this.env.post({ type: 'checkpoint', runId: this.runId, checkpoint: c });
  }

  /** Back to the last finite weights; the step count carries on so the history stays monotonic. */
  private async restoreLastGood(): Promise<void> {
    const step = this.step;
    await this.build(this.lastGood);
    this.step = step;
  }

  // ── messages ────────────────────────────────────────────────────────────────────────────

  private setStatus(status: RunStatus, reason?: string): void {
    this.status = status;
    this.postStatus(reason);
  }

  private postStatus(reason?: string): void {
    const msg: WorkerMessage = { type: 'status', runId: this.runId, status: this.status, step: this.step };
    if (reason) msg.reason = reason;
    this.env.post(msg);
  }

  /** Posts pending results now, or as soon as 100 ms have passed since the last snapshot. */
  private flush(): void {
    if (!this.disposed) this.poster.flush(() => this.snapshotBase());
  }

  private snapshotBase(): SnapshotBase {
    return {
      runId: this.runId,
      step: this.step,
      n: this.n.slice(),
      s: this.s.slice(),
      stepsPerSec: this.status === 'running' ? this.rate.rate() : 0,
      backend: this.env.backend(),
      tensors: tf.memory().numTensors,
      lr: this.config.lr,
    };
  }
}

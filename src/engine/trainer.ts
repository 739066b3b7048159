/**
 * One run: its model, optimizer, task and data stream, driven by commands. Trains in time-budgeted
 * chunks (yielding between them, never on animation frames), reads losses back once per chunk,
 * posts snapshots at most 10 per second and checkpoints every few seconds, and pauses with a
 * readable reason when the loss or the weights stop being finite.
 * No DOM and no worker API here: messages go out through the injected `post`, so the same class
 * runs in the worker, in node tests and in scripts.
 */
import type { Task } from '../core/tasks/index';
import type { Checkpoint, RunConfig, RunStatus } from './protocol';
import type { TrainerEnv } from './trainerEnv';
import { restoredReason } from './divergence';
import { Lock } from './lock';
import { ModelSlot } from './modelSlot';
import type { RunModel } from './runModel';
import { CHUNK_MS, chunkDivergedReason, planSteps, runChunk, type ChunkResult } from './chunk';
import { RunEvaluator } from './runEvaluator';
import { RunReporter } from './runReporter';
import type { LockstepHandle } from './lockstep';
import { Pace } from './pace';

export class Trainer {
  status: RunStatus = 'idle';
  step = 0;
  private readonly slot: ModelSlot;
  private pendingSteps = 0;
  private suspended = false;
  private disposed = false;
  private looping = false;
  // After each locked section none of this run's computations is in flight: the tensors alive then
  // are what snapshots report, never a read-back or evaluation caught midway by a deferred snapshot.
  private readonly lock = new Lock(() => this.report.settle());
  private readonly report: RunReporter;
  private readonly pace: Pace;
  /** Recent milliseconds per step (until the first chunk: what the host measured or estimated). */
  private msPerStep = 20;
  private readonly evals: RunEvaluator;

  constructor(
    readonly runId: string,
    readonly config: RunConfig,
    private readonly task: Task,
    private readonly env: TrainerEnv,
    lockstep?: LockstepHandle,
  ) {
    this.slot = new ModelSlot(runId, config, task, env.now);
    this.pace = new Pace(config.speed, env.now, lockstep);
    this.report = new RunReporter(runId, env, () => ({ step: this.step, status: this.status, n: this.slot.n, s: this.slot.s, lr: this.config.lr }));
    this.evals = new RunEvaluator(task, this.report.poster.buffer, env.now, env.busy);
  }

  /** What one step is expected to take before any has run here (auto's measurement, or an estimate). */
  expectMsPerStep(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.msPerStep = ms;
  }

  /** Builds the model (from a checkpoint when given) and makes the first evaluation. */
  async init(restore?: Checkpoint): Promise<void> {
    await this.lock.run(async () => {
      await this.build(restore);
      await this.evaluateNow();
    });
    this.report.status();
    this.flush();
  }

  /** Last checkpoint whose values are all finite: where divergence and fallbacks return to. */
  get lastGood(): Checkpoint | undefined {
    return this.slot.lastGood;
  }

  private async build(restore?: Checkpoint): Promise<void> {
    this.step = await this.slot.build(restore);
  }

  // ── commands ────────────────────────────────────────────────────────────────────────────

  /** Trains until paused, or until step `until` when given. */
  async play(until = Infinity): Promise<void> {
    this.pace.stopAt = until;
    if (this.status === 'running' || this.status === 'failed' || this.step >= until) return;
    if (this.status === 'diverged') await this.lock.run(() => this.restoreLastGood());
    this.setStatus('running');
    this.report.rate.start(this.env.now());
    this.pace.throttle.restart();
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
    this.report.rate.start(this.env.now());
    this.startLoop();
  }

  /** Same seed, same config: the same run from step 0. */
  async reset(): Promise<void> {
    this.pendingSteps = 0;
    this.status = 'idle';
    await this.lock.run(async () => {
      this.report.poster.buffer.restart();
      await this.build();
      this.evals.reset();
      await this.evaluateNow();
    });
    this.report.status();
    this.flush();
  }

  async setLr(lr: number): Promise<void> {
    const changed = lr !== this.config.lr;
    this.config.lr = lr;
    this.slot.model?.train.setLr(lr);
    // Only a new rate is a way back: the same rate sent again (a control's final 'commit', a
    // link reopened) must leave a diverged run diverged, not restore it to diverge once more.
    if (this.status === 'diverged' && changed) {
      await this.lock.run(() => this.restoreLastGood());
      this.setStatus('paused', restoredReason(this.lastGood?.step ?? 0, lr));
    }
    this.report.poster.dirty = true;
    this.flush();
  }

  setSpeed(speed: number): void {
    this.config.speed = speed;
    this.pace.throttle.setSpeed(speed);
  }

  async evaluate(): Promise<void> {
    await this.lock.run(() => this.evaluateNow());
    this.flush();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.pendingSteps = 0;
    this.pace.leave();
    this.report.poster.cancel();
    await this.lock.run(() => this.slot.free());
  }

  /** Stops training and frees the model, for a backend switch. Returns where to resume from. */
  async suspend(trustBackend: boolean): Promise<Checkpoint | undefined> {
    this.suspended = true;
    return this.lock.run(async () => {
      if (trustBackend && this.status !== 'diverged') {
        try {
          await this.slot.capture(this.step);
        } catch {
          /* keep the last good one */
        }
      }
      this.slot.free();
      return this.slot.lastGood;
    });
  }

  /** Rebuilds on the now active backend from a checkpoint and carries on as before. */
  async resume(from: Checkpoint | undefined): Promise<void> {
    await this.lock.run(() => this.build(from));
    this.suspended = false;
    if (this.status === 'running' || this.pendingSteps > 0) this.startLoop();
    this.report.poster.dirty = true;
    this.flush();
  }

  fail(reason: string): void {
    this.pendingSteps = 0;
    this.setStatus('failed', reason);
  }

  // ── the loop ────────────────────────────────────────────────────────────────────────────

  /** Whether the loop has steps to take (also what lockstep partners wait on). */
  active(): boolean {
    return !this.disposed && !this.suspended && (this.status === 'running' || this.pendingSteps > 0);
  }

  private startLoop(): void {
    if (!this.looping) void this.loop();
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.active()) {
        const next = this.pace.next(this.status === 'running', this.pendingSteps, this.step);
        if ('wait' in next) {
          await next.wait;
          continue;
        }
        const carryOn = await this.lock.run(() => (this.active() ? this.chunk(next.steps) : false));
        this.pace.moved();
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
    const first = this.step;
    const { seed, batch } = this.config;
    const model = this.slot.model as RunModel;
    const checkFault = () => {
      const fault = this.env.takeFault?.();
      if (fault) throw fault;
    };
    let r: ChunkResult;
    try {
      const planned = planSteps(limit, this.msPerStep);
      this.env.busy?.(planned * this.msPerStep);
      const plan = { model, task: this.task, seed, batch, first, planned, budgetMs: CHUNK_MS, now: this.env.now, checkFault };
      r = await runChunk(plan, this.slot.n.length);
    } catch (e) {
      this.env.onComputeError(this, e);
      return false;
    }
    // The steps are done: what is alive now is the run's state (a checkpoint below posts a snapshot).
    this.report.settle();
    const { k } = r;
    const t1 = this.env.now();
    this.msPerStep = 0.7 * this.msPerStep + (0.3 * r.ms) / k;
    this.pace.throttle.take(k);
    this.pendingSteps = Math.max(0, this.pendingSteps - k);
    this.step = first + k;
    this.report.rate.add(t1, k);
    this.report.poster.buffer.pushSteps(first, r.losses, r.accs, r.badLoss >= 0 ? r.badLoss : k);
    const reason = chunkDivergedReason(r, first, this.config.lr, this.task.info.chanceLoss);
    if (reason) {
      this.pendingSteps = 0;
      // History first, then the verdict: the page holds every finite step when it hears 'diverged'.
      this.report.poster.dirty = true;
      this.flush(true);
      this.setStatus('diverged', reason);
      return false;
    }
    if (r.n && r.s) {
      this.slot.n = r.n;
      this.slot.s = r.s;
    }
    // A run with a step budget ends on an evaluation, so its last test point is at its last step.
    const reachedEnd = this.status === 'running' && this.step >= this.pace.stopAt;
    try {
      if (reachedEnd || this.evals.due(this.step, t1)) await this.evaluateNow();
      if (this.slot.checkpointDue(t1)) await this.checkpointNow();
    } catch (e) {
      this.env.onComputeError(this, e);
      return false;
    }
    if (reachedEnd) this.setStatus('paused');
    this.report.settle();
    this.flush();
    return true;
  }

  private async evaluateNow(): Promise<void> {
    if (this.slot.model) await this.evals.run(this.slot.model, this.step, this.msPerStep, this.config.batch);
  }

  private async checkpointNow(): Promise<void> {
    const c = await this.slot.capture(this.step);
    if (c) this.report.checkpoint(c);
  }

  /** Back to the last finite weights; the step count carries on so the history stays monotonic. */
  private async restoreLastGood(): Promise<void> {
    await this.slot.build(this.lastGood);
  }

  // ── messages ────────────────────────────────────────────────────────────────────────────

  /** History first, then the verdict: the page holds every step up to the one a status names. */
  private setStatus(status: RunStatus, reason?: string): void {
    this.flush(true);
    this.status = status;
    this.report.status(reason);
    this.pace.moved();
  }

  /** Posts pending results now, or as soon as 100 ms have passed since the last snapshot. */
  private flush(immediate = false): void {
    if (!this.disposed) this.report.flush(immediate);
  }
}

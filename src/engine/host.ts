/**
 * The worker's dispatcher: keeps the runs by runId, serialises commands, chooses the backend
 * (shared by all runs in this worker) and moves every run to the next backend when one breaks —
 * a step that throws, or a GPU device the browser reports lost.
 */
import * as tf from '@tensorflow/tfjs-core';
import { estimateStepMs } from '../core/costModel';
import { bpttShapeOf, bpttTooLarge } from './bpttMemory';
import { shiftTask } from '../core/shift';
import { createTask, type Task } from '../core/tasks/index';
import type { MnistData } from '../core/mnist';
import type { BackendChoice, TaskId } from '../state/schema';
import { fallbackAfter, selectBackend, type Measure } from './backends';
import { deviceLost } from './deviceLoss';
import { Lock } from './lock';
import { Lockstep } from './lockstep';
import { measureModel } from './measure';
import { faultError, type FaultKind } from './internal';
import type { BackendName, BackendReport, Checkpoint, Command, RunConfig, WorkerMessage } from './protocol';
import { macrotaskYield } from './schedule';
import { liveTensors } from './runReporter';
import { Trainer } from './trainer';
import type { TrainerEnv } from './trainerEnv';

export interface HostEnv {
  post(msg: WorkerMessage, transfer?: Transferable[]): void;
  /** MNIST for the tasks that need it (undefined for synthetic tasks). */
  loadData(task: TaskId): Promise<MnistData | undefined>;
  now?: () => number;
  /** The worker is about to block for about `ms` (see the client's heartbeat). */
  busy?(ms: number): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class EngineHost {
  private readonly runs = new Map<string, Trainer>();
  private readonly queue = new Lock();
  private readonly lockstep = new Lockstep();
  private report?: BackendReport;
  private choice?: BackendChoice;
  private readonly failed = new Set<BackendName>();
  /** An injected fault waiting for the next training step (diagnostics). */
  private fault?: Error;
  private readonly now: () => number;
  private readonly trainerEnv: TrainerEnv;

  constructor(private readonly env: HostEnv) {
    this.now = env.now ?? (() => performance.now());
    this.trainerEnv = {
      post: env.post,
      backend: () => (this.report?.active ?? tf.getBackend()) as BackendName,
      now: this.now,
      yieldNow: macrotaskYield(),
      onComputeError: (t, e) => this.onComputeError(t, e),
      busy: (ms) => env.busy?.(ms),
      takeFault: () => {
        const f = this.fault;
        this.fault = undefined;
        return f;
      },
    };
  }

  get backendReport(): BackendReport | undefined {
    return this.report;
  }

  run(runId: string): Trainer | undefined {
    return this.runs.get(runId);
  }

  /** The next training step of any run throws as `kind` would (tests and the diagnostics page). */
  injectFault(kind: FaultKind): void {
    this.fault = faultError(kind);
  }

  /** Commands run one after another; training itself runs beside the queue. */
  handle(cmd: Command): Promise<void> {
    return this.queue.run(() => this.dispatch(cmd)).catch((e) => {
      this.env.post({ type: 'error', runId: cmd.runId, message: message(e) });
    });
  }

  private async dispatch(cmd: Command): Promise<void> {
    if (cmd.type === 'configure') return this.configure(cmd.runId, cmd.config, cmd.restore, cmd.lockstep);
    const t = this.runs.get(cmd.runId);
    if (!t) throw new Error(`no run '${cmd.runId}' in this worker: configure it first`);
    switch (cmd.type) {
      case 'play':
        return t.play(cmd.until);
      case 'pause':
        return t.pause();
      case 'step':
        return t.stepBy(cmd.count);
      case 'reset':
        return t.reset();
      case 'setLr':
        return t.setLr(cmd.lr);
      case 'setSpeed':
        return t.setSpeed(cmd.speed);
      case 'evaluate':
        return t.evaluate();
      case 'dispose':
        this.runs.delete(cmd.runId);
        return t.dispose();
    }
  }

  private async configure(runId: string, config: RunConfig, restore?: Checkpoint, lockstep?: string): Promise<void> {
    const old = this.runs.get(runId);
    if (old) {
      this.runs.delete(runId);
      await old.dispose();
    }
    const data = await this.env.loadData(config.task);
    const base = createTask(config.task, { seed: config.seed, delay: config.delay, data });
    const task = config.shift ? shiftTask(base, config.shift) : base;
    // Checked before any backend is tried: the CPU path for auto (the largest budget), else the forced one.
    const tooBig = bpttTooLarge(bpttShapeOf(task.info, config), config.backend === 'auto' ? 'wasm' : config.backend);
    if (tooBig) {
      // Refused up front: such a step fails for want of memory on every backend in turn.
      this.env.post({ type: 'status', runId, status: 'failed', step: restore?.step ?? 0, reason: `this run cannot start: ${tooBig}` });
      return;
    }
    if (!this.report || this.choice !== config.backend) {
      await this.switchBackend(() => selectBackend(config.backend, this.announcedMeasure(config, task), this.failed, this.now));
      this.choice = config.backend;
    }
    // The lockstep member reads the trainer it belongs to, made just below.
    const member = { step: () => trainer.step, active: () => trainer.active() };
    const trainer: Trainer = new Trainer(runId, { ...config }, task, this.trainerEnv, lockstep ? this.lockstep.join(lockstep, member) : undefined);
    const active = this.report?.active ?? (tf.getBackend() as BackendName);
    trainer.expectMsPerStep(this.report?.reasons.find((r) => r.backend === active)?.msPerStep ?? estimateStepMs(task.info, config, active));
    this.runs.set(runId, trainer);
    await trainer.init(restore);
    this.env.post({ type: 'ready', runId, backend: this.report as BackendReport, tensors: liveTensors(), task: { ...task.info } });
  }

  /**
   * Times the model on each candidate for auto's choice, saying first how long the worker will be
   * busy. A candidate estimated far slower than the best one measured so far is not run at all:
   * on a large network one step of plain-JS cpu can take minutes.
   */
  private announcedMeasure(config: RunConfig, task: Task): Measure {
    const measure = measureModel({ ...config }, task, this.now);
    return (best) => {
      const estimate = estimateStepMs(task.info, config, tf.getBackend() as BackendName);
      if (best !== undefined && estimate > 5 * best) return Promise.resolve({ msPerStep: estimate, cutShort: true, estimated: true });
      this.env.busy?.(3 * estimate);
      return measure(best);
    };
  }

  /** Suspends every run, lets `select` activate a backend, and resumes them there. */
  private async switchBackend(select: () => Promise<BackendReport>, trustCurrent = true): Promise<BackendReport> {
    const saved = new Map<Trainer, Checkpoint | undefined>();
    for (const t of this.runs.values()) saved.set(t, await t.suspend(trustCurrent));
    try {
      this.report = await select();
    } catch (e) {
      for (const t of saved.keys()) t.fail(`no backend can run this network: ${message(e)}`);
      throw e;
    }
    this.watchDevice();
    for (const [t, c] of saved) await t.resume(c);
    return this.report;
  }

  /** A GPU device can be lost at any time (driver reset, another tab, power saving), not only in a step. */
  private watchDevice(): void {
    const backend = tf.backend();
    const name = tf.getBackend() as BackendName;
    deviceLost(backend)?.then((why) => {
      // A device from an earlier activation is gone already: nothing runs on it.
      if (tf.getBackend() !== name || tf.backend() !== backend) return;
      this.backendBroke(name, why);
    });
  }

  /** A step threw: move every run to the next backend that passes, from its last checkpoint. */
  private onComputeError(trainer: Trainer, error: unknown): void {
    this.backendBroke(this.report?.active ?? (tf.getBackend() as BackendName), message(error), trainer);
  }

  /**
   * `from` broke (`why`): every run moves to the next backend that passes, from its last
   * checkpoint. `trainer`: the run whose step threw, if one did.
   */
  private backendBroke(from: BackendName, why: string, trainer?: Trainer): void {
    void this.queue.run(async () => {
      if (trainer && !this.runs.has(trainer.runId)) return;
      if (this.report?.active !== from) {
        // Another run already moved everyone; this one only needs its weights back.
        if (trainer) await trainer.resume(await trainer.suspend(false));
        return;
      }
      this.failed.add(from);
      // Where each run was when the backend broke (resuming rewinds them to their checkpoints).
      const failedAt = new Map([...this.runs.values()].map((t) => [t, t.step] as const));
      let report: BackendReport;
      try {
        report = await this.switchBackend(() => fallbackAfter(from, this.failed), false);
      } catch {
        return;
      }
      for (const t of this.runs.values()) {
        const step = t.lastGood?.step ?? 0;
        this.env.post({
          type: 'backendFallback',
          runId: t.runId,
          from,
          to: report.active,
          failedStep: failedAt.get(t) ?? t.step,
          resumeStep: step,
          cause: why,
          reason: `${from} failed during training (${why}); continuing on ${report.active} from the checkpoint of step ${step}`,
        });
      }
    });
  }
}

/**
 * One training run's history on the main thread, built from the worker's messages. Everything is
 * bounded however long the run: loss and accuracy are decimated series, trajectories, frames and
 * analysis results thin out as they fill. It outlives the worker: when a restarted worker reports
 * steps the history has already passed, the step axis is shifted so it keeps increasing.
 * Figures read it only through view(): plain, immutable data. Framework-free.
 */
import { DecimatedSeries } from '../core/decimate';
import { ThinningLog } from '../core/thinningLog';
import type { TaskInfo } from '../core/taskTypes';
import type { AnalysisId, AnalysisResults, BackendName, BackendReport, Checkpoint, RunStatus, Snapshot, TestPoint, WorkerMessage } from '../engine/protocol';
import { ANALYSIS_RETENTION } from './analyses';
import type { AnalysisFrames, Fallback, ParamSet, RestartNotice, RunView, TrajectoryPoint } from './runTypes';

export type { Fallback, ParamSet, RestartNotice, RunView } from './runTypes';

/** Bounds of every history kept per run. */
export const LIMITS = {
  seriesPoints: 2000,
  tests: 400,
  trajectory: 1000,
  /** Per-neuron (n_i, s_i) frames for the scrubber. */
  frames: 240,
  /** Past γ parameter sets drawn as the fading trail. */
  trail: 16,
  messages: 8,
} as const;

/** Weight of the past in the smoothed curves (bias-corrected exponential moving average). */
export const EMA_BETA = 0.97;

/** A bias-corrected exponential moving average. */
class Ema {
  private m = 0;
  private w = 0;
  constructor(private readonly beta: number) {}
  push(v: number): number {
    this.m = this.beta * this.m + (1 - this.beta) * v;
    this.w = this.beta * this.w + (1 - this.beta);
    return this.m / this.w;
  }
  reset(): void {
    this.m = 0;
    this.w = 0;
  }
  /** [moment, weight], saved with a run so its smoothed curves go on where they were. */
  state(): [number, number] {
    return [this.m, this.w];
  }
  load([m, w]: readonly [number, number]): void {
    this.m = m;
    this.w = w;
  }
}

/** One run's history. Read by the charts; written only by the store. */
export class RunHistory {
  readonly runId: string;
  /** Bumped on every change, so views can tell whether to redraw. */
  version = 0;
  readonly loss = new DecimatedSeries(LIMITS.seriesPoints);
  readonly lossSmooth = new DecimatedSeries(LIMITS.seriesPoints);
  readonly acc = new DecimatedSeries(LIMITS.seriesPoints);
  readonly accSmooth = new DecimatedSeries(LIMITS.seriesPoints);
  readonly tests = new ThinningLog<TestPoint>(LIMITS.tests);
  /** Shared (n, s) through time (homogeneous and static runs). */
  readonly trajectory = new ThinningLog<TrajectoryPoint>(LIMITS.trajectory);
  /** Per-neuron (n_i, s_i) through time (every γ run; one entry per neuron). */
  readonly frames = new ThinningLog<ParamSet>(LIMITS.frames);
  readonly trail = new ThinningLog<ParamSet>(LIMITS.trail);
  /** One bounded log per analysis (state/analyses.ts). */
  readonly analyses: { [K in AnalysisId]: ThinningLog<AnalysisResults[K]> } = analysisLogs();
  initial: ParamSet | null = null;
  current: ParamSet | null = null;
  status: RunStatus = 'idle';
  reason: string | undefined;
  /** Step on the page's axis (continues across worker restarts). */
  step = 0;
  stepsPerSec = 0;
  tensors = 0;
  lr = 0;
  backendName: BackendName | null = null;
  backend: BackendReport | null = null;
  readonly fallbacks: Fallback[] = [];
  readonly errors: string[] = [];
  /** The task as the worker built it (its exact chance baseline); null until the run is ready. */
  task: TaskInfo | null = null;
  /** Latest worker restart, kept until the history is cleared so the reader can see it happened. */
  restart: RestartNotice | null = null;
  /** Step of the last checkpoint the worker sent. */
  checkpointStep: number | null = null;
  /**
   * That checkpoint itself (the same object the client keeps for restarts: no copy), for the
   * analyses of a run's weights. Not part of view(): figures read it only when checkpointStep moves.
   */
  latestCheckpoint: Checkpoint | null = null;
  /** Added to the worker's step numbers; grows when a restarted worker starts over. */
  stepOffset = 0;
  /** Saved and restored with a run (historyState.ts). */
  readonly lossEma = new Ema(EMA_BETA);
  readonly accEma = new Ema(EMA_BETA);

  constructor(runId: string) {
    this.runId = runId;
  }

  /** True when n and s are per neuron. */
  get perNeuron(): boolean {
    return (this.current?.n.length ?? 1) > 1;
  }

  /** Most recent test evaluation. */
  get lastTest(): TestPoint | null {
    return this.tests.latest()?.value ?? null;
  }

  clear(): void {
    for (const s of [this.loss, this.lossSmooth, this.acc, this.accSmooth]) s.clear();
    for (const l of [this.tests, this.trajectory, this.frames, this.trail, ...Object.values(this.analyses)]) l.clear();
    this.lossEma.reset();
    this.accEma.reset();
    this.initial = this.current = null;
    this.status = 'idle';
    this.reason = undefined;
    this.step = 0;
    this.stepOffset = 0;
    this.lastX = -Infinity;
    this.checkpointStep = null;
    this.latestCheckpoint = null;
    this.errors.length = 0;
    this.fallbacks.length = 0;
    this.task = null;
    this.restart = null;
    this.version++;
  }

  /** Last step appended to the series, on the page's axis (restored with a saved run). */
  lastX = -Infinity;

  /** Shifts the axis when a fresh worker reports a step the series has already passed. */
  private continueAxis(firstWorkerStep: number): void {
    if (firstWorkerStep + this.stepOffset <= this.lastX) this.stepOffset = this.lastX - firstWorkerStep + 1;
  }

  addSnapshot(snap: Snapshot): void {
    // Only steps decide the axis: an empty snapshot (a restored worker's first) places nothing.
    if (snap.steps.length > 0) this.continueAxis(snap.steps[0]);
    const off = this.stepOffset;
    for (let i = 0; i < snap.steps.length; i++) {
      const x = snap.steps[i] + off;
      this.lastX = x;
      const l = snap.losses[i];
      const a = snap.accs[i];
      this.loss.append(x, l);
      if (Number.isFinite(l)) this.lossSmooth.append(x, this.lossEma.push(l));
      this.acc.append(x, a);
      if (Number.isFinite(a)) this.accSmooth.append(x, this.accEma.push(a));
    }
    for (const t of snap.tests) this.tests.offer(t.step + off, { step: t.step + off, loss: t.loss, acc: t.acc });
    // snap.step counts the steps done: the last one done is snap.step − 1 on the worker's axis.
    this.step = Math.max(this.step, snap.step + off);
    this.lastX = Math.max(this.lastX, this.step - 1);
    // tanh and ReLU runs have no activation parameters: nothing to trace.
    if (snap.n.length > 0) {
      const params: ParamSet = { n: Float32Array.from(snap.n), s: Float32Array.from(snap.s) };
      if (!this.initial) this.initial = params;
      this.current = params;
      if (params.n.length === 1) this.trajectory.offer(this.step, { n: params.n[0], s: params.s[0] });
      this.frames.offer(this.step, params);
      this.trail.offer(this.step, params);
    }
    for (const id of Object.keys(snap.analyses) as AnalysisId[]) {
      const r = snap.analyses[id];
      if (r) (this.analyses[id] as ThinningLog<unknown>).offer(r.step + off, r.value);
    }
    this.stepsPerSec = snap.stepsPerSec;
    this.tensors = snap.tensors;
    this.lr = snap.lr;
    this.backendName = snap.backend;
    this.version++;
  }

  private cachedView: RunView | null = null;

  /** Everything a figure draws, as plain data; the same object until the next change. */
  view(): RunView {
    if (this.cachedView?.version === this.version) return this.cachedView;
    const analyses = Object.fromEntries((Object.keys(this.analyses) as AnalysisId[]).map((id) => [id, this.analyses[id].all()])) as unknown as AnalysisFrames;
    this.cachedView = {
      runId: this.runId,
      version: this.version,
      status: this.status,
      reason: this.reason,
      step: this.step,
      stepsPerSec: this.stepsPerSec,
      tensors: this.tensors,
      lr: this.lr,
      backendName: this.backendName,
      backend: this.backend,
      task: this.task,
      loss: this.loss.points(),
      lossSmooth: this.lossSmooth.points(),
      acc: this.acc.points(),
      accSmooth: this.accSmooth.points(),
      tests: this.tests.all().map((f) => f.value),
      initial: this.initial,
      current: this.current,
      trajectory: this.trajectory.all(),
      frames: this.frames.all(),
      trail: this.trail.all(),
      analyses,
      fallbacks: this.fallbacks.slice(),
      errors: this.errors.slice(),
      restart: this.restart,
      checkpointStep: this.checkpointStep,
    };
    return this.cachedView;
  }

  addMessage(msg: WorkerMessage): void {
    switch (msg.type) {
      case 'snapshot':
        this.addSnapshot(msg.snapshot);
        return;
      case 'status':
        this.status = msg.status;
        this.reason = msg.reason;
        // A status from a restarted worker is on its own axis; only ever move forward.
        if (msg.step + this.stepOffset > this.step) this.step = msg.step + this.stepOffset;
        break;
      case 'ready':
        this.backend = msg.backend;
        this.backendName = msg.backend.active;
        this.tensors = msg.tensors;
        this.task = msg.task;
        break;
      case 'backendFallback':
        pushBounded(this.fallbacks, {
          from: msg.from,
          to: msg.to,
          reason: msg.reason,
          failedStep: msg.failedStep + this.stepOffset,
          resumeStep: msg.resumeStep + this.stepOffset,
          cause: msg.cause,
        });
        this.backendName = msg.to;
        break;
      case 'restarted':
        // The client's own numbering: the steps it delivered, before any axis shift of the new worker.
        this.restart = { step: msg.step + this.stepOffset, reason: msg.reason };
        break;
      case 'error':
        pushBounded(this.errors, msg.message);
        break;
      case 'checkpoint':
        this.checkpointStep = msg.checkpoint.step + this.stepOffset;
        this.latestCheckpoint = msg.checkpoint;
        break;
    }
    this.version++;
  }
}

function analysisLogs(): { [K in AnalysisId]: ThinningLog<AnalysisResults[K]> } {
  return Object.fromEntries((Object.keys(ANALYSIS_RETENTION) as AnalysisId[]).map((id) => [id, new ThinningLog(ANALYSIS_RETENTION[id])])) as {
    [K in AnalysisId]: ThinningLog<AnalysisResults[K]>;
  };
}

function pushBounded<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > LIMITS.messages) list.splice(0, list.length - LIMITS.messages);
}

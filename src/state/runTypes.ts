/**
 * Plain data a figure draws from a run: series arrays, frames and numbers, immutable once handed
 * out. Built by RunHistory.view() once per change; figures never see the mutable history itself.
 */
import type { SeriesPoints } from '../core/decimate';
import type { Frame } from '../core/thinningLog';
import type { TaskInfo } from '../core/taskTypes';
import type { AnalysisId, AnalysisResults, BackendName, BackendReport, RunStatus, TestPoint } from '../engine/protocol';

/** Activation parameters at one moment: length 1 (shared), N (per neuron) or 0 (tanh, ReLU). */
export interface ParamSet {
  n: Float32Array;
  s: Float32Array;
}

export interface TrajectoryPoint {
  n: number;
  s: number;
}

export interface Fallback {
  from: BackendName;
  to: BackendName;
  reason: string;
  /** On the page's step axis: where the backend broke, and the checkpoint the run went on from. */
  failedStep: number;
  resumeStep: number;
  /** The error, in short ("device lost"). */
  cause: string;
}

/** The training worker crashed and was restarted; the run went on from `step`. */
export interface RestartNotice {
  step: number;
  reason: string;
}

export type AnalysisFrames = { [K in AnalysisId]: readonly Frame<AnalysisResults[K]>[] };

export interface RunView {
  runId: string;
  /** Changes whenever anything in the view does. */
  version: number;
  status: RunStatus;
  reason: string | undefined;
  step: number;
  stepsPerSec: number;
  tensors: number;
  lr: number;
  backendName: BackendName | null;
  backend: BackendReport | null;
  task: TaskInfo | null;
  loss: SeriesPoints;
  lossSmooth: SeriesPoints;
  acc: SeriesPoints;
  accSmooth: SeriesPoints;
  tests: readonly TestPoint[];
  initial: ParamSet | null;
  current: ParamSet | null;
  /** Shared (n, s) through time (static and homogeneous runs). */
  trajectory: readonly Frame<TrajectoryPoint>[];
  /** Every run's (n_i, s_i) through time, for the scrubber. */
  frames: readonly Frame<ParamSet>[];
  /** Recent parameter sets, for the fading trail of past curves. */
  trail: readonly Frame<ParamSet>[];
  analyses: AnalysisFrames;
  fallbacks: readonly Fallback[];
  errors: readonly string[];
  restart: RestartNotice | null;
  checkpointStep: number | null;
}

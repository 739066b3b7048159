/**
 * The typed protocol between the page and the training worker. Types only: no code, no tfjs.
 * Every command and every message carries the runId it concerns, so one worker can host several
 * runs side by side (static against adaptive on the same seed).
 */
import type { Shift } from '../core/shift';
import type { TaskInfo } from '../core/taskTypes';
import type { BackendChoice, InitScheme, Mode, TaskId } from '../state/schema';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Everything that defines a run; the same config and seed give the same run. */
export interface RunConfig {
  task: TaskId;
  mode: Mode;
  hidden: number;
  batch: number;
  lr: number;
  /** Largest global gradient norm; 0 disables clipping. */
  clip: number;
  seed: number;
  /** Initial gain and saturation (the family panel's n, s when the run was configured). */
  n0: number;
  s0: number;
  /** Keep n > 0 and s in [0, 1] after every optimizer step. */
  constrain: boolean;
  /** Biases and initial gains: the explorable's, or as the authors' code draws them. */
  init: InitScheme;
  /** n and s learn at lr × actLr (their own learning rate); the weights at lr. */
  actLr: number;
  /** Adam steps log n rather than n: multiplicative gain updates (core/logGain.ts). */
  logGain: boolean;
  /**
   * Which variables learn: all of them (default), only n and s, or only the biases b (the shift
   * experiment's re-adaptation and its control). The others stay bit-identical.
   */
  learn?: 'all' | 'activation' | 'bias';
  /** Inputs changed as the shift experiment asks (core/shift.ts): train, test and probe sets alike. */
  shift?: Shift;
  /** Copy task: blank steps between the symbols and the recall marker. */
  delay: number;
  backend: BackendChoice;
  /** Most steps per second; the top of the range means unthrottled. */
  speed: number;
}

export type RunStatus = 'idle' | 'running' | 'paused' | 'diverged' | 'failed';

/** One evaluation on the fixed test set. */
export interface TestPoint {
  step: number;
  loss: number;
  acc: number;
}

/** Hidden-state trajectories of the fixed probe sequences, projected on their top principal axes. */
export interface ProbePortrait {
  probes: number;
  steps: number;
  /** Number of principal components kept (3). */
  dims: number;
  /** [probes, steps, dims] row-major. */
  proj: Float32Array;
  /** Class (or target symbol) of each probe, −1 when the task has none. */
  labels: Int32Array;
  /** Fraction of variance carried by each kept component. */
  explained: Float32Array;
}

/** Distribution of pre-activations a_t over the probe set, for "where the neurons live". */
export interface PreactHistogram {
  /** bins + 1 edges. */
  edges: Float32Array;
  counts: Float32Array;
  mean: number;
  std: number;
}

/**
 * The largest Lyapunov exponents of the network run without input, h ← φ(h·V + b), at the
 * current weights (engine/lyapunovAnalysis.ts).
 */
export interface LyapunovEstimate {
  /** Bits per step, largest first. */
  bits: Float64Array;
  /** Steps averaged, after `burnIn` steps that only moved the state. */
  steps: number;
  burnIn: number;
  /** Time it took in the worker. */
  ms: number;
  /** Why there is no estimate (bits are NaN): weights so large that the tangent vectors overflow. */
  error?: string;
}

/**
 * The probe set's inputs, sent once per model build: what the page's dynamics analyses of a
 * run's weights (gradient propagation, mutual information) run the network on.
 */
export interface ProbeInputs {
  /** [probes, steps, inputs] row-major. */
  x: Float32Array;
  probes: number;
  steps: number;
  inputs: number;
}

/**
 * What the analyses registry (engine/analyses.ts) computes, by id. A new analysis is one entry
 * here, one registry entry in the engine, a retention on the page (state/analyses.ts), a chart,
 * and how a run file reads it back (state/runFileSchema.ts).
 */
export interface AnalysisResults {
  portrait: ProbePortrait;
  preact: PreactHistogram;
  lyapunov: LyapunovEstimate;
  probe: ProbeInputs;
}
export type AnalysisId = keyof AnalysisResults;
/** One result of each analysis that ran since the previous snapshot, with the step it ran at. */
export type AnalysisBatch = { [K in AnalysisId]?: { step: number; value: AnalysisResults[K] } };

export interface Snapshot {
  runId: string;
  step: number;
  /** Per-step training losses and accuracies since the previous snapshot (same length). */
  steps: Int32Array;
  losses: Float32Array;
  accs: Float32Array;
  /** Test evaluations made since the previous snapshot. */
  tests: TestPoint[];
  /** Current activation parameters: length 1 (homogeneous/static) or N (heterogeneous). */
  n: Float32Array;
  s: Float32Array;
  stepsPerSec: number;
  backend: BackendName;
  /** Tensors alive in the worker between the run's computations, to show the count stays flat. */
  tensors: number;
  lr: number;
  /** Analyses that ran since the previous snapshot (each at its own cadence); often empty. */
  analyses: AnalysisBatch;
}

/** Weights and optimizer position, enough to resume a run in a fresh worker. */
export interface Checkpoint {
  runId: string;
  step: number;
  /** Variable name → values, in the order the model lists them. */
  tensors: { name: string; shape: number[]; values: Float32Array }[];
}

export interface BackendReport {
  active: BackendName;
  /** What the reader asked for ('auto' or a forced backend); the active one differs after a fallback. */
  requested?: BackendChoice;
  /** Why each other candidate was not used (failed self-check, slower, unavailable, forced). */
  reasons: { backend: BackendName; outcome: 'chosen' | 'slower' | 'failed' | 'unavailable' | 'skipped'; detail: string; msPerStep?: number }[];
}

export type Command =
  /** `lockstep`: runs sharing it advance together (engine/lockstep.ts). */
  | { type: 'configure'; runId: string; config: RunConfig; restore?: Checkpoint; lockstep?: string }
  /** `until`: pause when the run reaches this step (a comparison's step budget). */
  | { type: 'play'; runId: string; until?: number }
  | { type: 'pause'; runId: string }
  | { type: 'step'; runId: string; count: number }
  | { type: 'reset'; runId: string }
  | { type: 'setLr'; runId: string; lr: number }
  | { type: 'setSpeed'; runId: string; speed: number }
  | { type: 'evaluate'; runId: string }
  | { type: 'dispose'; runId: string };

export type WorkerMessage =
  /** `task`: the task as built in the worker (its chance baseline needs data only the worker loads). */
  | { type: 'ready'; runId: string; backend: BackendReport; tensors: number; task: TaskInfo }
  | { type: 'snapshot'; runId: string; snapshot: Snapshot }
  | { type: 'status'; runId: string; status: RunStatus; reason?: string; step: number }
  | { type: 'checkpoint'; runId: string; checkpoint: Checkpoint }
  /**
   * The active backend broke during training; the run goes on on `to`. `failedStep`: the run's step
   * when it broke; `resumeStep`: the checkpoint it continues from; `cause`: the error, in short.
   */
  | { type: 'backendFallback'; runId: string; from: BackendName; to: BackendName; reason: string; failedStep: number; resumeStep: number; cause: string }
  /** Posted by the client (not the worker) after it restarted a crashed worker and restored the run. */
  | { type: 'restarted'; runId: string; step: number; reason: string }
  | { type: 'error'; runId: string; message: string };

/**
 * The typed protocol between the page and the dynamics worker (the (n, s) maps of untrained
 * networks; Lyapunov exponents, gradient propagation and mutual information of a trained
 * network's weights). Types only: no code, no tfjs.
 * Every job command and message carries the id of the job it concerns; 'share' concerns them all.
 */
import type { GradientFlow } from '../core/gradientFlow';
import type { NsMapKind } from '../core/nsMaps';
import type { StateInputMI } from '../core/stateInputMI';

export type { GradientFlow, NsMapKind, StateInputMI };

/** The axes of an (n, s) map: cell (i, j) is (n[i], s[j]), index j·n.length + i. */
export interface NsGrid {
  n: number[];
  s: number[];
}

/** One (n, s) map over untrained networks (core/nsMaps.ts says what each kind measures). */
export interface MapRequest {
  kind: NsMapKind;
  /** Hidden units N. */
  hidden: number;
  /** Seeds the initial weights and the probe inputs (the same for every cell). */
  seed: number;
  grid: NsGrid;
  /** Inputs per step, steps and probe sequences (defaults in core/nsMaps.ts UNTRAINED_DEFAULTS). */
  inputs?: number;
  steps?: number;
  probes?: number;
  /** 'mi' only: latest inputs compared with the state, warm-up steps, sample cap, neighbours. */
  window?: number;
  warmup?: number;
  maxSamples?: number;
  k?: number;
}

/** Lyapunov exponents of the autonomous map h ← γ(h·V + b; n, s) of a network's weights. */
export interface LyapunovRequest {
  /** [N, N] row-major. */
  V: Float32Array | Float64Array;
  b: Float32Array | Float64Array;
  /** One value or one per neuron. */
  n: number | Float32Array | Float64Array;
  s: number | Float32Array | Float64Array;
  k: number;
  steps: number;
  burnIn: number;
  seed?: number;
  /** Post the running estimates every this many steps (default: steps / 20). */
  every?: number;
}

/** A network's weights and the inputs to drive it with (a task's probe sequences), from h_0 = 0. */
export interface DrivenRequest {
  /** [I, N] row-major. */
  U: Float32Array | Float64Array;
  V: Float32Array | Float64Array;
  b: Float32Array | Float64Array;
  n: number | Float32Array | Float64Array;
  s: number | Float32Array | Float64Array;
  /** [probes, steps, I] row-major. */
  x: Float32Array | Float64Array;
  probes: number;
  steps: number;
}

/** ‖∂h_T/∂h_{T−lag}‖ for lag 0..maxLag and the mean step-Jacobian norm (core/gradientFlow.ts). */
export interface FlowRequest extends DrivenRequest {
  /** Default: steps (back to h_0). */
  maxLag?: number;
}

/** KSG mutual information between h_t and the latest `window` inputs (core/stateInputMI.ts). */
export interface ProbeMiRequest extends DrivenRequest {
  window: number;
  /** Steps skipped at the start of each probe. */
  warmup?: number;
  maxSamples?: number;
  k?: number;
}

export type DynamicsCommand =
  | { type: 'map'; id: number; request: MapRequest }
  | { type: 'lyapunov'; id: number; request: LyapunovRequest }
  | { type: 'flow'; id: number; request: FlowRequest }
  | { type: 'probe-mi'; id: number; request: ProbeMiRequest }
  | { type: 'cancel'; id: number }
  /**
   * The most of one core the jobs together may use, in (0, 1]: below 1, each slice of computation
   * is followed by a rest in proportion, so that a training run beside them keeps its core.
   */
  | { type: 'share'; share: number };

export type DynamicsMessage =
  /**
   * Newly computed cells of a map. `coarse`: every cell of the coarsest level is in (from this
   * message on the whole map can be drawn). A cell whose computation threw is NaN and its error
   * is in `errors` (once per distinct message).
   */
  | {
      type: 'map-cells';
      id: number;
      cells: Int32Array;
      values: Float64Array;
      done: number;
      total: number;
      coarse: boolean;
      errors: string[];
    }
  | { type: 'map-done'; id: number; ms: number }
  /** Running estimates (nats per step, descending) after `step` averaged steps. */
  | { type: 'lyapunov-progress'; id: number; step: number; total: number; exponents: number[] }
  | { type: 'lyapunov-done'; id: number; exponents: number[]; ms: number }
  /** Probes done so far of a gradient-propagation job. */
  | { type: 'flow-progress'; id: number; done: number; total: number }
  | { type: 'flow-done'; id: number; flow: GradientFlow; ms: number }
  /** Estimate in nats. */
  | { type: 'probe-mi-done'; id: number; result: StateInputMI; ms: number }
  | { type: 'error'; id: number; message: string };

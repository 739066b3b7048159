/**
 * The typed protocol between the page and the dynamics worker (the (n, s) maps of untrained
 * networks, and Lyapunov exponents of a trained network's weights). Types only: no code, no tfjs.
 * Every command and message carries the id of the job it concerns.
 */
import type { NsMapKind } from '../core/nsMaps';

export type { NsMapKind };

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

export type DynamicsCommand =
  | { type: 'map'; id: number; request: MapRequest }
  | { type: 'lyapunov'; id: number; request: LyapunovRequest }
  | { type: 'cancel'; id: number };

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
  | { type: 'error'; id: number; message: string };

/**
 * What the Dynamics section asks the dynamics worker for: the (n, s) grid of the maps, and the
 * size of each analysis of a run's weights, chosen so that every job costs about a second or less
 * in the worker whatever the network (the cost of each is in its core module). Pure functions.
 */
import type { Checkpoint, ProbeInputs } from '../../engine/protocol';
import type { FlowRequest, LyapunovRequest, MapRequest, NsGrid, NsMapKind, ProbeMiRequest } from '../../engine/dynamicsProtocol';

/** Gains of the maps' columns: log-spaced over the pad's whole range. */
export const MAP_N = { min: 0.1, max: 100, count: 20 } as const;
/** Saturations of the maps' rows: 0 … 1. */
export const MAP_S_COUNT = 10;

export const MAP_GRID: NsGrid = {
  n: Array.from({ length: MAP_N.count }, (_, i) => Number((MAP_N.min * (MAP_N.max / MAP_N.min) ** (i / (MAP_N.count - 1))).toPrecision(4))),
  s: Array.from({ length: MAP_S_COUNT }, (_, j) => Number((j / (MAP_S_COUNT - 1)).toFixed(4))),
};

/** A map over untrained networks of N neurons initialised from the seed. */
export function mapRequest(kind: NsMapKind, hidden: number, seed: number): MapRequest {
  return { kind, hidden, seed, grid: MAP_GRID };
}

/** A run's weights as the analyses need them (γ runs only: tanh and ReLU have no n, s). */
export interface RunWeights {
  /** On the page's step axis. */
  step: number;
  hidden: number;
  inputs: number;
  U: Float32Array;
  V: Float32Array;
  b: Float32Array;
  /** Length 1 (shared) or N (per neuron). */
  n: Float32Array;
  s: Float32Array;
}

/** The weights in a checkpoint; null when it has no n and s (tanh, ReLU) or lacks a tensor. */
export function weightsOf(c: Checkpoint, step: number): RunWeights | null {
  const get = (name: string) => c.tensors.find((t) => t.name === name)?.values;
  const [U, V, b, n, s] = ['U', 'V', 'b', 'n', 's'].map(get);
  if (!U || !V || !b || !n || !s) return null;
  const hidden = b.length;
  return { step, hidden, inputs: U.length / hidden, U, V, b, n, s };
}

/** Exponents in the spectrum: all of them up to 64 neurons. */
export const SPECTRUM_MAX_K = 64;
const SPECTRUM_BUDGET = 8e8;
/** Running estimates in the convergence plot. */
const SPECTRUM_TRACE_POINTS = 40;

export function spectrumRequest(w: RunWeights): LyapunovRequest {
  const N = w.hidden;
  const k = Math.min(N, SPECTRUM_MAX_K);
  // One step: the state ((k + 1)·N² with the tangent vectors) and two Gram–Schmidt passes (2·k²·N).
  const perStep = (k + 1) * N * N + 2 * k * k * N;
  const steps = Math.max(200, Math.min(2000, Math.floor(SPECTRUM_BUDGET / perStep)));
  return { V: w.V, b: w.b, n: w.n, s: w.s, k, steps, burnIn: Math.round(steps / 10), seed: 1, every: Math.max(1, Math.round(steps / SPECTRUM_TRACE_POINTS)) };
}

const FLOW_BUDGET = 6e8;

/**
 * Gradient propagation back to the start of the probes where the budget allows (P·L·N³), with as
 * many probes as it then affords; otherwise fewer lags.
 */
export function flowRequest(w: RunWeights, probe: ProbeInputs): FlowRequest {
  const N3 = w.hidden ** 3;
  const maxLag = Math.max(1, Math.min(probe.steps, Math.floor(FLOW_BUDGET / N3)));
  const probes = Math.max(1, Math.min(probe.probes, Math.floor(FLOW_BUDGET / (maxLag * N3))));
  return { ...driven(w, probe, probes), maxLag };
}

/** Input dimensions the MI's window may span: the estimator degrades fast with dimension. */
const MI_MAX_INPUT_DIMS = 30;

export function miRequest(w: RunWeights, probe: ProbeInputs): ProbeMiRequest {
  const window = Math.max(1, Math.min(5, Math.floor(MI_MAX_INPUT_DIMS / probe.inputs)));
  // The first third of each probe is skipped: from h_0 = 0, probes that start alike (blank
  // inputs, black rows) pass through identical states, which the estimator cannot use.
  const warmup = Math.max(window - 1, Math.floor(probe.steps / 3));
  return { ...driven(w, probe, probe.probes), window, warmup, maxSamples: 2000, k: 5 };
}

function driven(w: RunWeights, probe: ProbeInputs, probes: number) {
  const per = probe.steps * probe.inputs;
  return { U: w.U, V: w.V, b: w.b, n: w.n, s: w.s, x: probe.x.subarray(0, probes * per), probes, steps: probe.steps };
}

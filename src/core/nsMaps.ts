/**
 * The (n, s) maps of untrained networks, one cell at a time (so a worker can draw a coarse grid
 * first and refine). Every cell uses the same weights — the project's initialisation (init.ts:
 * Kaiming-normal U, Henaff-orthogonal V, b = 0) from the seed — and the same probe inputs, so the
 * map varies only through n and s.
 *
 * Driven, not autonomous: with b = 0 and h_0 = 0 a network run without input starts with every
 * neuron at the same value and barely leaves it, so the probes are i.i.d. standard-normal input
 * sequences (seeded), which spread the pre-activations as a task's inputs would.
 *
 * - 'gradient': mean over probes and steps of the step-Jacobian norm ‖diag(γ′(a_t))·Vᵀ‖_F/√N (the
 *   RMS singular value: the gain of a random error direction per step; see gradientFlow.ts). For
 *   the orthogonal initial V it is the RMS of γ′ over the neurons.
 * - 'mi': KSG mutual information (nats) between h_t and the last `window` inputs, over the steps
 *   after a warm-up (see stateInputMI.ts).
 */
import { columnSquares, meanStepNorm } from './gradientFlow';
import { initialWeights } from './init';
import { runProbes, transpose, type Net64 } from './netFloat64';
import { createRng } from './rng';
import { stateInputMI } from './stateInputMI';

export type NsMapKind = 'gradient' | 'mi';

export interface UntrainedSpec {
  hidden: number;
  seed: number;
  /** Inputs per step (default 1). */
  inputs?: number;
  /** Steps per probe sequence (default 60). */
  steps?: number;
  /** Probe sequences (default 16). */
  probes?: number;
}

/** Seeded weights and probe inputs shared by every cell of a map. */
export interface UntrainedSetup {
  N: number;
  I: number;
  P: number;
  T: number;
  U: Float64Array;
  V: Float64Array;
  Vt: Float64Array;
  b: Float64Array;
  /** [P, T, I] standard-normal inputs. */
  x: Float64Array;
  colSq: Float64Array;
}

export const UNTRAINED_DEFAULTS = { inputs: 1, steps: 60, probes: 16 } as const;

export function untrainedSetup(spec: UntrainedSpec): UntrainedSetup {
  const N = spec.hidden;
  const I = spec.inputs ?? UNTRAINED_DEFAULTS.inputs;
  const T = spec.steps ?? UNTRAINED_DEFAULTS.steps;
  const P = spec.probes ?? UNTRAINED_DEFAULTS.probes;
  for (const [name, v] of [['hidden', N], ['inputs', I], ['steps', T], ['probes', P]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} = ${v}: need a positive integer`);
  }
  const rng = createRng(spec.seed);
  // One read-out class: only U, V and b matter here, and each draws from its own fork.
  const w = initialWeights(I, N, 1, rng);
  const xr = rng.fork('ns-map-probes');
  const x = new Float64Array(P * T * I);
  for (let i = 0; i < x.length; i++) x[i] = xr.normal();
  const V = Float64Array.from(w.V);
  return { N, I, P, T, U: Float64Array.from(w.U), V, Vt: transpose(V, N), b: Float64Array.from(w.b), x, colSq: columnSquares(V, N) };
}

function runCell(u: UntrainedSetup, n: number, s: number) {
  const net64: Net64 = { N: u.N, V: u.V, Vt: u.Vt, b: u.b, n: new Float64Array(u.N).fill(n), s: new Float64Array(u.N).fill(s) };
  return runProbes({ U: u.U, V: u.V, b: u.b, n, s }, u.x, u.P, u.T, net64);
}

/** Mean step-Jacobian RMS norm of the untrained network with activation γ(·; n, s). */
export function gradientCell(u: UntrainedSetup, n: number, s: number): number {
  return meanStepNorm(runCell(u, n, s), u.colSq);
}

export interface MiCellOptions {
  /** Latest inputs the state is compared with. */
  window?: number;
  /** Steps skipped at the start of each probe. */
  warmup?: number;
  /** At most this many samples. */
  maxSamples?: number;
  /** Neighbours in the estimator. */
  k?: number;
}

export const MI_CELL_DEFAULTS = { window: 5, warmup: 10, maxSamples: 2000, k: 5 } as const;

/** KSG MI (nats) between h_t and x_{t−window+1..t} of the untrained network with γ(·; n, s). */
export function miCell(u: UntrainedSetup, n: number, s: number, opts: MiCellOptions = {}): number {
  const run = runCell(u, n, s);
  return stateInputMI(run.h, u.x, { P: u.P, T: u.T, N: u.N, I: u.I }, {
    window: opts.window ?? MI_CELL_DEFAULTS.window,
    from: opts.warmup ?? MI_CELL_DEFAULTS.warmup,
    maxSamples: opts.maxSamples ?? MI_CELL_DEFAULTS.maxSamples,
    k: opts.k ?? MI_CELL_DEFAULTS.k,
  }).mi;
}

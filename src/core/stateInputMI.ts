/**
 * Mutual information between a network's hidden state and its recent inputs: the sample at step t
 * of probe p pairs h_t (N values) with the inputs x_{t−m+1..t} (m·I values), for every step t from
 * `from` on (and at least m − 1, so the window is full). Samples along one trajectory are not
 * independent; the estimate stays consistent for a stationary process, and an input window that
 * moves by one step changes the y-part by a whole fresh input, so successive samples are not near
 * each other in the joint space. Evenly strided down to `maxSamples` (cost is quadratic in them).
 */
import { mutualInformationSamples } from './mutualInfo';

export interface StateInputDims {
  /** Probe sequences. */
  P: number;
  /** Steps per sequence. */
  T: number;
  /** Hidden units. */
  N: number;
  /** Inputs per step. */
  I: number;
}

export interface StateInputOptions {
  /** m: how many of the latest inputs (the current one included). */
  window: number;
  /** First step (0-based) that gives samples; earlier ones are a warm-up. Default 0. */
  from?: number;
  /** At most this many samples, evenly strided. Default 2,000. */
  maxSamples?: number;
  /** Neighbours in the estimator. Default 5. */
  k?: number;
}

export interface StateInputMI {
  /** Estimate in nats. */
  mi: number;
  /** Samples it used. */
  samples: number;
  /** Dimensions of the state and of the input window. */
  dimState: number;
  dimInputs: number;
}

/**
 * h: [P, T, N] with h[p, t] the state after input t; x: [P, T, I] the inputs (flat, row-major).
 */
export function stateInputMI(h: ArrayLike<number>, x: ArrayLike<number>, dims: StateInputDims, opts: StateInputOptions): StateInputMI {
  const { P, T, N, I } = dims;
  const m = opts.window;
  if (h.length !== P * T * N) throw new Error(`h has ${h.length} values; [${P}, ${T}, ${N}] needs ${P * T * N}`);
  if (x.length !== P * T * I) throw new Error(`x has ${x.length} values; [${P}, ${T}, ${I}] needs ${P * T * I}`);
  if (!Number.isInteger(m) || m < 1 || m > T) throw new Error(`window = ${m}: need an integer in [1, ${T}]`);
  const t0 = Math.max(m - 1, opts.from ?? 0);
  const perProbe = T - t0;
  const available = P * Math.max(perProbe, 0);
  const M = Math.min(available, opts.maxSamples ?? 2000);
  if (M < 1) throw new Error(`no samples: steps ${t0}..${T - 1} of ${P} probes`);
  const dy = m * I;
  const X = new Float64Array(M * N);
  const Y = new Float64Array(M * dy);
  for (let r = 0; r < M; r++) {
    const idx = Math.floor((r * available) / M);
    const p = Math.floor(idx / perProbe);
    const t = t0 + (idx % perProbe);
    const hOff = (p * T + t) * N;
    for (let i = 0; i < N; i++) X[r * N + i] = h[hOff + i];
    // Inputs x_{t−m+1..t} are contiguous in x: one slice of m·I values.
    const xOff = (p * T + t - m + 1) * I;
    for (let j = 0; j < dy; j++) Y[r * dy + j] = x[xOff + j];
  }
  const mi = mutualInformationSamples({ data: X, dim: N }, { data: Y, dim: dy }, M, opts.k ?? 5);
  return { mi, samples: M, dimState: N, dimInputs: dy };
}

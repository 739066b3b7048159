/**
 * Lyapunov spectrum of the network run without input, h ← F(h) = γ(h·V + b; n_i, s_i), by the
 * standard QR method: k orthonormal tangent vectors are pushed through the step Jacobian
 * J = diag(γ′(a))·Vᵀ (column convention), re-orthonormalised every step, and the logs of the
 * diagonal of R are averaged. Plain float64, no allocation inside the loop.
 *
 * Initial state: h_0 = 0.1·ξ, ξ standard normal from the seed (a small state near the origin, where
 * an untrained network starts; the burn-in then carries it onto the attractor). The burn-in steps
 * advance the state only; exponents are averaged over the `steps` that follow. The initial frame is
 * a random orthonormal k-frame from the same seed.
 */
import { gamma, gammaPrime } from './gamma';
import { dot, recurrentPreact, toNet64, type AutonomousNet } from './netFloat64';
import { createRng } from './rng';

/** A map with its tangent dynamics: what the QR method needs. */
export interface TangentMap {
  readonly dim: number;
  /** Moves h to F(h) in place and keeps what the Jacobian at the previous h needs. */
  advance(h: Float64Array): void;
  /**
   * out = J·q for each of the k vectors q stored as rows of Q ([k, dim] row-major), J being the
   * Jacobian at the state before the last advance. out does not alias Q.
   */
  pushForward(Q: Float64Array, k: number, out: Float64Array): void;
}

/** Replaces γ (value and slope, per neuron i) — to test the method on maps with known spectra. */
export interface ActivationOverride {
  value(a: number, i: number): number;
  slope(a: number, i: number): number;
}

export interface LyapunovOptions {
  /** How many exponents (the largest k). */
  k: number;
  /** Steps averaged over. */
  steps: number;
  /** Steps the state is advanced before averaging starts. */
  burnIn: number;
  /** Seeds h_0 (unless given) and the initial frame. */
  seed?: number;
  /** Explicit initial state instead of the seeded one. */
  h0?: ArrayLike<number>;
}

/** Running estimates: after steps[j] averaged steps the exponents were estimates[j] (descending). */
export interface LyapunovTrace {
  steps: number[];
  estimates: number[][];
}

/**
 * What one step counts for a direction that the Jacobian maps exactly to zero (every slope it
 * touches underflowed): log of the smallest double, not −∞, so averages stay finite and plottable.
 */
export const LOG_COLLAPSE = Math.log(Number.MIN_VALUE);

/** The γ network (or the same wiring with another activation) as a TangentMap. */
export function networkMap(net: AutonomousNet, activation?: ActivationOverride): TangentMap {
  const { N, Vt, b, n, s } = toNet64(net);
  const a = new Float64Array(N);
  const g = new Float64Array(N);
  const value = activation ? activation.value : (x: number, i: number) => gamma(x, n[i], s[i]);
  const slope = activation ? activation.slope : (x: number, i: number) => gammaPrime(x, n[i], s[i]);
  return {
    dim: N,
    advance(h) {
      recurrentPreact(h, Vt, b, N, a);
      for (let i = 0; i < N; i++) {
        g[i] = slope(a[i], i);
        h[i] = value(a[i], i);
      }
    },
    pushForward(Q, k, out) {
      // (J·q)_i = γ′(a_i)·Σ_j q_j·V[j, i] = γ′(a_i)·(q · row i of Vᵀ).
      for (let c = 0; c < k; c++) {
        const base = c * N;
        for (let i = 0; i < N; i++) out[base + i] = g[i] * dot(Q, base, Vt, i * N, N);
      }
    },
  };
}

/** Subtracts from row c of Q its projections on rows 0..c−1 (unit rows). */
function projectOutRows(Q: Float64Array, d: number, c: number): void {
  const base = c * d;
  for (let p = 0; p < c; p++) {
    const pb = p * d;
    const proj = dot(Q, base, Q, pb, d);
    for (let i = 0; i < d; i++) Q[base + i] -= proj * Q[pb + i];
  }
}

function rowNorm(Q: Float64Array, base: number, d: number): number {
  return Math.sqrt(dot(Q, base, Q, base, d));
}

/**
 * Gram–Schmidt QR of the k rows of Q ([k, d]) in place, writing log|r_cc| to logR. Each row is
 * projected twice ("twice is enough"): one pass loses orthogonality in proportion to the spread of
 * the exponents, which a strongly contracting direction makes huge. A row left with no
 * numerically independent part is replaced by the first axis independent of the rows before it
 * (any such direction is valid); one that is exactly zero counts LOG_COLLAPSE.
 */
export function qrRows(Q: Float64Array, k: number, d: number, logR: Float64Array): void {
  for (let c = 0; c < k; c++) {
    const base = c * d;
    let before = rowNorm(Q, base, d);
    projectOutRows(Q, d, c);
    projectOutRows(Q, d, c);
    let norm = rowNorm(Q, base, d);
    if (!Number.isFinite(norm)) throw new Error('a tangent vector became non-finite: the state left the float64 range');
    logR[c] = norm > 0 ? Math.log(norm) : LOG_COLLAPSE;
    for (let e = 0; !(norm > 1e-12 * before); e++) {
      for (let i = 0; i < d; i++) Q[base + i] = i === (c + e) % d ? 1 : 0;
      before = 1;
      projectOutRows(Q, d, c);
      projectOutRows(Q, d, c);
      norm = rowNorm(Q, base, d);
    }
    for (let i = 0; i < d; i++) Q[base + i] /= norm;
  }
}

function checkOptions(opts: LyapunovOptions, dim: number): void {
  const { k, steps, burnIn } = opts;
  if (!Number.isInteger(k) || k < 1 || k > dim) throw new Error(`k = ${k}: need an integer in [1, ${dim}]`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`steps = ${steps}: need a positive integer`);
  if (!Number.isInteger(burnIn) || burnIn < 0) throw new Error(`burnIn = ${burnIn}: need a non-negative integer`);
  if (opts.h0 && opts.h0.length !== dim) throw new Error(`h0 has ${opts.h0.length} values; the map has dimension ${dim}`);
}

function sortedMeans(sums: Float64Array, count: number): number[] {
  return Array.from(sums, (v) => v / Math.max(count, 1)).sort((x, y) => y - x);
}

/** A QR-method computation that runs in pieces (a worker yields between them to stay cancellable). */
export interface LyapunovRun {
  /** Steps averaged so far. */
  readonly done: number;
  readonly total: number;
  /** Runs up to `steps` more averaged steps (fewer at the end). */
  advance(steps: number): void;
  /** The current estimates, nats per step, descending. */
  estimates(): number[];
}

/** Sets up the state (burn-in included) and the frame; nothing is averaged until advance(). */
export function startLyapunov(map: TangentMap, opts: LyapunovOptions): LyapunovRun {
  const d = map.dim;
  checkOptions(opts, d);
  const { k, steps, burnIn } = opts;
  const rng = createRng(opts.seed ?? 0);
  const h = new Float64Array(d);
  if (opts.h0) h.set(opts.h0);
  else {
    const r = rng.fork('h0');
    for (let i = 0; i < d; i++) h[i] = 0.1 * r.normal();
  }
  for (let t = 0; t < burnIn; t++) map.advance(h);
  const fr = rng.fork('frame');
  let Q = new Float64Array(k * d);
  for (let i = 0; i < Q.length; i++) Q[i] = fr.normal();
  const logR = new Float64Array(k);
  qrRows(Q, k, d, logR);
  let W = new Float64Array(k * d);
  const sums = new Float64Array(k);
  let done = 0;
  return {
    get done() {
      return done;
    },
    total: steps,
    advance(n) {
      const end = Math.min(steps, done + Math.max(0, Math.floor(n)));
      for (let t = done; t < end; t++) {
        map.advance(h);
        map.pushForward(Q, k, W);
        qrRows(W, k, d, logR);
        for (let c = 0; c < k; c++) sums[c] += logR[c];
        const tmp = Q;
        Q = W;
        W = tmp;
      }
      done = Math.max(done, end);
    },
    estimates: () => sortedMeans(sums, done),
  };
}

/**
 * The QR method on any TangentMap: the top k exponents (nats per step, descending). With
 * `trace`, the running estimates after every `trace.every` averaged steps (and after the last).
 */
export function lyapunovOfMap(map: TangentMap, opts: LyapunovOptions, trace?: { every: number; out: LyapunovTrace }): number[] {
  const run = startLyapunov(map, opts);
  const every = trace ? Math.max(1, Math.floor(trace.every)) : opts.steps;
  while (run.done < run.total) {
    run.advance(every);
    if (trace) {
      trace.out.steps.push(run.done);
      trace.out.estimates.push(run.estimates());
    }
  }
  return run.estimates();
}

/** The top k Lyapunov exponents of the autonomous γ network, nats per step, descending. */
export function lyapunovSpectrum(net: AutonomousNet, opts: LyapunovOptions): number[] {
  return lyapunovOfMap(networkMap(net), opts);
}

/** The running estimates every `every` steps (for a convergence plot); the last entry is the result. */
export function lyapunovConvergence(net: AutonomousNet, opts: LyapunovOptions & { every: number }): LyapunovTrace {
  const out: LyapunovTrace = { steps: [], estimates: [] };
  lyapunovOfMap(networkMap(net), opts, { every: opts.every, out });
  return out;
}

/** Nats per step to bits per step (the authors report log₂). */
export function natsToBits(x: number): number {
  return x / Math.LN2;
}

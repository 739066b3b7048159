/**
 * How far back gradients reach in the driven network: the norm of ∂h_T/∂h_t against the lag
 * T − t, and the norm of one step Jacobian J_t = ∂h_t/∂h_{t−1} = diag(γ′(a_t))·Vᵀ.
 *
 * Norm: the root-mean-square singular value ‖M‖_F/√N. It is the gain of a random error direction
 * (for δ uniform on the sphere, E‖δᵀM‖² = ‖M‖_F²/N), exact and cheap (no iteration), independent
 * of the basis, and equals c^(T−t) for V = c·I. The spectral norm would follow the single most
 * amplified direction; for an orthogonal V it is just the largest γ′ of one neuron.
 *
 * The product ∂h_T/∂h_t = J_T·J_{T−1}·…·J_{t+1} is accumulated backwards as an explicit N×N matrix
 * (N³ per lag per probe) and renormalised every lag, its log-scale carried separately, so norms far
 * below the float64 range are still exact in log.
 */
import { quantile } from 'd3-array';
import { dot, runProbes, toNet64, type DrivenNet, type Net64, type ProbeRun } from './netFloat64';

export interface GradientFlow {
  /** Probe sequences averaged over. */
  probes: number;
  /** Lags 0..L (lag 0 is ∂h_T/∂h_T = I, norm 1). */
  lags: number[];
  /** Per lag, the mean over probes of ln ‖∂h_T/∂h_{T−lag}‖ (RMS singular value; −∞ if one is 0). */
  meanLog: number[];
  /** Per lag, the 10 %, 50 % and 90 % quantiles over probes of the same ln-norm. */
  q10: number[];
  q50: number[];
  q90: number[];
  /** Mean over probes and steps of ‖diag(γ′(a_t))·Vᵀ‖ (RMS singular value). */
  stepNorm: number;
}

/** Squared norm of each column of V: ‖J_t‖_F² = Σ_i γ′(a_i)²·colSq_i. */
export function columnSquares(V: Float64Array, N: number): Float64Array {
  const out = new Float64Array(N);
  for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) out[i] += V[j * N + i] ** 2;
  return out;
}

/** RMS singular value of diag(g)·Vᵀ from g (offset off) and the column squares of V. */
export function stepRmsNorm(g: Float64Array, off: number, colSq: Float64Array, N: number): number {
  let s = 0;
  for (let i = 0; i < N; i++) s += g[off + i] * g[off + i] * colSq[i];
  return Math.sqrt(s / N);
}

/** Mean step-Jacobian RMS norm over every probe and step of a run. */
export function meanStepNorm(run: ProbeRun, colSq: Float64Array): number {
  const { P, T, N } = run;
  let sum = 0;
  for (let m = 0; m < P * T; m++) sum += stepRmsNorm(run.slope, m * N, colSq, N);
  return sum / (P * T);
}

/** The step Jacobian diag(g)·Vᵀ as a dense row-major N×N matrix: J[i][j] = g_i·V[j][i]. */
export function stepJacobian(V: ArrayLike<number>, g: ArrayLike<number>, N: number): Float64Array {
  const J = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) J[i * N + j] = g[i] * V[j * N + i];
  return J;
}

/** out = G·diag(g)·Vᵀ: row r is (G_r ∘ g)·Vᵀ, i.e. its dot products with the rows of V. */
function timesStep(G: Float64Array, g: Float64Array, gOff: number, V: Float64Array, N: number, u: Float64Array, out: Float64Array): void {
  for (let r = 0; r < N; r++) {
    const base = r * N;
    for (let j = 0; j < N; j++) u[j] = G[base + j] * g[gOff + j];
    for (let i = 0; i < N; i++) out[base + i] = dot(u, 0, V, i * N, N);
  }
}

/** ln ‖∂h_T/∂h_{T−lag}‖ for lag 0..L of one probe of a run, written to logs[0..L]. */
function probeLogNorms(run: ProbeRun, p: number, V: Float64Array, L: number, logs: Float64Array): void {
  const { T, N } = run;
  let G = new Float64Array(N * N);
  let W = new Float64Array(N * N);
  const u = new Float64Array(N);
  for (let i = 0; i < N; i++) G[i * N + i] = 1;
  let scale = 0; // ln of the factor G has been divided by
  logs[0] = 0;
  for (let lag = 1; lag <= L; lag++) {
    // ∂h_T/∂h_{T−lag} = ∂h_T/∂h_{T−lag+1} · J_{T−lag+1}; h_t is stored at index t − 1.
    timesStep(G, run.slope, (p * T + T - lag) * N, V, N, u, W);
    let sq = 0;
    for (let i = 0; i < N * N; i++) sq += W[i] * W[i];
    const norm = Math.sqrt(sq / N);
    if (norm === 0) {
      logs.fill(-Infinity, lag, L + 1);
      return;
    }
    scale += Math.log(norm);
    logs[lag] = scale;
    for (let i = 0; i < N * N; i++) W[i] /= norm;
    const t = G;
    G = W;
    W = t;
  }
}

/**
 * Gradient propagation over probe inputs x, flat [P, T, I], from h_0 = 0. Lags go up to
 * maxLag (default T, i.e. back to h_0). Cost P·maxLag·N³ multiply-adds.
 */
export function gradientFlow(net: DrivenNet, x: ArrayLike<number>, P: number, T: number, opts: { maxLag?: number; net64?: Net64 } = {}): GradientFlow {
  const net64 = opts.net64 ?? toNet64(net);
  const L = Math.min(T, opts.maxLag ?? T);
  if (!Number.isInteger(L) || L < 0) throw new Error(`maxLag = ${opts.maxLag}: need a non-negative integer`);
  if (P < 1 || T < 1) throw new Error(`gradient flow needs at least one probe and one step (got P = ${P}, T = ${T})`);
  const run = runProbes(net, x, P, T, net64);
  const { N, V } = net64;
  const logs = new Float64Array((L + 1) * P); // [P, L + 1]
  for (let p = 0; p < P; p++) probeLogNorms(run, p, V, L, logs.subarray(p * (L + 1), (p + 1) * (L + 1)));
  const out: GradientFlow = { probes: P, lags: [], meanLog: [], q10: [], q50: [], q90: [], stepNorm: meanStepNorm(run, columnSquares(V, N)) };
  const col = new Float64Array(P);
  for (let lag = 0; lag <= L; lag++) {
    let sum = 0;
    for (let p = 0; p < P; p++) {
      col[p] = logs[p * (L + 1) + lag];
      sum += col[p];
    }
    out.lags.push(lag);
    out.meanLog.push(sum / P);
    out.q10.push(quantile(col, 0.1) ?? NaN);
    out.q50.push(quantile(col, 0.5) ?? NaN);
    out.q90.push(quantile(col, 0.9) ?? NaN);
  }
  return out;
}

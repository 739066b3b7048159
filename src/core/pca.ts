/**
 * PCA of hidden-state trajectories, in plain numbers (no tfjs): the N×N covariance of all P·T
 * states, its top components by orthogonal (subspace) iteration with a Rayleigh–Ritz finish, and
 * the projections of every state. Signs are fixed (each component's largest-magnitude entry is
 * positive) so a portrait does not flip between refreshes when the subspace barely moves.
 */

export interface PcaResult {
  /** [P, T, k] row-major projections of the centred states on the components. */
  proj: Float32Array;
  /** [k] fraction of the total variance along each component (0 beyond rank N). */
  explained: Float32Array;
  /** [k, N] unit components, row-major. */
  components: Float32Array;
  /** [N] mean state. */
  mean: Float32Array;
}

/** Extra subspace vectors beyond k: convergence goes as (λ_{k+extra+1} / λ_k)^iterations. */
const EXTRA = 4;
const MAX_ITER = 500;
const TOL = 1e-10;
/**
 * Covariance cost is M·N²/2: ≈ 2 s for 20 × 784 states of 256 units. Beyond this many states the
 * axes are found from an evenly strided subsample (successive states of a trajectory are strongly
 * correlated, so little is lost); projections and explained variances always use every state.
 */
export const PCA_MAX_COV_STATES = 3000;

/**
 * Covariance (1/K)·Σ (x − μ)(x − μ)ᵀ over K = min(M, PCA_MAX_COV_STATES) of the M rows (evenly
 * strided), upper triangle mirrored.
 */
function covariance(h: Float32Array, M: number, N: number, mean: Float64Array): Float64Array {
  const C = new Float64Array(N * N);
  const d = new Float64Array(N);
  const K = Math.min(M, PCA_MAX_COV_STATES);
  for (let r = 0; r < K; r++) {
    const off = Math.floor((r * M) / K) * N;
    for (let i = 0; i < N; i++) d[i] = h[off + i] - mean[i];
    addOuterUpper(C, d, N);
  }
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) {
      const v = C[i * N + j] / K;
      C[i * N + j] = v;
      C[j * N + i] = v;
    }
  }
  return C;
}

/**
 * C += d·dᵀ on and above the diagonal. A function of its own so V8 optimizes it whole: as loops
 * nested inside covariance's row loop it was compiled for the inner loop only (on-stack
 * replacement) and deoptimized on every exit from it, hundreds of times per call.
 */
function addOuterUpper(C: Float64Array, d: Float64Array, N: number): void {
  for (let i = 0; i < N; i++) {
    const di = d[i];
    if (di === 0) continue;
    const row = i * N;
    for (let j = i; j < N; j++) C[row + j] += di * d[j];
  }
}

/** Projects column c of Q (N×p) off columns 0..c−1 and returns its remaining norm. */
function projectOut(Q: Float64Array, N: number, p: number, c: number): number {
  for (let prev = 0; prev < c; prev++) {
    let dot = 0;
    for (let i = 0; i < N; i++) dot += Q[i * p + c] * Q[i * p + prev];
    for (let i = 0; i < N; i++) Q[i * p + c] -= dot * Q[i * p + prev];
  }
  let norm = 0;
  for (let i = 0; i < N; i++) norm += Q[i * p + c] ** 2;
  return Math.sqrt(norm);
}

/**
 * Modified Gram–Schmidt on the p ≤ N columns of Q (N×p, row-major), in place. A column that
 * vanishes (C of rank < p, or C = 0) is replaced by the first unit vector independent of the others.
 */
function orthonormalise(Q: Float64Array, N: number, p: number): void {
  for (let c = 0; c < p; c++) {
    let before = 0;
    for (let i = 0; i < N; i++) before += Q[i * p + c] ** 2;
    let norm = projectOut(Q, N, p, c);
    for (let e = 0; !(norm > 1e-9 * Math.sqrt(before)) || norm === 0; e++) {
      for (let i = 0; i < N; i++) Q[i * p + c] = i === (c + e) % N ? 1 : 0;
      before = 1;
      norm = projectOut(Q, N, p, c);
    }
    for (let i = 0; i < N; i++) Q[i * p + c] /= norm;
  }
}

/** Y = C·Q for C N×N and Q N×p. */
function multiply(C: Float64Array, Q: Float64Array, N: number, p: number): Float64Array {
  const Y = new Float64Array(N * p);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < N; k++) {
      const c = C[i * N + k];
      if (c === 0) continue;
      for (let j = 0; j < p; j++) Y[i * p + j] += c * Q[k * p + j];
    }
  }
  return Y;
}

/** Cyclic Jacobi eigen-decomposition of a small symmetric p×p matrix: values and column vectors. */
function jacobiEigen(S: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  const A = S.slice();
  const V = new Float64Array(p * p);
  for (let i = 0; i < p; i++) V[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += A[i * p + j] ** 2;
    if (off < 1e-30) break;
    for (let a = 0; a < p; a++) {
      for (let b = a + 1; b < p; b++) {
        const apq = A[a * p + b];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (A[b * p + b] - A[a * p + a]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const akp = A[k * p + a];
          const akq = A[k * p + b];
          A[k * p + a] = c * akp - s * akq;
          A[k * p + b] = s * akp + c * akq;
        }
        for (let k = 0; k < p; k++) {
          const apk = A[a * p + k];
          const aqk = A[b * p + k];
          A[a * p + k] = c * apk - s * aqk;
          A[b * p + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < p; k++) {
          const vkp = V[k * p + a];
          const vkq = V[k * p + b];
          V[k * p + a] = c * vkp - s * vkq;
          V[k * p + b] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = A[i * p + i];
  return { values, vectors: V };
}

/** Top-k PCA of h [P, T, N] (all P·T states pooled). k may exceed N: extra components are zero. */
export function pca(h: Float32Array, P: number, T: number, N: number, k: number): PcaResult {
  const M = P * T;
  if (h.length !== M * N) throw new Error(`pca: ${h.length} values do not make [${P}, ${T}, ${N}]`);
  const mean = new Float64Array(N);
  for (let m = 0; m < M; m++) for (let i = 0; i < N; i++) mean[i] += h[m * N + i];
  for (let i = 0; i < N; i++) mean[i] /= Math.max(M, 1);
  const C = covariance(h, M, N, mean);
  let trace = 0;
  for (let i = 0; i < N; i++) trace += C[i * N + i];
  // Total variance over every state (the covariance may come from a subsample).
  let total = 0;
  for (let m = 0; m < M; m++) for (let i = 0; i < N; i++) total += (h[m * N + i] - mean[i]) ** 2;
  total /= Math.max(M, 1);

  const kk = Math.min(k, N);
  const p = Math.min(N, kk + EXTRA);
  // Deterministic start: a fixed, generic (non-axis-aligned) basis.
  let Q: Float64Array = new Float64Array(N * p);
  for (let i = 0; i < N; i++) for (let j = 0; j < p; j++) Q[i * p + j] = Math.sin(1 + 0.7 * i + 1.3 * j + 0.37 * i * j);
  orthonormalise(Q, N, p);
  let prev: Float64Array = new Float64Array(p);
  for (let it = 0; it < MAX_ITER; it++) {
    const Y = multiply(C, Q, N, p);
    // Rayleigh quotients of the current basis, to stop once they settle.
    const rq = new Float64Array(p);
    for (let j = 0; j < p; j++) for (let i = 0; i < N; i++) rq[j] += Q[i * p + j] * Y[i * p + j];
    orthonormalise(Y, N, p);
    Q = Y;
    let change = 0;
    for (let j = 0; j < kk; j++) change = Math.max(change, Math.abs(rq[j] - prev[j]));
    prev = rq;
    if (it > 2 && change <= TOL * Math.max(trace, 1e-300)) break;
  }
  // Rayleigh–Ritz: diagonalise Qᵀ C Q and rotate the basis.
  const CQ = multiply(C, Q, N, p);
  const S = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) for (let i = 0; i < N; i++) S[a * p + b] += Q[i * p + a] * CQ[i * p + b];
  const { values, vectors } = jacobiEigen(S, p);
  const order = Array.from({ length: p }, (_, i) => i).sort((a, b) => values[b] - values[a]);

  const components = new Float32Array(k * N);
  const explained = new Float32Array(k);
  for (let c = 0; c < kk; c++) {
    const col = order[c];
    const v = new Float64Array(N);
    for (let i = 0; i < N; i++) for (let j = 0; j < p; j++) v[i] += Q[i * p + j] * vectors[j * p + col];
    let big = 0;
    for (let i = 1; i < N; i++) if (Math.abs(v[i]) > Math.abs(v[big]) + 1e-12) big = i;
    const sign = v[big] < 0 ? -1 : 1;
    for (let i = 0; i < N; i++) components[c * N + i] = sign * v[i];
  }

  const proj = new Float32Array(M * k);
  for (let m = 0; m < M; m++) {
    for (let c = 0; c < kk; c++) {
      let s = 0;
      for (let i = 0; i < N; i++) s += (h[m * N + i] - mean[i]) * components[c * N + i];
      proj[m * k + c] = s;
    }
  }
  // Variance along each component over all states, as a share of the total.
  for (let c = 0; c < kk; c++) {
    let v = 0;
    for (let m = 0; m < M; m++) v += proj[m * k + c] ** 2;
    explained[c] = total > 0 ? v / M / total : 0;
  }
  return { proj, explained, components, mean: Float32Array.from(mean) };
}

/**
 * The Elman RNN in plain float64 for the dynamics analyses (Lyapunov spectrum, gradient
 * propagation, mutual information): no tfjs, so it runs in node, in the page and in a worker.
 * Row-vector layout as in rnn.ts: a_t = x_t·U + h_{t−1}·V + b, h_t = γ(a_t; n_i, s_i), V row-major
 * [N, N], U row-major [I, N]. n and s are one value for every neuron or one per neuron.
 */
import { gamma, gammaPrime } from './gamma';

export type PerNeuron = number | ArrayLike<number>;

/** The network without input: the map h ← γ(h·V + b). */
export interface AutonomousNet {
  V: ArrayLike<number>;
  b: ArrayLike<number>;
  n: PerNeuron;
  s: PerNeuron;
}

/** The network with input weights U [I, N]. */
export interface DrivenNet extends AutonomousNet {
  U: ArrayLike<number>;
}

/** The same network with every array as a Float64Array of checked length. */
export interface Net64 {
  N: number;
  V: Float64Array;
  /** Vᵀ row-major: row i is column i of V, so products with V become contiguous dot products. */
  Vt: Float64Array;
  b: Float64Array;
  n: Float64Array;
  s: Float64Array;
}

/** A scalar broadcast to N neurons, or a per-neuron array checked for length. */
export function perNeuron(v: PerNeuron, N: number, name: string): Float64Array {
  if (typeof v === 'number') return new Float64Array(N).fill(v);
  if (v.length === 1) return new Float64Array(N).fill(v[0]);
  if (v.length !== N) throw new Error(`${name} has ${v.length} values; the network has ${N} neurons (give 1 or ${N})`);
  return Float64Array.from(v);
}

/** Copies the network into float64 arrays (monomorphic, fast loops) and checks the shapes. */
export function toNet64(net: AutonomousNet): Net64 {
  const N = net.b.length;
  if (N < 1) throw new Error('the network has no neurons (b is empty)');
  if (net.V.length !== N * N) throw new Error(`V has ${net.V.length} entries; b says N = ${N}, so V needs ${N * N}`);
  const V = Float64Array.from(net.V);
  return { N, V, Vt: transpose(V, N), b: Float64Array.from(net.b), n: perNeuron(net.n, N, 'n'), s: perNeuron(net.s, N, 's') };
}

export function transpose(M: Float64Array, N: number): Float64Array {
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) out[j * N + i] = M[i * N + j];
  return out;
}

/**
 * Σ a[ao + j]·b[bo + j] for j < len, with four partial sums: breaking the dependency chain makes
 * the products of the analyses about twice as fast in V8.
 */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < len; j += 4) {
    s0 += a[ao + j] * b[bo + j];
    s1 += a[ao + j + 1] * b[bo + j + 1];
    s2 += a[ao + j + 2] * b[bo + j + 2];
    s3 += a[ao + j + 3] * b[bo + j + 3];
  }
  for (; j < len; j++) s0 += a[ao + j] * b[bo + j];
  return s0 + s1 + (s2 + s3);
}

/** out = b + h·V, from Vᵀ (out may not alias h). */
export function recurrentPreact(h: Float64Array, Vt: Float64Array, b: Float64Array, N: number, out: Float64Array): void {
  for (let i = 0; i < N; i++) out[i] = b[i] + dot(h, 0, Vt, i * N, N);
}

/** out += x·U for one input vector x (offset xOff in a flat array) and U [I, N]. */
export function addInput(x: ArrayLike<number>, xOff: number, U: Float64Array, I: number, N: number, out: Float64Array): void {
  for (let j = 0; j < I; j++) {
    const xj = x[xOff + j];
    if (xj === 0) continue;
    const row = j * N;
    for (let i = 0; i < N; i++) out[i] += xj * U[row + i];
  }
}

/** Hidden states and slopes of a driven network over P probe sequences. */
export interface ProbeRun {
  P: number;
  T: number;
  N: number;
  /** [P, T, N] h_1..h_T. */
  h: Float64Array;
  /** [P, T, N] γ′(a_1)..γ′(a_T): the diagonals of the step Jacobians. */
  slope: Float64Array;
}

/**
 * Runs the network from h_0 = 0 over x, flat [P, T, I], keeping every h_t and γ′(a_t).
 * `net64` lets a caller that varies only n and s reuse one conversion of the weights.
 */
export function runProbes(net: DrivenNet, x: ArrayLike<number>, P: number, T: number, net64: Net64 = toNet64(net)): ProbeRun {
  const { N, Vt, b, n, s } = net64;
  const I = net.U.length / N;
  if (!Number.isInteger(I) || I < 1) throw new Error(`U has ${net.U.length} entries, not a multiple of N = ${N}`);
  if (x.length !== P * T * I) throw new Error(`x has ${x.length} values; [${P}, ${T}, ${I}] needs ${P * T * I}`);
  const U = Float64Array.from(net.U);
  const h = new Float64Array(P * T * N);
  const slope = new Float64Array(P * T * N);
  const prev = new Float64Array(N);
  const a = new Float64Array(N);
  for (let p = 0; p < P; p++) {
    prev.fill(0);
    for (let t = 0; t < T; t++) {
      recurrentPreact(prev, Vt, b, N, a);
      addInput(x, (p * T + t) * I, U, I, N, a);
      const off = (p * T + t) * N;
      for (let i = 0; i < N; i++) {
        const v = gamma(a[i], n[i], s[i]);
        h[off + i] = v;
        prev[i] = v;
        slope[off + i] = gammaPrime(a[i], n[i], s[i]);
      }
    }
  }
  return { P, T, N, h, slope };
}

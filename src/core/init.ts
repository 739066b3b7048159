/**
 * Initial weights as plain Float32Arrays drawn from an Rng, so the same seed gives bit-identical
 * starting weights on every tfjs backend (no backend-side random ops). Matrices are row-major and
 * oriented for row-vector products: a_t = x_t·U + h_{t−1}·V + b.
 */
import type { Rng } from './rng';

/**
 * Henaff orthogonal init of an N×N recurrent matrix: V = expm(A), A skew-symmetric with
 * A[2k, 2k+1] = θ_k = −A[2k+1, 2k], θ_k uniform in (−π, 0). expm of such a block-diagonal A is the
 * block-diagonal matrix of 2×2 rotations [[cos θ, sin θ], [−sin θ, cos θ]], written directly here.
 * Odd N: the last row and column of A are zero, so V has a single 1 on its last diagonal entry.
 */
export function henaffOrthogonal(n: number, rng: Rng): Float32Array {
  const v = new Float32Array(n * n);
  for (let k = 0; 2 * k + 1 < n; k++) {
    // (−π, 0): next() ∈ [0, 1), so −π·(1 − next()) ∈ [−π, 0) — the endpoint −π has measure zero
    // and gives a valid rotation anyway.
    const th = -Math.PI * (1 - rng.next());
    const c = Math.cos(th);
    const s = Math.sin(th);
    const i = 2 * k;
    v[i * n + i] = c;
    v[i * n + i + 1] = s;
    v[(i + 1) * n + i] = -s;
    v[(i + 1) * n + i + 1] = c;
  }
  if (n % 2 === 1) v[(n - 1) * n + (n - 1)] = 1;
  return v;
}

/** Kaiming-normal [fanIn, fanOut] matrix: entries N(0, 2 / fanIn). */
export function kaimingNormal(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const std = Math.sqrt(2 / fanIn);
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = std * rng.normal();
  return w;
}

/** Glorot/Xavier-uniform [fanIn, fanOut] matrix: entries U(−l, l), l = √(6 / (fanIn + fanOut)). */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
  return w;
}

/** Uniform U(−l, l) entries, l = 1/√fanIn: PyTorch's default for the biases of RNN cells and Linear layers. */
export function torchBias(fanIn: number, size: number, rng: Rng): Float32Array {
  const limit = 1 / Math.sqrt(fanIn);
  return Float32Array.from({ length: size }, () => rng.uniform(-limit, limit));
}

/**
 * How the biases start: 'explorable' at zero; 'authors' as the authors' PyTorch code leaves them,
 * uniform in ±1/√N for each of the cell's two biases (input and recurrent part, summed here into
 * one b) and for the read-out's.
 */
export type BiasInit = 'explorable' | 'authors';

/** All initial values of an Elman RNN with a linear read-out. */
export interface InitialWeights {
  U: Float32Array; // [I, N]
  V: Float32Array; // [N, N]
  b: Float32Array; // [N]
  Wo: Float32Array; // [N, C]
  bo: Float32Array; // [C]
}

/**
 * Each matrix draws from its own fork of `rng`, so changing one size (say, the number of classes)
 * leaves the others' values unchanged.
 */
export function initialWeights(inputs: number, hidden: number, classes: number, rng: Rng, biases: BiasInit = 'explorable'): InitialWeights {
  const w: InitialWeights = {
    U: kaimingNormal(inputs, hidden, rng.fork('U')),
    V: henaffOrthogonal(hidden, rng.fork('V')),
    b: new Float32Array(hidden),
    Wo: glorotUniform(hidden, classes, rng.fork('Wo')),
    bo: new Float32Array(classes),
  };
  if (biases === 'authors') {
    const ih = torchBias(hidden, hidden, rng.fork('b_ih'));
    const hh = torchBias(hidden, hidden, rng.fork('b_hh'));
    w.b = ih.map((v, i) => v + hh[i]);
    w.bo = torchBias(hidden, classes, rng.fork('bo'));
  }
  return w;
}

/**
 * Initial gains: n0 everywhere ('explorable'), or n0 + 2·U(0, 1) drawn for each value ('authors':
 * their psMNIST runs start from n ∈ [5, 7]).
 */
export function initialGains(n0: number, count: number, rng: Rng, scheme: BiasInit): Float32Array {
  return scheme === 'authors' ? Float32Array.from({ length: count }, () => n0 + 2 * rng.next()) : new Float32Array(count).fill(n0);
}

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

/** All initial values of an Elman RNN with a linear read-out. Biases start at zero. */
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
export function initialWeights(inputs: number, hidden: number, classes: number, rng: Rng): InitialWeights {
  return {
    U: kaimingNormal(inputs, hidden, rng.fork('U')),
    V: henaffOrthogonal(hidden, rng.fork('V')),
    b: new Float32Array(hidden),
    Wo: glorotUniform(hidden, classes, rng.fork('Wo')),
    bo: new Float32Array(classes),
  };
}

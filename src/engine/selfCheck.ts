/**
 * A backend is trusted only after it reproduces γ and its three gradients on a small batch within
 * a tolerance of the cpu backend (the reference float32 implementation of the same ops).
 * Inputs deliberately include large |n·x| so that an unstable softplus or a sigmoid that
 * overflows on a GPU turns up here instead of as NaN in the middle of a run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gammaTf } from '../core/gammaTf';
import { selfCheckFused } from './selfCheckFused';

export interface SelfCheckResult {
  ok: boolean;
  /** Largest error seen, in units of the tolerance (≤ 1 passes). */
  worst: number;
  detail: string;
}

const B = 8;
const N = 16;

/** Deterministic inputs: x in [−8, 8], per-neuron n in [0.5, 12], s in [0, 1]. */
function inputs(): { x: Float32Array; n: Float32Array; s: Float32Array } {
  const x = new Float32Array(B * N);
  for (let i = 0; i < x.length; i++) x[i] = -8 + (16 * ((i * 37) % 101)) / 100;
  const n = new Float32Array(N);
  const s = new Float32Array(N);
  for (let j = 0; j < N; j++) {
    n[j] = 0.5 + (11.5 * j) / (N - 1);
    s[j] = ((j * 7) % N) / (N - 1);
  }
  return { x, n, s };
}

interface Outputs {
  y: Float32Array;
  dx: Float32Array;
  dn: Float32Array;
  ds: Float32Array;
}

/** γ and its gradients with respect to x, n, s (weighted by a fixed dy) on the active backend. */
async function evaluate(): Promise<Outputs> {
  const { x, n, s } = inputs();
  const dyValues = new Float32Array(B * N);
  for (let i = 0; i < dyValues.length; i++) dyValues[i] = 0.5 + ((i * 13) % 17) / 17;
  const [y, dx, dn, ds] = tf.tidy(() => {
    const xt = tf.tensor2d(x, [B, N]);
    const nt = tf.tensor1d(n);
    const st = tf.tensor1d(s);
    const dy = tf.tensor2d(dyValues, [B, N]);
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => gammaTf(a, b, c);
    const value = f(xt, nt, st);
    const grads = tf.grads(f)([xt, nt, st], dy);
    return [value, ...grads];
  });
  const out = await Promise.all([y, dx, dn, ds].map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([y, dx, dn, ds]);
  return { y: out[0], dx: out[1], dn: out[2], ds: out[3] };
}

/**
 * Error of `got` against `ref` in units of the tolerance: |got − ref| ≤ rtol·(|ref| + scale·1e-2),
 * where scale is the largest |ref| of that output. The scale term keeps values that are near zero
 * only by cancellation (∂γ/∂n sums over the batch) from demanding more than float32 can give.
 */
function worstError(got: Float32Array, ref: Float32Array, rtol: number): number {
  let scale = 0;
  for (const v of ref) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const g = got[i];
    if (!Number.isFinite(g)) return Infinity;
    const tol = rtol * (Math.abs(ref[i]) + scale * 1e-2) + 1e-7;
    worst = Math.max(worst, Math.abs(g - ref[i]) / tol);
  }
  return worst;
}

/** cpu reference values; computed once per worker. */
let reference: Promise<Outputs> | undefined;

async function cpuReference(): Promise<Outputs> {
  if (!reference) {
    reference = (async () => {
      const previous = tf.getBackend();
      await tf.setBackend('cpu');
      const out = await evaluate();
      if (previous && previous !== 'cpu') await tf.setBackend(previous);
      return out;
    })();
  }
  return reference;
}

/**
 * Bits of the floats the active backend renders and computes in. tfjs's webgl floatPrecision()
 * answers 16 whenever the backend renders to float32 textures (it runs its float16 underflow probe
 * only when it does not), so on webgl its render flag decides.
 */
function floatBits(): number {
  if (tf.getBackend() === 'webgl' && tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')) return 32;
  return tf.backend().floatPrecision();
}

/**
 * Checks the currently active backend against cpu. Float32 GPUs compute exp/log to a few ulp
 * (~1e-6 relative) and sum 8 terms for ∂γ/∂n: 2e-3 leaves a margin of ~100× over honest rounding
 * yet a wrong or unstable kernel is off by O(1). Float16 GPUs (machine epsilon ~1e-3) get 5e-2.
 */
export async function selfCheckActive(): Promise<SelfCheckResult> {
  const name = tf.getBackend();
  const ref = await cpuReference();
  await tf.setBackend(name);
  const got = await evaluate();
  const precision = floatBits();
  const rtol = precision === 16 ? 5e-2 : 2e-3;
  const parts: [string, number][] = [
    ['γ', worstError(got.y, ref.y, rtol)],
    ['∂γ/∂x', worstError(got.dx, ref.dx, rtol)],
    ['∂γ/∂n', worstError(got.dn, ref.dn, rtol)],
    ['∂γ/∂s', worstError(got.ds, ref.ds, rtol)],
  ];
  const worst = Math.max(...parts.map(([, e]) => e));
  const bad = parts.filter(([, e]) => !(e <= 1)).map(([k, e]) => `${k} off by ${Number.isFinite(e) ? `${e.toFixed(1)}× the tolerance` : 'a non-finite value'}`);
  if (bad.length > 0) return { ok: false, worst, detail: `self-check against cpu failed: ${bad.join(', ')}` };
  const gammaOk = `γ and its gradients match cpu (float${precision}, worst error ${worst.toPrecision(2)}× the tolerance ${rtol})`;
  // Where the backend has fused kernels, the engine trains with them: check them too.
  const fused = await selfCheckFused();
  if (!fused.ok) return { ok: false, worst: Math.max(worst, fused.worst), detail: `self-check against cpu failed: ${fused.detail}` };
  return { ok: true, worst: Math.max(worst, fused.worst), detail: fused.ran ? `${gammaOk}; ${fused.detail}` : gammaOk };
}

/**
 * The recurrent loop a_t = x_t·U + h_{t−1}·V + b, h_t = φ(a_t), h_0 = 0, as one tfjs op with a
 * hand-written backpropagation through time.
 *
 * Laid out for per-kernel cost (tfjs at these sizes is overhead-bound) and for the wasm backend's
 * slow paths, measured in node on wasm-SIMD: a plain matMul [32, 64]·[64, 64] ≈ 25 µs, the same
 * with a transpose flag ≈ 170 µs (≈ 3 ms instead of 0.3 ms for [64, 896]·[896, 64]); an
 * element-wise kernel ≈ 3.5 µs; any Slice/Gather/Unstack of a [T, B, N] tensor copies all of it
 * (≥ 0.1 ms per step). So: inputs arrive already split per step (seqInput.ts); φ′ is computed in
 * the forward loop and kept per step, so the backward loop never slices; Vᵀ is materialised once;
 * the weight gradients are one plain matMul each over all steps; ∂/∂n and ∂/∂s are reductions over
 * all steps at the end.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SeqInput } from './seqInput';
import { fusedUnroll, fusedUnrollAvailable, fusedUnrollStates } from './unrollFused';
import { stepKernelsAvailable, unrollSteps, unrollStepsStates } from './unrollSteps';

export type LoopActivation =
  /** `learn`: n and s are inputs of the op and get gradients; otherwise they are constants. */
  | { kind: 'gamma'; n: tf.Tensor; s: tf.Tensor; learn: boolean }
  | { kind: 'tanh' }
  | { kind: 'relu' };

export interface LoopWeights {
  U: tf.Tensor2D; // [I, N]
  V: tf.Tensor2D; // [N, N]
  b: tf.Tensor1D; // [N]
}

/** What the forward loop keeps per step (all [1, B, N]). */
interface Trace {
  hs: tf.Tensor[];
  as: tf.Tensor[];
  /** φ′(a_t). */
  primes: tf.Tensor[];
  /** γ only, when n and s are learned: z = n·a, σ(z), softplus(z). */
  zs: tf.Tensor[];
  Ss: tf.Tensor[];
  Ps: tf.Tensor[];
}

interface TraceNeeds {
  primes: boolean;
  preacts: boolean;
  gammaParts: boolean;
}

type Cell = (a: tf.Tensor, tr: Trace, needs: TraceNeeds) => tf.Tensor;

function gammaCell(n: tf.Tensor, s: tf.Tensor): Cell {
  // γ = (1 − s)/n · softplus(n a) + s · σ(n a), with the per-neuron factors hoisted out of the loop.
  const oms = tf.sub(1, s);
  const c = tf.div(oms, n);
  const sn = tf.mul(s, n);
  return (a, tr, needs) => {
    const z = tf.mul(a, n);
    const S = tf.sigmoid(z);
    const P = tf.softplus(z);
    const h = tf.add(tf.mul(c, P), tf.mul(s, S));
    if (needs.primes) {
      // φ′ = (1 − s)·σ(z) + s·n·σ′(z) = σ(z)·((1 − s) + s·n·σ(−z)); σ(−z) rather than 1 − σ(z) keeps
      // full relative precision where σ saturates (1 − σ(z) cancels; training is sensitive to it).
      tr.primes.push(tf.mul(S, tf.add(oms, tf.mul(sn, tf.sigmoid(tf.neg(z))))));
    }
    if (needs.gammaParts) {
      tr.zs.push(z);
      tr.Ss.push(S);
      tr.Ps.push(P);
    }
    return h;
  };
}

const tanhCell: Cell = (a, tr, needs) => {
  const h = tf.tanh(a);
  if (needs.primes) tr.primes.push(tf.sub(1, tf.square(h)));
  return h;
};

const reluCell: Cell = (a, tr, needs) => {
  const h = tf.relu(a);
  if (needs.primes) tr.primes.push(tf.step(a));
  return h;
};

function cellFor(act: LoopActivation): Cell {
  if (act.kind === 'gamma') return gammaCell(act.n, act.s);
  return act.kind === 'tanh' ? tanhCell : reluCell;
}

/**
 * The matMul kernels called directly on rank-3 operands: tf.matMul would add two reshapes per call
 * and tf.fused.matMul a custom-gradient wrapper, a sizeable share of a ~25 µs step. No gradient
 * is recorded for these (they run inside this op's forward or backward function).
 */
function mm(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.engine().runKernel(tf.BatchMatMul, { a, b }, { transposeA: false, transposeB: false }) as tf.Tensor;
}

function mmBias(a: tf.Tensor, b: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const attrs = { transposeA: false, transposeB: false, activation: 'linear', leakyreluAlpha: 0 };
  return tf.engine().runKernel(tf._FusedMatMul, { a, b, bias }, attrs) as tf.Tensor;
}

function runLoop(input: SeqInput, w: LoopWeights, cell: Cell, needs: TraceNeeds): Trace {
  const tr: Trace = { hs: [], as: [], primes: [], zs: [], Ss: [], Ps: [] };
  const U3 = tf.expandDims(w.U, 0);
  const V3 = tf.expandDims(w.V, 0);
  let h: tf.Tensor | null = null;
  for (const xt of input.steps) {
    const xu = mmBias(xt, U3, w.b);
    const a: tf.Tensor = h === null ? xu : tf.add(xu, mm(h, V3));
    h = cell(a, tr, needs);
    tr.hs.push(h);
    if (needs.preacts) tr.as.push(a);
  }
  return tr;
}

/** Stacks per-step [1, B, N] tensors into one time-major [T·B, N]. */
function rows(parts: tf.Tensor[]): tf.Tensor2D {
  const n = parts[0].shape[2] as number;
  return tf.reshape(tf.concat(parts, 1), [-1, n]);
}

/** φ′ over all steps at once, [T·B, N], from the stacked z (γ) or h (tanh, relu). */
function stackedPrime(act: LoopActivation, X: tf.Tensor): tf.Tensor {
  if (act.kind === 'tanh') return tf.sub(1, tf.square(X));
  if (act.kind === 'relu') return tf.step(X); // h > 0 ⇔ a > 0
  return tf.mul(tf.sigmoid(X), tf.add(tf.sub(1, act.s), tf.mul(tf.mul(act.s, act.n), tf.sigmoid(tf.neg(X)))));
}

/** Splits a time-major [T·B, N] gradient into T steps [1, B, N] (see seqInput.ts for the wasm case). */
function splitSteps(flat: tf.Tensor, T: number, B: number): tf.Tensor[] {
  const x = tf.reshape(flat, [T, B, -1]);
  if (tf.getBackend() !== 'wasm') return tf.split(x, T, 0);
  const out: tf.Tensor[] = new Array(T);
  for (let t = 0; t < T; t++) out[t] = tf.gather(x, tf.tensor1d([t], 'int32'), 0);
  return out;
}

/** Sum over every axis (scalar parameter) or over rows (per-neuron [N] parameter). */
function reduceTo(g: tf.Tensor, shape: number[]): tf.Tensor {
  return shape.length === 0 ? tf.sum(g) : tf.sum(g, 0);
}

/** The γ parts of every step as [T·B, N] matrices (what ∂/∂n and ∂/∂s need). */
interface GammaParts {
  Z: tf.Tensor;
  S: tf.Tensor;
  P: tf.Tensor;
}

/**
 * Gradients of Σ_t g_t ⊙ γ(a_t; n, s) with respect to n and s, g_t = ∂L/∂h_t:
 *   ∂γ/∂n = (1 − s)/n² · (z·σ(z) − softplus(z)) + s·(z/n)·σ(z)σ(−z),   ∂γ/∂s = σ(z) − softplus(z)/n,
 * with z·σ − softplus = −(|z|·σ(−|z|) + softplus(−|z|)) (the same value without cancelling two ≈ z terms).
 */
function gammaParamGrads(G: tf.Tensor, p: GammaParts, n: tf.Tensor, s: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const absZ = tf.abs(p.Z);
  const negAbs = tf.neg(absZ);
  const q = tf.add(tf.mul(absZ, tf.sigmoid(negAbs)), tf.softplus(negAbs)); // = softplus(z) − z·σ(z)
  const sumGq = reduceTo(tf.mul(G, q), n.shape);
  const sumGzdS = reduceTo(tf.mul(tf.mul(G, p.Z), tf.mul(p.S, tf.sigmoid(tf.neg(p.Z)))), n.shape);
  const dn = tf.sub(tf.div(tf.mul(s, sumGzdS), n), tf.div(tf.mul(tf.sub(1, s), sumGq), tf.square(n)));
  const sumGS = reduceTo(tf.mul(G, p.S), s.shape);
  const sumGP = reduceTo(tf.mul(G, p.P), s.shape);
  const ds = tf.sub(sumGS, tf.div(sumGP, n));
  return [dn, ds];
}

/**
 * The loop as one op of (U, V, b[, n, s]). Output: h_T [B, N] ('last') or every h_t, time-major,
 * [T·B, N] ('all').
 */
export function unroll(input: SeqInput, w: LoopWeights, act: LoopActivation, output: 'last' | 'all'): tf.Tensor2D {
  // A backend with fused recurrent kernels runs the whole loop in one dispatch each way.
  if (fusedUnrollAvailable()) return fusedUnroll(input, w, act, output);
  // One without a barrier (webgl) runs two kernels per step each way.
  if (stepKernelsAvailable()) return unrollSteps(input, w, act, output);
  const T = input.length;
  const B = input.batch;
  const learn = act.kind === 'gamma' && act.learn;
  // Where slicing is cheap (every backend but wasm, see the header), φ′ costs fewer kernels
  // computed once over all steps in the backward pass and split; on wasm it is kept per step.
  const perStep = tf.getBackend() === 'wasm';
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [U, V, b, n, s] = args.slice(0, learn ? 5 : 3) as tf.Tensor[];
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const live: LoopActivation = act.kind === 'gamma' && learn ? { kind: 'gamma', n, s, learn } : act;
    const gamma = act.kind === 'gamma';
    const tr = runLoop(input, { U: U as tf.Tensor2D, V: V as tf.Tensor2D, b: b as tf.Tensor1D }, cellFor(live), {
      primes: perStep,
      preacts: false,
      gammaParts: gamma,
    });
    const N = V.shape[0];
    const value = output === 'last' ? tf.reshape(tr.hs[T - 1], [B, N]) : rows(tr.hs);
    // The forward runs inside a tidy: whatever the backward pass reads goes through save(), which
    // costs a kernel per tensor, so everything not needed step by step is saved stacked:
    // φ′ per step (wasm), h_0..h_{T−1} (h_0 = 0) as rows for dV, the input columns (a SeqInput
    // built inside the caller's function is gone by then), then what φ′ and ∂/∂n, ∂/∂s need.
    const hPrev = rows([tf.zeros([1, B, N]), ...tr.hs.slice(0, T - 1)]);
    const extra = gamma ? [rows(tr.zs), ...(learn ? [rows(tr.Ss), rows(tr.Ps)] : [])] : perStep ? [] : [rows(tr.hs)];
    save([...tr.primes, hPrev, input.columns, ...extra]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const k = perStep ? T : 0;
        const [hPrevS, columns, X, S, P] = saved.slice(k);
        const primes = perStep ? saved.slice(0, T) : splitSteps(stackedPrime(live, X), T, B);
        const Vt = tf.expandDims(tf.transpose(V), 0);
        const dHs = output === 'all' ? splitSteps(dy, T, B) : null;
        const dAs: tf.Tensor[] = new Array(T);
        const carries: tf.Tensor[] = new Array(T);
        // g_t = ∂L/∂h_t = dH_t + dA_{t+1}·Vᵀ, dA_t = g_t ⊙ φ′_t, from the last step back.
        let carry: tf.Tensor = dHs ? dHs[T - 1] : tf.reshape(dy, [1, B, N]);
        for (let t = T - 1; t >= 0; t--) {
          carries[t] = carry;
          dAs[t] = tf.mul(carry, primes[t]);
          if (t > 0) {
            const back = mm(dAs[t], Vt);
            carry = dHs ? tf.add(dHs[t - 1], back) : back;
          }
        }
        const dA = rows(dAs); // [T·B, N]
        const dU = tf.matMul(columns as tf.Tensor2D, dA);
        const db = tf.sum(dA, 0);
        // dV = Σ_t h_{t−1}ᵀ·dA_t over all steps at once; an explicit transpose beats matMul's flag on wasm.
        const dV = T > 1 ? tf.matMul(tf.transpose(hPrevS) as tf.Tensor2D, dA) : tf.zerosLike(V);
        if (!learn) return [dU, dV, db];
        return [dU, dV, db, ...gammaParamGrads(rows(carries), { Z: X, S, P }, n, s)];
      },
    };
  });
  const ins: tf.Tensor[] = [w.U, w.V, w.b];
  if (learn && act.kind === 'gamma') ins.push(act.n, act.s);
  return op(...ins) as tf.Tensor2D;
}

/** Every h_t and a_t, time-major [T·B, N], without a backward pass (figures, probes). */
export function unrollStates(input: SeqInput, w: LoopWeights, act: LoopActivation): { H: tf.Tensor2D; A: tf.Tensor2D } {
  if (fusedUnrollAvailable()) return fusedUnrollStates(input, w, act);
  if (stepKernelsAvailable()) return unrollStepsStates(input, w, act);
  const tr = runLoop(input, w, cellFor(act), { primes: false, preacts: true, gammaParts: false });
  return { H: rows(tr.hs), A: rows(tr.as) };
}

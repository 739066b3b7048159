/**
 * The recurrent loop h_t = φ(xu_t + h_{t−1}·V), h_0 = 0, as one tfjs op with a hand-written
 * backpropagation through time. tfjs at these sizes is dominated by per-kernel overhead; letting
 * autograd differentiate the loop costs ~64 kernels per time step, this costs ~11 (8 forward, 3
 * backward): everything that does not depend on the recursion (φ′, ∂γ/∂n, ∂γ/∂s, dV, dn, ds) is
 * computed once for all steps at the end. Time-major: xu and the result are [T, B, N].
 */
import * as tf from '@tensorflow/tfjs-core';

type Step = (a: tf.Tensor) => tf.Tensor;

/**
 * The T slices [B, N] of a time-major [T, B, N] tensor. The wasm backend's Slice (and so Unstack)
 * copies its whole input out of the heap for every slice — quadratic in T, ~0.5 ms per slice at
 * T = 196 — while its Gather reads only the indices; other backends slice cheaply.
 */
function splitSteps(x: tf.Tensor): tf.Tensor[] {
  if (tf.getBackend() !== 'wasm') return tf.unstack(x);
  const [T, ...rest] = x.shape;
  const out: tf.Tensor[] = new Array(T);
  for (let t = 0; t < T; t++) out[t] = tf.reshape(tf.gather(x, tf.tensor1d([t], 'int32'), 0), rest);
  return out;
}

/** Runs the loop; `A` (pre-activations) is stacked only when the caller needs it. */
function runLoop(xu: tf.Tensor3D, V: tf.Tensor, phi: Step, keepA: boolean): { H: tf.Tensor3D; A: tf.Tensor3D | null } {
  const xs = splitSteps(xu);
  const hs: tf.Tensor[] = [];
  const as: tf.Tensor[] = [];
  let h: tf.Tensor | null = null;
  for (const xt of xs) {
    const a: tf.Tensor = h === null ? xt : tf.add(xt, tf.matMul(h as tf.Tensor2D, V as tf.Tensor2D));
    h = phi(a);
    hs.push(h);
    if (keepA) as.push(a);
  }
  return { H: tf.stack(hs) as tf.Tensor3D, A: keepA ? (tf.stack(as) as tf.Tensor3D) : null };
}

/**
 * From the last step back to the first: g_t = dH_t + dA_{t+1}·Vᵀ (the whole gradient reaching
 * h_t) and dA_t = g_t ⊙ φ′_t. Returns both stacked: dA for U, b, V; g for the gain and saturation.
 */
function backThroughTime(dH: tf.Tensor, phiPrime: tf.Tensor, V: tf.Tensor, keepG: boolean): { dA: tf.Tensor3D; g: tf.Tensor3D | null } {
  const dHs = splitSteps(dH);
  const gs = splitSteps(phiPrime);
  const dAs: tf.Tensor[] = new Array(dHs.length);
  const carries: tf.Tensor[] = new Array(dHs.length);
  let next: tf.Tensor | null = null;
  for (let t = dHs.length - 1; t >= 0; t--) {
    const carry: tf.Tensor = next === null ? dHs[t] : tf.add(dHs[t], tf.matMul(next as tf.Tensor2D, V as tf.Tensor2D, false, true));
    next = tf.mul(carry, gs[t]);
    dAs[t] = next;
    carries[t] = carry;
  }
  return { dA: tf.stack(dAs) as tf.Tensor3D, g: keepG ? (tf.stack(carries) as tf.Tensor3D) : null };
}

/** dV = Σ_t h_{t−1}ᵀ·dA_t as one matMul over all steps (h_{−1} = h_0 = 0 drops the first step). */
function gradV(H: tf.Tensor, dA: tf.Tensor): tf.Tensor {
  const [T, B, N] = H.shape;
  if (T === 1) return tf.zeros([N, N]);
  const hPrev = tf.reshape(tf.slice(H, [0, 0, 0], [T - 1, B, N]), [(T - 1) * B, N]);
  const dNext = tf.reshape(tf.slice(dA, [1, 0, 0], [T - 1, B, N]), [(T - 1) * B, N]);
  return tf.matMul(hPrev as tf.Tensor2D, dNext as tf.Tensor2D, true, false);
}

/** Sum a broadcast gradient down to the shape of a scalar or [N] parameter. */
function reduceTo(g: tf.Tensor, shape: number[]): tf.Tensor {
  return shape.length === 0 ? tf.sum(g) : tf.sum(g, [0, 1]);
}

/** Unrolled γ network: inputs xu [T, B, N] (input projection plus bias), V, n and s. */
const gammaLoop = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [xu, V, n, s] = args as tf.Tensor[];
  const save = args[4] as tf.GradSaveFunc;
  // γ = (1 − s)/n · softplus(n a) + s · σ(n a): six kernels per step with c = (1 − s)/n hoisted.
  const c = tf.div(tf.sub(1, s), n);
  const phi: Step = (a) => {
    const z = tf.mul(a, n);
    return tf.add(tf.mul(c, tf.softplus(z)), tf.mul(s, tf.sigmoid(z)));
  };
  const { H, A } = runLoop(xu as tf.Tensor3D, V, phi, true);
  save([H, A as tf.Tensor, V, n, s]);
  return {
    value: H,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [Hs, As, Vs, ns, ss] = saved;
      // The same stable forms as gammaTf's gradient, for all steps at once.
      const z = tf.mul(As, ns);
      const S = tf.sigmoid(z);
      const absZ = tf.abs(z);
      const sigNeg = tf.sigmoid(tf.neg(absZ));
      const dS = tf.mul(sigNeg, tf.sub(1, sigNeg)); // σ′(z) from the small side: no cancellation
      const oms = tf.sub(1, ss);
      const dx = tf.add(tf.mul(oms, S), tf.mul(tf.mul(ss, ns), dS));
      const { dA, g } = backThroughTime(dy, dx, Vs, true);
      // x·S − P = −(|z|·σ(−|z|) + softplus(−|z|)) / n without cancelling two ≈ x terms.
      const xSmP = tf.div(tf.neg(tf.add(tf.mul(absZ, sigNeg), tf.softplus(tf.neg(absZ)))), ns);
      const dGdn = tf.add(tf.div(tf.mul(oms, xSmP), ns), tf.mul(tf.mul(ss, As), dS));
      const dGds = tf.sub(S, tf.div(tf.softplus(z), ns));
      return [
        dA,
        gradV(Hs, dA),
        reduceTo(tf.mul(g as tf.Tensor, dGdn), ns.shape),
        reduceTo(tf.mul(g as tf.Tensor, dGds), ss.shape),
      ];
    },
  };
});

/** tanh and relu: φ′ follows from H alone (1 − h², and h > 0 ⇔ a > 0), so A is never stacked. */
function fixedLoop(kind: 'tanh' | 'relu') {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xu, V] = args as tf.Tensor[];
    const save = args[2] as tf.GradSaveFunc;
    const phi: Step = kind === 'tanh' ? (a) => tf.tanh(a) : (a) => tf.relu(a);
    const { H } = runLoop(xu as tf.Tensor3D, V, phi, false);
    save([H, V]);
    return {
      value: H,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [Hs, Vs] = saved;
        const prime = kind === 'tanh' ? tf.sub(1, tf.square(Hs)) : tf.cast(tf.greater(Hs, 0), 'float32');
        const { dA } = backThroughTime(dy, prime, Vs, false);
        return [dA, gradV(Hs, dA)];
      },
    };
  });
}

const tanhLoop = fixedLoop('tanh');
const reluLoop = fixedLoop('relu');

export type LoopActivation = { kind: 'gamma'; n: tf.Tensor; s: tf.Tensor } | { kind: 'tanh' } | { kind: 'relu' };

/** Hidden states [T, B, N] of the recurrence driven by xu [T, B, N] (x_t·U + b for every step). */
export function unroll(xu: tf.Tensor3D, V: tf.Tensor2D, act: LoopActivation): tf.Tensor3D {
  if (act.kind === 'gamma') return gammaLoop(xu, V, act.n, act.s) as tf.Tensor3D;
  return (act.kind === 'tanh' ? tanhLoop(xu, V) : reluLoop(xu, V)) as tf.Tensor3D;
}

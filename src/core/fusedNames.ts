/**
 * Names and attributes of the fused recurrent kernels. The kernels themselves are backend code
 * (src/engine/webgpu/ registers them for 'webgpu'); core only calls them through
 * tf.engine().runKernel when tf.getKernel(name, backend) says they exist, so core never imports a
 * backend package.
 *
 * Layouts (all flat float32, time-major rows r = t·B + b):
 *   RNN_FORWARD  → HA = [H (T·B·N) | A (T·B·N)]: hidden states and pre-activations.
 *   RNN_GRADS    → G = [dU (I·N) | dV (N·N) | db (N) | dn (L) | ds (L)], L = size of n (1 or N; 0 without γ).
 *   HEAD_FORWARD → HO = [dLogits unscaled (R·C) | loss terms (R) | hits (R) | scored (R)].
 *   HEAD_REDUCE  → HR = [loss, acc, count, dWo (N·C), dbo (C)] (means over the scored rows).
 *   HEAD_BACK    → dH (R·N) = dLogits·Woᵀ / count.
 *   ADAM_MOMENTS → S' = [m (P) | v (P) | gradNorm], P = size of G plus N·C + C.
 *   ADAM_PARAM   → one variable after its Adam step.
 * R = B for a 'last' read-out, T·B for 'all'.
 */
export const RNN_FORWARD = 'AdaptiveRnnForward';
export const RNN_GRADS = 'AdaptiveRnnGrads';
export const HEAD_FORWARD = 'AdaptiveRnnHeadForward';
export const HEAD_REDUCE = 'AdaptiveRnnHeadReduce';
export const HEAD_BACK = 'AdaptiveRnnHeadBack';
export const ADAM_MOMENTS = 'AdaptiveRnnAdamMoments';
export const ADAM_PARAM = 'AdaptiveRnnAdamParam';

export const FUSED_KERNELS = [RNN_FORWARD, RNN_GRADS, HEAD_FORWARD, HEAD_REDUCE, HEAD_BACK, ADAM_MOMENTS, ADAM_PARAM] as const;

export type ActKind = 'gamma' | 'tanh' | 'relu';

/** Shape of one recurrent pass (webgpu: N, I, act and perNeuron shape the code, T and B are uniforms). */
export interface RnnDims {
  T: number;
  B: number;
  I: number;
  N: number;
  act: ActKind;
  /** n and s per neuron (heterogeneous) rather than shared. */
  perNeuron: boolean;
}

export interface HeadDims {
  T: number;
  B: number;
  N: number;
  C: number;
  last: boolean;
}

/** tfjs attributes are plain records of numbers, strings and booleans. */
export type Attrs = Record<string, number | string | boolean>;

/** Length of dn (and of ds) in G: 1 shared, N per neuron, 0 without γ. */
export function activationLength(d: Pick<RnnDims, 'act' | 'perNeuron' | 'N'>): number {
  if (d.act !== 'gamma') return 0;
  return d.perNeuron ? d.N : 1;
}

export function rnnGradSize(d: RnnDims): number {
  return d.I * d.N + d.N * d.N + d.N + 2 * activationLength(d);
}

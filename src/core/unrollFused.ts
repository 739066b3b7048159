/**
 * unroll() through the fused recurrent kernels (core/fusedNames.ts), for a backend that registers
 * them: the forward recurrence is one kernel whatever T is, and so is BPTT with every weight
 * gradient (RNN_GRADS). Same op as unroll.ts — inputs (U, V, b[, n, s]), output h_T or every h_t —
 * so autograd around it is unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activationLength, RNN_FORWARD, RNN_GRADS, type Attrs, type RnnDims } from './fusedNames';
import type { SeqInput } from './seqInput';
import type { LoopActivation, LoopWeights } from './unroll';

export function fusedUnrollAvailable(): boolean {
  const backend = tf.getBackend();
  return tf.getKernel(RNN_FORWARD, backend) !== undefined && tf.getKernel(RNN_GRADS, backend) !== undefined;
}

function dimsOf(input: SeqInput, w: LoopWeights, act: LoopActivation): RnnDims {
  const kind = act.kind;
  return { T: input.length, B: input.batch, I: input.inputs, N: w.V.shape[0], act: kind, perNeuron: kind === 'gamma' && act.n.rank > 0 };
}

function actInputs(act: LoopActivation): { n: tf.Tensor; s: tf.Tensor } {
  if (act.kind === 'gamma') return { n: act.n, s: act.s };
  const one = tf.ones([1]);
  return { n: one, s: one };
}

function forwardKernel(input: SeqInput, U: tf.Tensor, V: tf.Tensor, b: tf.Tensor, n: tf.Tensor, s: tf.Tensor, d: RnnDims): tf.Tensor1D {
  return tf.engine().runKernel(RNN_FORWARD, { x: input.columns, U, V, b, n, s }, d as unknown as Attrs) as tf.Tensor1D;
}

export function fusedUnroll(input: SeqInput, w: LoopWeights, act: LoopActivation, output: 'last' | 'all'): tf.Tensor2D {
  const d = dimsOf(input, w, act);
  const { T, B, I, N } = d;
  const learn = act.kind === 'gamma' && act.learn;
  const fixed = actInputs(act);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [U, V, b, nIn, sIn] = args.slice(0, learn ? 5 : 3) as tf.Tensor[];
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const n = learn ? nIn : fixed.n;
    const s = learn ? sIn : fixed.s;
    const HA = forwardKernel(input, U, V, b, n, s, d);
    const TBN = T * B * N;
    const value = output === 'last' ? tf.reshape(tf.slice(HA, [TBN - B * N], [B * N]), [B, N]) : tf.reshape(tf.slice(HA, [0], [TBN]), [T * B, N]);
    // n and s too: placeholders made here would be freed before the backward pass runs.
    save([HA, input.columns, n, s]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [HAs, columns, nS, sS] = saved;
        const attrs = { ...d, all: output === 'all' } as unknown as Attrs;
        const G = tf.engine().runKernel(RNN_GRADS, { dH: dy, HA: HAs, x: columns, V, n: nS, s: sS }, attrs) as tf.Tensor1D;
        const L = activationLength(d);
        const part = (offset: number, size: number, shape: number[]) => tf.reshape(tf.slice(G, [offset], [size]), shape);
        const grads = [part(0, I * N, [I, N]), part(I * N, N * N, [N, N]), part(I * N + N * N, N, [N])];
        if (!learn) return grads;
        const off = I * N + N * N + N;
        return [...grads, part(off, L, nS.shape), part(off + L, L, sS.shape)];
      },
    };
  });
  const ins: tf.Tensor[] = [w.U, w.V, w.b];
  if (learn && act.kind === 'gamma') ins.push(act.n, act.s);
  return op(...ins) as tf.Tensor2D;
}

/** Every h_t and a_t, time-major [T·B, N], from one forward kernel. */
export function fusedUnrollStates(input: SeqInput, w: LoopWeights, act: LoopActivation): { H: tf.Tensor2D; A: tf.Tensor2D } {
  const d = dimsOf(input, w, act);
  const { n, s } = actInputs(act);
  const HA = forwardKernel(input, w.U, w.V, w.b, n, s, d);
  const TBN = d.T * d.B * d.N;
  return {
    H: tf.reshape(tf.slice(HA, [0], [TBN]), [d.T * d.B, d.N]) as tf.Tensor2D,
    A: tf.reshape(tf.slice(HA, [TBN], [TBN]), [d.T * d.B, d.N]) as tf.Tensor2D,
  };
}

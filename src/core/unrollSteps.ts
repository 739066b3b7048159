/**
 * unroll() through the per-step kernels (stepKernelNames.ts), for a backend that registers them
 * (webgl): a time step is two kernels forward (a_t, then h_t = φ(a_t)) and two backward
 * (g_t = dH_t + dA_{t+1}·Vᵀ, then dA_t = g_t ⊙ φ′(a_t)). The per-step results are stacked into
 * the time-major matrices of the weight gradients, which are one product each (dU, dV) or one
 * column sum (db, and ∂/∂n, ∂/∂s with γ's terms computed inside the sum). Same op as unroll.ts —
 * inputs (U, V, b[, n, s]), output h_T or every h_t — so autograd around it is unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ActKind, Attrs } from './fusedNames';
import { fusedAvailable } from './fusedStep';
import { COLUMN_SUMS, STACK_ROWS, STEP_BACK, STEP_CELL, STEP_CELL_BACK, STEP_FORWARD, STEP_GAMMA_SUMS, STEP_KERNELS, STEP_LAYOUT, type CellAttrs } from './stepKernelNames';
import type { SeqInput } from './seqInput';
import type { LoopActivation, LoopWeights } from './unroll';

export function stepKernelsAvailable(): boolean {
  return fusedAvailable(STEP_KERNELS);
}

function run(name: string, inputs: tf.NamedTensorMap, attrs: object = {}): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as Attrs) as tf.Tensor;
}

/** Rows of [R_k, N] matrices stacked into one. */
function stack(parts: tf.Tensor[]): tf.Tensor2D {
  return tf.engine().runKernel(STACK_ROWS, parts as unknown as tf.NamedTensorMap, {}) as tf.Tensor2D;
}

/** t in the kernels' own layout, converted once here rather than at each step's draw. */
function laidOut(t: tf.Tensor): tf.Tensor {
  return run(STEP_LAYOUT, { x: t });
}

/** The activation as the cell kernels take it: n and s as [1, L] rows (placeholders for tanh, relu). */
interface Cell {
  attrs: CellAttrs;
  n: tf.Tensor;
  s: tf.Tensor;
}

function cellOf(act: LoopActivation, n?: tf.Tensor, s?: tf.Tensor): Cell {
  const kind: ActKind = act.kind;
  if (act.kind !== 'gamma') {
    const placeholder = laidOut(tf.ones([1, 1]));
    return { attrs: { act: kind, perNeuron: false }, n: placeholder, s: placeholder };
  }
  const nn = n ?? act.n;
  const ss = s ?? act.s;
  return { attrs: { act: kind, perNeuron: nn.rank > 0 }, n: laidOut(tf.reshape(nn, [1, -1])), s: laidOut(tf.reshape(ss, [1, -1])) };
}

/** The forward pass's operands in the kernels' layout. */
interface Operands {
  columns: tf.Tensor;
  U: tf.Tensor;
  V: tf.Tensor;
  bias: tf.Tensor;
}

function operands(input: SeqInput, U: tf.Tensor, V: tf.Tensor, b: tf.Tensor): Operands {
  return { columns: laidOut(input.columns), U: laidOut(U), V: laidOut(V), bias: laidOut(tf.reshape(b, [1, -1])) };
}

/** h_t and a_t of every step, each [B, N]. */
function forwardSteps(input: SeqInput, o: Operands, cell: Cell): { hs: tf.Tensor[]; as: tf.Tensor[] } {
  const B = input.batch;
  const { columns: x, U, V, bias } = o;
  const hs: tf.Tensor[] = [];
  const as: tf.Tensor[] = [];
  for (let t = 0; t < input.length; t++) {
    const ins: tf.NamedTensorMap = t === 0 ? { x, U, bias } : { x, U, bias, V, h: hs[t - 1] };
    const a = run(STEP_FORWARD, ins, { t, B });
    as.push(a);
    hs.push(run(STEP_CELL, { a, n: cell.n, s: cell.s }, cell.attrs));
  }
  return { hs, as };
}

export function unrollSteps(input: SeqInput, w: LoopWeights, act: LoopActivation, output: 'last' | 'all'): tf.Tensor2D {
  const T = input.length;
  const B = input.batch;
  const N = w.V.shape[0];
  const learn = act.kind === 'gamma' && act.learn;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [U, V, b, nIn, sIn] = args.slice(0, learn ? 5 : 3) as tf.Tensor[];
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const cell = cellOf(act, nIn, sIn);
    const o = operands(input, U, V, b);
    const { hs, as } = forwardSteps(input, o, cell);
    const value = output === 'last' ? hs[T - 1] : stack(hs);
    // Everything the backward pass reads goes through save(): the forward runs inside a tidy.
    save([...hs, ...as, o.columns, o.V, cell.n, cell.s]);
    return {
      value: value as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const hsS = saved.slice(0, T);
        const asS = saved.slice(T, 2 * T);
        const [columns, Vp, nS, sS] = saved.slice(2 * T);
        const c: Cell = { attrs: cell.attrs, n: nS, s: sS };
        const dH = output === 'all' ? dy : null;
        const gs: tf.Tensor[] = new Array(T);
        const dAs: tf.Tensor[] = new Array(T);
        let g = dH ? run(STEP_BACK, { dH }, { t: T - 1, B }) : tf.reshape(dy, [B, N]);
        for (let t = T - 1; t >= 0; t--) {
          gs[t] = g;
          dAs[t] = run(STEP_CELL_BACK, { g, a: asS[t], n: c.n, s: c.s }, c.attrs);
          if (t > 0) g = run(STEP_BACK, dH ? { dA: dAs[t], V: Vp, dH } : { dA: dAs[t], V: Vp }, { t: t - 1, B });
        }
        const dA = stack(dAs);
        const dU = tf.matMul(columns as tf.Tensor2D, dA);
        // h_0 … h_{T−1} as rows (h_{−1} = 0 contributes nothing); the transpose is a flag in the shader here.
        const dV = T > 1 ? tf.matMul(stack(hsS.slice(0, T - 1)), tf.slice(dA, [B, 0], [(T - 1) * B, N]), true, false) : tf.zerosLike(V);
        // The kernels leave partial sums per chunk of rows: the totals are small tfjs sums.
        const db = tf.sum(run(COLUMN_SUMS, { x: dA }), 0);
        if (!learn || !nIn || !sIn) return [dU, dV, db];
        const parts = tf.reshape(run(STEP_GAMMA_SUMS, { g: stack(gs), a: stack(asS), n: c.n, s: c.s }, c.attrs), [-1, 2, N]);
        const sums = tf.sum(parts, 0); // [2, N]: ∂/∂n, ∂/∂s per neuron
        const [dn, ds] = tf.split(c.attrs.perNeuron ? sums : tf.sum(sums, 1), 2, 0);
        return [dU, dV, db, tf.reshape(dn, nIn.shape), tf.reshape(ds, sIn.shape)];
      },
    };
  });
  const ins: tf.Tensor[] = [w.U, w.V, w.b];
  if (learn && act.kind === 'gamma') ins.push(act.n, act.s);
  return op(...ins) as tf.Tensor2D;
}

/** Every h_t and a_t, time-major [T·B, N], without a backward pass (figures, probes). */
export function unrollStepsStates(input: SeqInput, w: LoopWeights, act: LoopActivation): { H: tf.Tensor2D; A: tf.Tensor2D } {
  const { hs, as } = forwardSteps(input, operands(input, w.U, w.V, w.b), cellOf(act));
  return { H: stack(hs), A: stack(as) };
}

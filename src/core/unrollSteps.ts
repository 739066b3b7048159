/**
 * unroll() through the per-step kernels (stepKernelNames.ts), for a backend that registers them
 * (webgl): a time step is two kernels forward (a_t's product, then a_t and h_t = φ(a_t)) and two
 * backward (g_t = dH_t + dA_{t+1}·Vᵀ, then dA_t = g_t ⊙ φ′(a_t) and g_t); the weight gradients are
 * sums over a few steps per draw (blockGradients). Same op as unroll.ts — inputs (U, V, b[, n, s]),
 * output h_T or every h_t — so autograd around it is unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ActKind, Attrs } from './fusedNames';
import { fusedAvailable } from './fusedStep';
import { GAMMA_BLOCK_SUMS, GAMMA_BLOCKS, INPUT_BLOCKS, INPUT_OUTER_SUMS, MERGE_PARTS, OUTER_BLOCKS, OUTER_SUMS, STACK_ROWS, STEP_BACK, STEP_CELL, STEP_CELL_BACK, STEP_FORWARD, STEP_KERNELS, STEP_LAYOUT, type CellAttrs, type CellStepAttrs } from './stepKernelNames';
import type { SeqInput } from './seqInput';
import type { LoopActivation, LoopWeights } from './unroll';

export function stepKernelsAvailable(): boolean {
  return fusedAvailable(STEP_KERNELS);
}

/** Runs one of the step kernels by name (core never imports the backend that registers them). */
export function runStepKernel(name: string, inputs: tf.NamedTensorMap, attrs: object = {}): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs as Attrs) as tf.Tensor;
}

/** A step kernel with several outputs (a product's parts, a cell's pair). */
function runStepKernels(name: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor[] {
  const out = tf.engine().runKernel(name, inputs, attrs as Attrs) as tf.Tensor | tf.Tensor[];
  return Array.isArray(out) ? out : [out];
}

/** A cell kernel over a step product's parts (freed once read). */
function cellOver(name: string, prefix: string, parts: tf.Tensor[], rest: tf.NamedTensorMap, attrs: CellStepAttrs): tf.Tensor[] {
  const out = runStepKernels(name, { ...numbered(prefix, parts), ...rest }, attrs);
  tf.dispose(parts);
  return out;
}

/** Rows of [R_k, N] matrices stacked into one. */
function stack(parts: tf.Tensor[]): tf.Tensor2D {
  return tf.engine().runKernel(STACK_ROWS, parts as unknown as tf.NamedTensorMap, {}) as tf.Tensor2D;
}

/** t in the kernels' own layout, converted once here rather than at each step's draw. */
export function laidOut(t: tf.Tensor): tf.Tensor {
  return runStepKernel(STEP_LAYOUT, { x: t });
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
  const attrs: CellStepAttrs = { ...cell.attrs, B, N: V.shape[0] };
  const hs: tf.Tensor[] = [];
  const as: tf.Tensor[] = [];
  for (let t = 0; t < input.length; t++) {
    const ins: tf.NamedTensorMap = t === 0 ? { x, U, bias } : { x, U, bias, V, h: hs[t - 1] };
    const [a, h] = cellOver(STEP_CELL, 'a', runStepKernels(STEP_FORWARD, ins, { t, B }), { n: cell.n, s: cell.s }, attrs);
    as.push(a);
    hs.push(h);
  }
  return { hs, as };
}

/** What the backward loop leaves for the weight gradients: per-step tensors, each [B, N]. */
interface BackwardSteps {
  T: number;
  B: number;
  N: number;
  columns: tf.Tensor;
  hs: tf.Tensor[];
  as: tf.Tensor[];
  gs: tf.Tensor[];
  dAs: tf.Tensor[];
  cell: Cell;
  /** The shapes of n and s when γ learns (their gradients are returned), else null. */
  learned: { n: number[]; s: number[] } | null;
}

/** Consecutive step ranges [t0, t1) of at most `size` steps covering [from, T). */
export function stepGroups(from: number, T: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let t0 = from; t0 < T; t0 += size) out.push([t0, Math.min(T, t0 + size)]);
  return out;
}

/** The blocks as numbered kernel inputs: {prefix0: blocks[0], prefix1: blocks[1], …}. */
function numbered(prefix: string, blocks: tf.Tensor[]): tf.NamedTensorMap {
  return Object.fromEntries(blocks.map((t, j) => [`${prefix}${j}`, t]));
}

/**
 * A running sum over step groups, as the parts the sum kernels write: each draw adds its group's
 * terms to the previous draw's parts (freed once read); then the whole [R, C].
 */
function runningSum(groups: Array<[number, number]>, R: number, C: number, draw: (t0: number, t1: number, prev: tf.NamedTensorMap) => tf.Tensor[]): tf.Tensor {
  let acc: tf.Tensor[] | null = null;
  for (const [t0, t1] of groups) {
    const next: tf.Tensor[] = draw(t0, t1, acc ? numbered('prev', acc) : {});
    if (acc) tf.dispose(acc);
    acc = next;
  }
  if (!acc) throw new Error('no steps to sum');
  const whole = runStepKernel(MERGE_PARTS, numbered('p', acc), { R, C });
  tf.dispose(acc);
  return whole;
}

/**
 * dU, dV and db (and ∂/∂n, ∂/∂s when γ learns) read straight from the per-step blocks, a few
 * steps per draw: dV = Σ_t h_{t−1}ᵀ·dA_t and [dU; db] = Σ_t [x_t; 1]·dA_t as running sums, the
 * γ sums per group of steps, then added.
 */
function blockGradients(k: BackwardSteps): tf.Tensor[] {
  const { T, B, N, cell } = k;
  const I = k.columns.shape[0];
  const udb = runningSum(stepGroups(0, T, INPUT_BLOCKS), I + 1, N, (t0, t1, prev) =>
    runStepKernels(INPUT_OUTER_SUMS, { x: k.columns, ...numbered('r', k.dAs.slice(t0, t1)), ...prev }, { t: t0, B }),
  );
  // h_{−1} = 0: step 0 adds nothing to dV.
  const dV =
    T > 1
      ? runningSum(stepGroups(1, T, OUTER_BLOCKS), N, N, (t0, t1, prev) =>
          runStepKernels(OUTER_SUMS, { ...numbered('l', k.hs.slice(t0 - 1, t1 - 1)), ...numbered('r', k.dAs.slice(t0, t1)), ...prev }, {}),
        )
      : tf.zeros([N, N]);
  const weights = [tf.slice(udb, [0, 0], [I, N]), dV, tf.reshape(tf.slice(udb, [I, 0], [1, N]), [N])];
  if (!k.learned) return weights;
  const parts = stepGroups(0, T, GAMMA_BLOCKS).map(([t0, t1]) =>
    runStepKernel(GAMMA_BLOCK_SUMS, { ...numbered('g', k.gs.slice(t0, t1)), ...numbered('a', k.as.slice(t0, t1)), n: cell.n, s: cell.s }, cell.attrs),
  );
  const chunks = parts.length === 1 ? parts[0] : tf.addN(parts); // [2m, N]: m partial sums of (∂/∂n, ∂/∂s)
  const sums = tf.sum(tf.reshape(chunks, [-1, 2, N]), 0); // [2, N]: per neuron
  const [dn, ds] = tf.split(cell.attrs.perNeuron ? sums : tf.sum(sums, 1), 2, 0);
  return [...weights, tf.reshape(dn, k.learned.n), tf.reshape(ds, k.learned.s)];
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
        const attrs: CellStepAttrs = { ...c.attrs, B, N };
        const dH = output === 'all' ? dy : null;
        const gs: tf.Tensor[] = new Array(T);
        const dAs: tf.Tensor[] = new Array(T);
        // g_t arrives as a product's parts, except at the last step without a per-step read-out.
        let parts = dH ? runStepKernels(STEP_BACK, { dH }, { t: T - 1, B }) : null;
        for (let t = T - 1; t >= 0; t--) {
          const rest = { a: asS[t], n: c.n, s: c.s };
          if (parts) [dAs[t], gs[t]] = cellOver(STEP_CELL_BACK, 'g', parts, rest, attrs);
          else {
            gs[t] = tf.reshape(dy, [B, N]);
            [dAs[t]] = runStepKernels(STEP_CELL_BACK, { g: gs[t], ...rest }, attrs);
          }
          parts = t > 0 ? runStepKernels(STEP_BACK, dH ? { dA: dAs[t], V: Vp, dH } : { dA: dAs[t], V: Vp }, { t: t - 1, B }) : null;
        }
        return blockGradients({ T, B, N, columns, hs: hsS, as: asS, gs, dAs, cell: c, learned: learn && nIn && sIn ? { n: nIn.shape, s: sIn.shape } : null });
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

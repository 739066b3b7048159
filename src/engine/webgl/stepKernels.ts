/**
 * The per-step kernels of the recurrence on webgl: the products (STEP_FORWARD, STEP_BACK), which
 * write their result in parts, one render target each (splitGlsl.ts), and the cells (STEP_CELL,
 * STEP_CELL_BACK), which read the parts back and write two whole results.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { CellStepAttrs, StepAttrs } from '../../core/stepKernelNames';
import { dims2, input, numbered } from './kernelInputs';
import { passThrough, runMultiTarget, targetLimit } from './multiTarget';
import { cellBackProgram, cellForwardProgram, stepBackProgram, stepForwardProgram } from './programs';
import { partCount, splitOf, type Split } from './splitGlsl';

/** Step products write P × Q parts (splitGlsl.ts): as many as the context's render targets allow. */
let stepParts: readonly [number, number] = [2, 4];

/**
 * The parts of a step product, for tests of the layouts other devices get ([2, 2] where a draw
 * writes at most 4 targets; [1, 1] is one block per fragment).
 */
export function setWebglStepParts(P: number, Q: number): void {
  stepParts = [P, Q];
}

function stepSplit(backend: MathBackendWebGL, B: number, N: number): Split {
  const limit = targetLimit(backend);
  let [P, Q] = stepParts;
  while (P * Q > limit) if (Q > 1) Q /= 2; else P = Math.max(1, P / 2);
  return splitOf(B, N, P, Q);
}

function stepRun(backend: MathBackendWebGL, program: GPGPUProgram, split: Split, ins: tf.TensorInfo[], t: number, B: number): tf.TensorInfo[] {
  return runMultiTarget(backend, program, partCount(split), ins, [[t * B]]);
}

export const stepForward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { t, B } = attrs as unknown as StepAttrs;
  const x = input(inputs, 'x');
  const U = input(inputs, 'U');
  const recurrent = inputs.h !== undefined;
  const [I, N] = dims2(U);
  const split = stepSplit(backend as MathBackendWebGL, B, N);
  const ins = [x, U, input(inputs, 'bias'), ...(recurrent ? [input(inputs, 'V'), input(inputs, 'h')] : [])];
  return stepRun(backend as MathBackendWebGL, stepForwardProgram(I, N, B, recurrent, split), split, ins, t, B);
};

export const stepBack: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { t, B } = attrs as unknown as StepAttrs;
  const product = inputs.dA !== undefined;
  const withDH = inputs.dH !== undefined;
  if (!product && !withDH) throw new Error('step back needs dA and V, dH, or both');
  const N = dims2(product ? input(inputs, 'V') : input(inputs, 'dH'))[1];
  const split = stepSplit(backend as MathBackendWebGL, B, N);
  const ins = [...(product ? [input(inputs, 'dA'), input(inputs, 'V')] : []), ...(withDH ? [input(inputs, 'dH')] : [])];
  return stepRun(backend as MathBackendWebGL, stepBackProgram(N, B, product, withDH, split), split, ins, t, B);
};

/** {a0 …: a step product's parts, n, s} → [a, φ(a)]. */
export const cellForward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { act, perNeuron, B, N } = attrs as unknown as CellStepAttrs;
  const webgl = backend as MathBackendWebGL;
  const split = stepSplit(webgl, B, N);
  const parts = numbered(inputs, 'a');
  if (parts.length !== partCount(split)) throw new Error(`the cell reads ${partCount(split)} parts; got ${parts.length}`);
  const program = cellForwardProgram([B, N], act, perNeuron, split);
  if (split.whole) return [passThrough(webgl, parts[0]), ...runMultiTarget(webgl, program, 1, [parts[0], input(inputs, 'n'), input(inputs, 's')])];
  return runMultiTarget(webgl, program, 2, [...parts, input(inputs, 'n'), input(inputs, 's')]);
};

/** {g0 … (a step product's parts) or g, a, n, s} → [g ⊙ φ′(a), g] (or [g ⊙ φ′(a)] for a whole g). */
export const cellBack: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { act, perNeuron, B, N } = attrs as unknown as CellStepAttrs;
  const webgl = backend as MathBackendWebGL;
  const whole = inputs.g !== undefined;
  const split = whole ? null : stepSplit(webgl, B, N);
  const g = whole ? [input(inputs, 'g')] : numbered(inputs, 'g');
  if (split && g.length !== partCount(split)) throw new Error(`the cell reads ${partCount(split)} parts; got ${g.length}`);
  const ins = [...g, input(inputs, 'a'), input(inputs, 'n'), input(inputs, 's')];
  const program = cellBackProgram([B, N], act, perNeuron, split);
  if (split?.whole) return [...runMultiTarget(webgl, program, 1, ins), passThrough(webgl, g[0])];
  return runMultiTarget(webgl, program, whole ? 1 : 2, ins);
};

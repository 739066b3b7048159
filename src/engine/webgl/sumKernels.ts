/**
 * The weight-gradient sums on webgl (OUTER_SUMS, INPUT_OUTER_SUMS, MERGE_PARTS, GAMMA_BLOCK_SUMS):
 * a few steps a draw read straight from the per-step blocks, the products in 2 × 2 parts.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { CellAttrs, StepAttrs } from '../../core/stepKernelNames';
import { dims2, input, numbered } from './kernelInputs';
import { passThrough, runMultiTarget, targetLimit } from './multiTarget';
import { gammaBlockSumsProgram, inputOuterSumsProgram, mergePartsProgram, outerSumsProgram } from './programs';
import { partCount, splitOf, type Split } from './splitGlsl';

/** The running sum's parts, when given (prev0, prev1, …). */
function withPrev(inputs: tf.NamedTensorInfoMap): tf.TensorInfo[] {
  return inputs.prev0 !== undefined ? numbered(inputs, 'prev') : [];
}

/** The weight-gradient sums write 2 × 2 parts: with the running sum's 4, a draw then samples ≤ 16. */
function sumsSplit(backend: MathBackendWebGL, R: number, C: number): Split {
  const s = splitOf(R, C, 2, 2);
  if (targetLimit(backend) < partCount(s)) throw new Error('the weight-gradient sums need 4 render targets');
  return s;
}

function checkPrev(prev: tf.TensorInfo[], split: Split): void {
  if (prev.length > 0 && prev.length !== partCount(split)) throw new Error(`the running sum has ${partCount(split)} parts; got ${prev.length}`);
}

export const outerSums: tf.KernelFunc = ({ inputs, backend }) => {
  const webgl = backend as MathBackendWebGL;
  const l = numbered(inputs, 'l');
  const r = numbered(inputs, 'r');
  if (l.length !== r.length) throw new Error(`outer sums pair blocks: ${l.length} left, ${r.length} right`);
  const [B, M] = dims2(l[0]);
  const N = dims2(r[0])[1];
  const split = sumsSplit(webgl, M, N);
  const prev = withPrev(inputs);
  checkPrev(prev, split);
  return runMultiTarget(webgl, outerSumsProgram(l.length, B, M, N, split, prev.length > 0), partCount(split), [...l, ...r, ...prev]);
};

export const inputOuterSums: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { t, B } = attrs as unknown as StepAttrs;
  const webgl = backend as MathBackendWebGL;
  const x = input(inputs, 'x');
  const r = numbered(inputs, 'r');
  const I = dims2(x)[0];
  const N = dims2(r[0])[1];
  const split = sumsSplit(webgl, I + 1, N);
  const prev = withPrev(inputs);
  checkPrev(prev, split);
  const program = inputOuterSumsProgram(r.length, B, I, N, split, prev.length > 0);
  return runMultiTarget(webgl, program, partCount(split), [x, ...r, ...prev], [[t * B]]);
};

/** {p0 …: the sums' parts}, {R, C} → the whole [R, C]. */
export const mergeParts: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { R, C } = attrs as unknown as { R: number; C: number };
  const webgl = backend as MathBackendWebGL;
  const split = sumsSplit(webgl, R, C);
  const parts = numbered(inputs, 'p');
  checkPrev(parts, split);
  if (split.whole) return passThrough(webgl, parts[0]);
  return webgl.runWebGLProgram(mergePartsProgram(R, C, split), parts, 'float32');
};

/** Chunks of the batch the γ sums split their rows into (rows of fragments). */
const GAMMA_CHUNKS = 8;

export const gammaBlockSums: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { perNeuron } = attrs as unknown as CellAttrs;
  const g = numbered(inputs, 'g');
  const a = numbered(inputs, 'a');
  const [B, N] = dims2(g[0]);
  const m = Math.min(GAMMA_CHUNKS, Math.ceil(B / 2));
  const ins = [...g, ...a, input(inputs, 'n'), input(inputs, 's')];
  return (backend as MathBackendWebGL).runWebGLProgram(gammaBlockSumsProgram(g.length, B, N, perNeuron, m), ins, 'float32');
};

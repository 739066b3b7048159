/**
 * Registers the per-step recurrent kernels (core/stepKernelNames.ts) for the 'webgl' backend: two
 * packed draws per time step each way, where the op-by-op loop issued ~16 kernels per step plus
 * the packing and unpacking tfjs inserts between its packed products and unpacked element-wise
 * ops. core/unrollSteps.ts calls them when tf.getKernel finds them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setKernelsEnabled, takeInputs } from '../kernelConfigs';
import { FLAT_ADAM_DELTA, FLAT_ADAM_MOMENT, FLAT_APPLY, FLAT_GATHER, GAMMA_BLOCK_SUMS, INPUT_OUTER_SUMS, LOSS_GRAD, MERGE_PARTS, LOSS_ROWS, OUTER_SUMS, STACK_ROWS, STEP_BACK, STEP_CELL, STEP_CELL_BACK, STEP_FORWARD, STEP_LAYOUT, type CellAttrs, type CellStepAttrs, type FlatSlot, type StepAttrs } from '../../core/stepKernelNames';
import { adamDeltaProgram, adamMomentProgram, cellBackProgram, cellForwardProgram, flatApplyProgram, flatGatherProgram, gammaBlockSumsProgram, inputOuterSumsProgram, lossGradProgram, lossRowsProgram, mergePartsProgram, outerSumsProgram, stackRowsProgram, stepBackProgram, stepForwardProgram } from './programs';
import { maxTargets, runMultiTarget } from './multiTarget';
import { uploadPacked } from './packedUpload';
import { partCount, splitOf, type Split } from './splitGlsl';

const BACKEND = 'webgl';

function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  return takeInputs(inputs, 'step kernel', name)[0];
}

function dims2(t: tf.TensorInfo): [number, number] {
  if (t.shape.length !== 2) throw new Error(`step kernels take matrices; got shape [${t.shape.join(', ')}]`);
  return [t.shape[0], t.shape[1]];
}

/** Step products write P × Q parts (splitGlsl.ts): as many as the context's render targets allow. */
let stepParts: readonly [number, number] = [2, 4];

/**
 * The parts of a step product, for tests of the layouts other devices get ([2, 2] where a draw
 * writes at most 4 targets; [1, 1] is one block per fragment).
 */
export function setWebglStepParts(P: number, Q: number): void {
  stepParts = [P, Q];
}

const targetLimits = new WeakMap<MathBackendWebGL, number>();

function stepSplit(backend: MathBackendWebGL, B: number, N: number): Split {
  let limit = targetLimits.get(backend);
  if (limit === undefined) targetLimits.set(backend, (limit = maxTargets(backend)));
  let [P, Q] = stepParts;
  while (P * Q > limit) if (Q > 1) Q /= 2; else P = Math.max(1, P / 2);
  return splitOf(B, N, P, Q);
}

function stepRun(backend: MathBackendWebGL, program: GPGPUProgram, split: Split, ins: tf.TensorInfo[], t: number, B: number): tf.TensorInfo[] {
  return runMultiTarget(backend, program, partCount(split), ins, [[t * B]]);
}

const stepForward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { t, B } = attrs as unknown as StepAttrs;
  const x = input(inputs, 'x');
  const U = input(inputs, 'U');
  const recurrent = inputs.h !== undefined;
  const [I, N] = dims2(U);
  const split = stepSplit(backend as MathBackendWebGL, B, N);
  const ins = [x, U, input(inputs, 'bias'), ...(recurrent ? [input(inputs, 'V'), input(inputs, 'h')] : [])];
  return stepRun(backend as MathBackendWebGL, stepForwardProgram(I, N, B, recurrent, split), split, ins, t, B);
};

const stepBack: tf.KernelFunc = ({ inputs, backend, attrs }) => {
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
const cellForward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { act, perNeuron, B, N } = attrs as unknown as CellStepAttrs;
  const webgl = backend as MathBackendWebGL;
  const split = stepSplit(webgl, B, N);
  const ins = [...numbered(inputs, 'a'), input(inputs, 'n'), input(inputs, 's')];
  if (ins.length !== partCount(split) + 2) throw new Error(`the cell reads ${partCount(split)} parts; got ${ins.length - 2}`);
  return runMultiTarget(webgl, cellForwardProgram([B, N], act, perNeuron, split), 2, ins);
};

/** {g0 … (a step product's parts) or g, a, n, s} → [g ⊙ φ′(a), g] (or [g ⊙ φ′(a)] for a whole g). */
const cellBack: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { act, perNeuron, B, N } = attrs as unknown as CellStepAttrs;
  const webgl = backend as MathBackendWebGL;
  const whole = inputs.g !== undefined;
  const split = whole ? null : stepSplit(webgl, B, N);
  const g = whole ? [input(inputs, 'g')] : numbered(inputs, 'g');
  if (split && g.length !== partCount(split)) throw new Error(`the cell reads ${partCount(split)} parts; got ${g.length}`);
  const ins = [...g, input(inputs, 'a'), input(inputs, 'n'), input(inputs, 's')];
  return runMultiTarget(webgl, cellBackProgram([B, N], act, perNeuron, split), whole ? 1 : 2, ins);
};

/** Inputs named prefix0, prefix1, … in order. */
function numbered(inputs: tf.NamedTensorInfoMap, prefix: string): tf.TensorInfo[] {
  const out: tf.TensorInfo[] = [];
  while (inputs[`${prefix}${out.length}`] !== undefined) out.push(input(inputs, `${prefix}${out.length}`));
  if (out.length === 0) throw new Error(`block sums need ${prefix}0`);
  return out;
}

/** The running sum's parts, when given (prev0, prev1, …). */
function withPrev(inputs: tf.NamedTensorInfoMap): tf.TensorInfo[] {
  return inputs.prev0 !== undefined ? numbered(inputs, 'prev') : [];
}

/** The weight-gradient sums write 2 × 2 parts: with the running sum's 4, a draw then samples ≤ 16. */
function sumsSplit(backend: MathBackendWebGL, R: number, C: number): Split {
  const s = splitOf(R, C, 2, 2);
  if (maxTargets(backend) < partCount(s)) throw new Error('the weight-gradient sums need 4 render targets');
  return s;
}

function checkPrev(prev: tf.TensorInfo[], split: Split): void {
  if (prev.length > 0 && prev.length !== partCount(split)) throw new Error(`the running sum has ${partCount(split)} parts; got ${prev.length}`);
}

const outerSums: tf.KernelFunc = ({ inputs, backend }) => {
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

const inputOuterSums: tf.KernelFunc = ({ inputs, backend, attrs }) => {
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
const mergeParts: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { R, C } = attrs as unknown as { R: number; C: number };
  const webgl = backend as MathBackendWebGL;
  const split = sumsSplit(webgl, R, C);
  const parts = numbered(inputs, 'p');
  checkPrev(parts, split);
  return webgl.runWebGLProgram(mergePartsProgram(R, C, split), parts, 'float32');
};

/** Chunks of the batch the γ sums split their rows into (rows of fragments). */
const GAMMA_CHUNKS = 8;

const gammaBlockSums: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { perNeuron } = attrs as unknown as CellAttrs;
  const g = numbered(inputs, 'g');
  const a = numbered(inputs, 'a');
  const [B, N] = dims2(g[0]);
  const m = Math.min(GAMMA_CHUNKS, Math.ceil(B / 2));
  const ins = [...g, ...a, input(inputs, 'n'), input(inputs, 's')];
  return (backend as MathBackendWebGL).runWebGLProgram(gammaBlockSumsProgram(g.length, B, N, perNeuron, m), ins, 'float32');
};

/** Texture units a draw may sample; tfjs's own limit for the backend. */
function maxInputs(): number {
  return Math.max(2, Math.min(16, tf.env().getNumber('WEBGL_MAX_TEXTURES_IN_SHADER')));
}

const stackRows: tf.KernelFunc = ({ inputs, backend }) => {
  const webgl = backend as MathBackendWebGL;
  const run = (parts: tf.TensorInfo[]) => webgl.runWebGLProgram(stackRowsProgram(parts.map((p) => dims2(p)[0]), dims2(parts[0])[1]), parts, 'float32');
  let level = Object.values(inputs) as tf.TensorInfo[];
  if (level.length === 0) throw new Error('nothing to stack');
  let intermediates: tf.TensorInfo[] = [];
  const k = maxInputs();
  // Groups of at most k per draw, then the groups' results, until one remains.
  do {
    const next: tf.TensorInfo[] = [];
    for (let i = 0; i < level.length; i += k) next.push(run(level.slice(i, i + k)));
    intermediates.forEach((t) => webgl.disposeIntermediateTensorInfo(t));
    intermediates = next;
    level = next;
  } while (level.length > 1);
  return level[0];
};

/** x packed once: tfjs would pack an unpacked input (an upload, a variable) at every draw reading it. */
const layout: tf.KernelFunc = ({ inputs, backend }) => {
  const x = input(inputs, 'x');
  const webgl = backend as MathBackendWebGL;
  const d = webgl.texData.get(x.dataId);
  if (!d.isPacked) {
    // Not on the GPU yet (a batch's input): packed on the CPU and uploaded without a draw.
    const uploaded = uploadPacked(webgl, x);
    if (uploaded) return uploaded;
    if (d.texture != null || d.values == null || d.texShape != null) return webgl.packTensor(x);
    // Otherwise tfjs uploads it as packed blocks in one draw, where uploading and then packing
    // took two (≈ 6 ms for row-sMNIST's [28, 896]).
    d.isPacked = true;
  }
  webgl.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

function flatLength(t: tf.TensorInfo): number {
  if (t.shape.length !== 1) throw new Error(`Adam's kernels take flat vectors; got shape [${t.shape.join(', ')}]`);
  return t.shape[0];
}

const adamMoment: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { beta, clip, square } = attrs as unknown as { beta: number; clip: number; square: boolean };
  const [g, m, norm] = takeInputs(inputs, 'Adam moment', 'g', 'm', 'norm');
  return (backend as MathBackendWebGL).runWebGLProgram(adamMomentProgram(flatLength(g), square), [g, m, norm], 'float32', [[beta], [clip]]);
};

const adamDelta: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { alpha, epsHat } = attrs as unknown as { alpha: number; epsHat: number };
  const [m, v, scale] = takeInputs(inputs, 'Adam delta', 'm', 'v', 'scale');
  return (backend as MathBackendWebGL).runWebGLProgram(adamDeltaProgram(flatLength(m)), [m, v, scale], 'float32', [[alpha], [epsHat]]);
};

const flatGather: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { slots, P } = attrs as unknown as { slots: FlatSlot[]; P: number };
  const parts = slots.filter((sl) => sl.input).map((_, k) => input(inputs, `p${k}`));
  return (backend as MathBackendWebGL).runWebGLProgram(flatGatherProgram(slots, P), parts, 'float32');
};

const flatApply: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { offset } = attrs as unknown as { offset: number };
  const [x, delta] = takeInputs(inputs, 'flat apply', 'x', 'delta');
  const [rows, cols] = dims2(x);
  flatLength(delta);
  return (backend as MathBackendWebGL).runWebGLProgram(flatApplyProgram(rows, cols), [x, delta], 'float32', [[offset]]);
};

const lossRows: tf.KernelFunc = ({ inputs, backend }) => {
  const [logits, y] = takeInputs(inputs, 'loss rows', 'logits', 'y');
  const [R, C] = dims2(logits);
  return (backend as MathBackendWebGL).runWebGLProgram(lossRowsProgram(R, C), [logits, y], 'float32');
};

const lossGrad: tf.KernelFunc = ({ inputs, backend }) => {
  const [logits, y, scale] = takeInputs(inputs, 'loss gradient', 'logits', 'y', 'scale');
  const [R, C] = dims2(logits);
  return (backend as MathBackendWebGL).runWebGLProgram(lossGradProgram(R, C), [logits, y, scale], 'float32');
};

const KERNELS: tf.KernelConfig[] = (
  [
    [STEP_FORWARD, stepForward],
    [STEP_BACK, stepBack],
    [STEP_CELL, cellForward],
    [STEP_CELL_BACK, cellBack],
    [OUTER_SUMS, outerSums],
    [INPUT_OUTER_SUMS, inputOuterSums],
    [GAMMA_BLOCK_SUMS, gammaBlockSums],
    [MERGE_PARTS, mergeParts],
    [STACK_ROWS, stackRows],
    [STEP_LAYOUT, layout],
    [FLAT_ADAM_MOMENT, adamMoment],
    [FLAT_ADAM_DELTA, adamDelta],
    [FLAT_GATHER, flatGather],
    [FLAT_APPLY, flatApply],
    [LOSS_ROWS, lossRows],
    [LOSS_GRAD, lossGrad],
  ] as const
).map(([kernelName, kernelFunc]) => ({ kernelName, backendName: BACKEND, kernelFunc }));

/**
 * Registers (or, for the benchmark's op-by-op comparison, unregisters) the step kernels; core then
 * takes the op-by-op loop on webgl too.
 */
export function setWebglStepKernelsEnabled(on: boolean): void {
  setKernelsEnabled(KERNELS, on);
}

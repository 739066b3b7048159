/**
 * Registers the per-step recurrent kernels (core/stepKernelNames.ts) for the 'webgl' backend: two
 * packed draws per time step each way, where the op-by-op loop issued ~16 kernels per step plus
 * the packing and unpacking tfjs inserts between its packed products and unpacked element-wise
 * ops. core/unrollSteps.ts calls them when tf.getKernel finds them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setKernelsEnabled, takeInputs } from '../kernelConfigs';
import { FLAT_ADAM_DELTA, FLAT_ADAM_MOMENT, FLAT_APPLY, FLAT_GATHER, GAMMA_BLOCK_SUMS, INPUT_OUTER_SUMS, LOSS_GRAD, LOSS_ROWS, OUTER_SUMS, STACK_ROWS, STEP_BACK, STEP_CELL, STEP_CELL_BACK, STEP_FORWARD, STEP_LAYOUT, type CellAttrs, type FlatSlot, type StepAttrs } from '../../core/stepKernelNames';
import { adamDeltaProgram, adamMomentProgram } from './adamPrograms';
import { cellProgram, type CellOutput } from './cellPrograms';
import { flatApplyProgram, flatGatherProgram } from './flatPrograms';
import { lossGradProgram, lossRowsProgram } from './lossPrograms';
import { stackRowsProgram } from './stackProgram';
import { gammaBlockSumsProgram, inputOuterSumsProgram, outerSumsProgram } from './outerSumsPrograms';
import { stepBackProgram, stepForwardProgram } from './stepPrograms';

const BACKEND = 'webgl';

function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  return takeInputs(inputs, 'step kernel', name)[0];
}

function dims2(t: tf.TensorInfo): [number, number] {
  if (t.shape.length !== 2) throw new Error(`step kernels take matrices; got shape [${t.shape.join(', ')}]`);
  return [t.shape[0], t.shape[1]];
}

const stepForward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { t, B } = attrs as unknown as StepAttrs;
  const x = input(inputs, 'x');
  const U = input(inputs, 'U');
  const recurrent = inputs.h !== undefined;
  const [I, N] = dims2(U);
  const ins = [x, U, input(inputs, 'bias'), ...(recurrent ? [input(inputs, 'V'), input(inputs, 'h')] : [])];
  return (backend as MathBackendWebGL).runWebGLProgram(stepForwardProgram(I, N, B, recurrent), ins, 'float32', [[t * B]]);
};

const stepBack: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { t, B } = attrs as unknown as StepAttrs;
  const product = inputs.dA !== undefined;
  const withDH = inputs.dH !== undefined;
  if (!product && !withDH) throw new Error('step back needs dA and V, dH, or both');
  const N = dims2(product ? input(inputs, 'V') : input(inputs, 'dH'))[1];
  const ins = [...(product ? [input(inputs, 'dA'), input(inputs, 'V')] : []), ...(withDH ? [input(inputs, 'dH')] : [])];
  return (backend as MathBackendWebGL).runWebGLProgram(stepBackProgram(N, B, product, withDH), ins, 'float32', [[t * B]]);
};

function cell(out: CellOutput): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { act, perNeuron } = attrs as unknown as CellAttrs;
    const a = input(inputs, 'a');
    const ins = [a, input(inputs, 'n'), input(inputs, 's'), ...(out === 'h' ? [] : [input(inputs, 'g')])];
    return (backend as MathBackendWebGL).runWebGLProgram(cellProgram(dims2(a), act, perNeuron, out), ins, 'float32');
  };
}

/** Inputs named prefix0, prefix1, … in order. */
function numbered(inputs: tf.NamedTensorInfoMap, prefix: string): tf.TensorInfo[] {
  const out: tf.TensorInfo[] = [];
  while (inputs[`${prefix}${out.length}`] !== undefined) out.push(input(inputs, `${prefix}${out.length}`));
  if (out.length === 0) throw new Error(`block sums need ${prefix}0`);
  return out;
}

function withPrev(inputs: tf.NamedTensorInfoMap): tf.TensorInfo[] {
  return inputs.prev !== undefined ? [input(inputs, 'prev')] : [];
}

const outerSums: tf.KernelFunc = ({ inputs, backend }) => {
  const l = numbered(inputs, 'l');
  const r = numbered(inputs, 'r');
  if (l.length !== r.length) throw new Error(`outer sums pair blocks: ${l.length} left, ${r.length} right`);
  const [B, M] = dims2(l[0]);
  const N = dims2(r[0])[1];
  const prev = withPrev(inputs);
  return (backend as MathBackendWebGL).runWebGLProgram(outerSumsProgram(l.length, B, M, N, prev.length > 0), [...l, ...r, ...prev], 'float32');
};

const inputOuterSums: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { t, B } = attrs as unknown as StepAttrs;
  const x = input(inputs, 'x');
  const r = numbered(inputs, 'r');
  const I = dims2(x)[0];
  const N = dims2(r[0])[1];
  const prev = withPrev(inputs);
  const program = inputOuterSumsProgram(r.length, B, I, N, prev.length > 0);
  return (backend as MathBackendWebGL).runWebGLProgram(program, [x, ...r, ...prev], 'float32', [[t * B]]);
};

const gammaBlockSums: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { perNeuron } = attrs as unknown as CellAttrs;
  const g = numbered(inputs, 'g');
  const a = numbered(inputs, 'a');
  const [B, N] = dims2(g[0]);
  const ins = [...g, ...a, input(inputs, 'n'), input(inputs, 's')];
  return (backend as MathBackendWebGL).runWebGLProgram(gammaBlockSumsProgram(g.length, B, N, perNeuron), ins, 'float32');
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
    if (d.texture != null || d.values == null || d.texShape != null) return webgl.packTensor(x);
    // Not on the GPU yet (a batch's input): tfjs then uploads it as packed blocks in one draw,
    // where uploading and then packing took two (≈ 6 ms for row-sMNIST's [28, 896]).
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
    [STEP_CELL, cell('h')],
    [STEP_CELL_BACK, cell('prime')],
    [OUTER_SUMS, outerSums],
    [INPUT_OUTER_SUMS, inputOuterSums],
    [GAMMA_BLOCK_SUMS, gammaBlockSums],
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

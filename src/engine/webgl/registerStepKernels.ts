/**
 * Registers the per-step recurrent kernels (core/stepKernelNames.ts) for the 'webgl' backend: two
 * packed draws per time step each way (stepKernels.ts), where the op-by-op loop issued ~16 kernels
 * per step plus the packing and unpacking tfjs inserts between its packed products and unpacked
 * element-wise ops; the weight-gradient sums (sumKernels.ts); and here the layout, stacking, loss,
 * flat-gradient and Adam kernels. core/unrollSteps.ts calls them when tf.getKernel finds them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setKernelsEnabled, takeInputs } from '../kernelConfigs';
import { FLAT_ADAM_DELTA, FLAT_ADAM_MOMENT, FLAT_APPLY, FLAT_GATHER, GAMMA_BLOCK_SUMS, INPUT_OUTER_SUMS, LOSS_GRAD, MERGE_PARTS, LOSS_ROWS, OUTER_SUMS, STACK_ROWS, STEP_BACK, STEP_CELL, STEP_CELL_BACK, STEP_FORWARD, STEP_LAYOUT, type FlatSlot } from '../../core/stepKernelNames';
import { dims2, input } from './kernelInputs';
import { passThrough } from './multiTarget';
import { uploadPacked } from './packedUpload';
import { adamDeltaProgram, adamMomentProgram, flatApplyProgram, flatGatherProgram, lossGradProgram, lossRowsProgram, stackRowsProgram } from './programs';
import { cellBack, cellForward, stepBack, stepForward } from './stepKernels';
import { gammaBlockSums, inputOuterSums, mergeParts, outerSums } from './sumKernels';

export { setWebglStepParts } from './stepKernels';

const BACKEND = 'webgl';

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
  return passThrough(webgl, x);
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

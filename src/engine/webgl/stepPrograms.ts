/**
 * The two per-step products of the recurrence as packed WebGL programs (one draw each, its result
 * in the parts of a Split, one render target each: splitGlsl.ts):
 *   forward   a_t = x_tᵀ·U + h_{t−1}·V + b     (x_t: columns t·B … t·B + B − 1 of the [I, T·B] input)
 *   backward  g_t = dH_t + dA_{t+1}·Vᵀ          (dH_t: rows t·B … of the time-major [T·B, N] gradient)
 * t·B is a uniform (`q0`), so one compiled program serves every step; I, N, B and the split are
 * baked in. Blocks past B or N are left unmasked in parts (the cell programs, which read the parts,
 * drop them) and zeroed in a whole result (writeParts).
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { extraOutputs } from './multiTarget';
import { colsAt, packedProgram, rowsAt } from './packedGlsl';
import { accumulateSplitProduct, addAtParts, indexed, partCount, splitAccumulators, stepped, writeParts, type Split } from './splitGlsl';

type UniformList = NonNullable<GPGPUProgram['customUniforms']>;
const STEP_UNIFORM: UniformList = [{ name: 'q0', type: 'int' }];

function splitProgram(variableNames: string[], split: Split, body: string, helpers = ''): GPGPUProgram {
  const code = `
${extraOutputs(partCount(split))}
${helpers}
void main() {
  ivec2 rc = getOutputCoords();
  ${splitAccumulators(split)}
  ${body}
  ${writeParts(split)}
}`;
  return packedProgram(variableNames, [split.partRows, split.partCols], code, STEP_UNIFORM);
}

/** `recurrent`: whether h_{t−1} and V are inputs (not at t = 0, where h_{−1} = 0). */
export function stepForwardProgram(I: number, N: number, B: number, recurrent: boolean, split: Split): GPGPUProgram {
  // x is stored transposed ([I, T·B]): its block at (i, q) is (x[i][q], x[i][q+1], x[i+1][q], …),
  // i.e. rows q, q + 1 of xᵀ interleaved; the swizzle .xzyw puts it in A's order.
  const xPart = accumulateSplitProduct(I, split, indexed((k, row) => `colsAt_x(${k}, q0 + ${row}).xzyw`), stepped('U', I, N, 'rows'));
  const hPart = recurrent ? accumulateSplitProduct(N, split, stepped('h', B, N, 'cols'), stepped('V', N, N, 'rows')) : '';
  const body = `${xPart}
  ${hPart}
  ${addAtParts(split, (_, col) => `getBias(0, ${col}).xyxy`)}`;
  return splitProgram(recurrent ? ['x', 'U', 'bias', 'V', 'h'] : ['x', 'U', 'bias'], split, body, colsAt('x'));
}

/** `product`: dA_{t+1}·Vᵀ (absent at the last step); `withDH`: a read-out at every step. */
export function stepBackProgram(N: number, B: number, product: boolean, withDH: boolean, split: Split): GPGPUProgram {
  // Vᵀ's block at (k, c) is V's block at (c, k) transposed: .xzyw.
  const prod = product ? accumulateSplitProduct(N, split, stepped('dA', B, N, 'cols'), stepped('V', N, N, 'cols', '.xzyw')) : '';
  const body = `${prod}
  ${withDH ? addAtParts(split, (row, col) => `rowsAt_dH(q0 + ${row}, ${col})`) : ''}`;
  return splitProgram([...(product ? ['dA', 'V'] : []), ...(withDH ? ['dH'] : [])], split, body, withDH ? rowsAt('dH') : '');
}

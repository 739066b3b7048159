/**
 * The two per-step products of the recurrence as packed WebGL programs (one draw each):
 *   forward   a_t = x_tᵀ·U + h_{t−1}·V + b     (x_t: columns t·B … t·B + B − 1 of the [I, T·B] input)
 *   backward  g_t = dH_t + dA_{t+1}·Vᵀ          (dH_t: rows t·B … of the time-major [T·B, N] gradient)
 * t·B is a uniform (`q0`), so one compiled program serves every step; I, N and B are baked in.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { accumulateProduct, colsAt, maskOutside, packedProgram, rowsAt } from './packedGlsl';

type UniformList = NonNullable<GPGPUProgram['customUniforms']>;
const STEP_UNIFORM: UniformList = [{ name: 'q0', type: 'int' }];

/** `recurrent`: whether h_{t−1} and V are inputs (not at t = 0, where h_{−1} = 0). */
export function stepForwardProgram(I: number, N: number, B: number, recurrent: boolean): GPGPUProgram {
  // x is stored transposed ([I, T·B]): its block at (i, q) is (x[i][q], x[i][q+1], x[i+1][q], …),
  // i.e. rows q, q + 1 of xᵀ interleaved; the swizzle .xzyw puts it in A's order.
  const xPart = accumulateProduct(I, (k) => `colsAt_x(${k}, q).xzyw`, (k) => `getU(${k}, rc.y)`);
  const hPart = recurrent ? accumulateProduct(N, (k) => `getH(rc.x, ${k})`, (k) => `getV(${k}, rc.y)`) : '';
  const code = `
${colsAt('x')}
void main() {
  ivec2 rc = getOutputCoords();
  int q = q0 + rc.x;
  vec4 acc = vec4(0.0);
  ${xPart}
  ${hPart}
  acc += getBias(0, rc.y).xyxy;
  ${maskOutside('acc', B, N)}
  setOutput(acc);
}`;
  return packedProgram(recurrent ? ['x', 'U', 'bias', 'V', 'h'] : ['x', 'U', 'bias'], [B, N], code, STEP_UNIFORM);
}

/** `product`: dA_{t+1}·Vᵀ (absent at the last step); `withDH`: a read-out at every step. */
export function stepBackProgram(N: number, B: number, product: boolean, withDH: boolean): GPGPUProgram {
  // Vᵀ's block at (k, c) is V's block at (c, k) transposed: .xzyw.
  const prod = product ? accumulateProduct(N, (k) => `getDA(rc.x, ${k})`, (k) => `getV(rc.y, ${k}).xzyw`) : '';
  const code = `
${withDH ? rowsAt('dH') : ''}
void main() {
  ivec2 rc = getOutputCoords();
  vec4 acc = vec4(0.0);
  ${prod}
  ${withDH ? 'acc += rowsAt_dH(q0 + rc.x, rc.y);' : ''}
  ${maskOutside('acc', B, N)}
  setOutput(acc);
}`;
  return packedProgram([...(product ? ['dA', 'V'] : []), ...(withDH ? ['dH'] : [])], [B, N], code, STEP_UNIFORM);
}

/**
 * The weight gradients as sums over a few time steps per draw, read straight from the per-step
 * [B, ·] blocks of the backward pass (stepKernelNames.ts: OUTER_SUMS, INPUT_OUTER_SUMS,
 * GAMMA_BLOCK_SUMS). Stacking the blocks into time-major matrices first cost a copy of every
 * block, twice past 16 blocks (a draw samples at most 16 textures), and a product over the
 * stacks reads one operand down its columns: at psMNIST-14, N = 256, the four stacks took
 * ≈ 170 ms a step and dV = Hᵀ·dA 278 ms.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { activationGlsl } from './activationGlsl';
import { accumulateProduct, activationParam, colsAt, maskOutside, packedProgram, sampler } from './packedGlsl';

// The draw's own terms are summed first, then added to the running sum: a float32 sum in chunks of
// a draw's rows, not one running sum over all T·B rows (psMNIST-28: 25,088).
const PREV = 'acc += getPrev(rc.x, rc.y);';

const names = (prefix: string, k: number) => Array.from({ length: k }, (_, j) => `${prefix}${j}`);

/** prev + Σ_j l_jᵀ·r_j over k pairs of [B, M] and [B, N] blocks → [M, N]. */
export function outerSumsProgram(k: number, B: number, M: number, N: number, withPrev: boolean): GPGPUProgram {
  // l_jᵀ's block at (m, b) is l_j's block at (b, m) transposed: .xzyw.
  const parts = names('l', k).map((l, j) => accumulateProduct(B, (b) => `${sampler(l)}(${b}, rc.x).xzyw`, (b) => `${sampler(`r${j}`)}(${b}, rc.y)`));
  const code = `
void main() {
  ivec2 rc = getOutputCoords();
  vec4 acc = vec4(0.0);
  ${parts.join('\n  ')}
  ${withPrev ? PREV : ''}
  ${maskOutside('acc', M, N)}
  setOutput(acc);
}`;
  return packedProgram([...names('l', k), ...names('r', k), ...(withPrev ? ['prev'] : [])], [M, N], code);
}

/**
 * prev + Σ_j [x_jᵀ; 1]ᵀ·r_j → [I + 1, N], where x_j is columns q0 + j·B … of the [I, T·B] input
 * (q0 = t·B, a uniform): rows 0 … I − 1 are ∂L/∂U's terms, row I ∂L/∂b's (the column sums).
 */
export function inputOuterSumsProgram(k: number, B: number, I: number, N: number, withPrev: boolean): GPGPUProgram {
  // The block of [x; 1] at rows rc.x, rc.x + 1 and columns q, q + 1 (x's block at (i, q) is already
  // in A's order); the row of ones is row I.
  const left = `
vec4 leftAt(int i, int q) {
  if (i == ${I}) return vec4(1.0, 1.0, 0.0, 0.0);
  vec4 v = colsAt_x(i, q);
  return i + 1 == ${I} ? vec4(v.xy, 1.0, 1.0) : v;
}`;
  const parts = names('r', k).map((r, j) => accumulateProduct(B, (b) => `leftAt(rc.x, q0 + ${j * B} + ${b})`, (b) => `${sampler(r)}(${b}, rc.y)`));
  const code = `
${colsAt('x')}
${left}
void main() {
  ivec2 rc = getOutputCoords();
  vec4 acc = vec4(0.0);
  ${parts.join('\n  ')}
  ${withPrev ? PREV : ''}
  ${maskOutside('acc', I + 1, N)}
  setOutput(acc);
}`;
  return packedProgram(['x', ...names('r', k), ...(withPrev ? ['prev'] : [])], [I + 1, N], code, [{ name: 'q0', type: 'int' }]);
}

/**
 * Σ_j Σ_b of g_j ⊙ ∂γ/∂n(a_j) (row 0) and g_j ⊙ ∂γ/∂s(a_j) (row 1) over k pairs of [B, N] blocks
 * → [2, N], per neuron even when n and s are shared. γ's terms are never stored.
 */
export function gammaBlockSumsProgram(k: number, B: number, N: number, perNeuron: boolean): GPGPUProgram {
  // Block order (x, y, z, w) = (b, c), (b, c + 1), (b + 1, c), (b + 1, c + 1): a pair of rows adds
  // .xy + .zw; an odd B's last block holds one row.
  const parts = names('g', k).map(
    (g, j) => `for (int b = 0; b < ${B}; b += 2) {
    vec4 v = ${sampler(g)}(b, rc.y);
    if (b + 1 >= ${B}) v.zw = vec2(0.0);
    ArAct o = ar_act(${sampler(`a${j}`)}(b, rc.y), n, s);
    vec4 tn = v * o.dn;
    vec4 ts = v * o.ds;
    acc += vec4(tn.xy + tn.zw, ts.xy + ts.zw);
  }`,
  );
  const code = `
${activationGlsl('gamma')}
void main() {
  ivec2 rc = getOutputCoords();
  vec4 n = ${activationParam('n', perNeuron)};
  vec4 s = ${activationParam('s', perNeuron)};
  vec4 acc = vec4(0.0);
  ${parts.join('\n  ')}
  if (rc.y + 1 >= ${N}) acc.yw = vec2(0.0);
  setOutput(acc);
}`;
  return packedProgram([...names('g', k), ...names('a', k), 'n', 's'], [2, N], code);
}

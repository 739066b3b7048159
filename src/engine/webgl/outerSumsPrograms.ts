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
import { extraOutputs } from './multiTarget';
import { activationParam, colsAt, maskOutside, packedProgram, sampler } from './packedGlsl';
import { accumulateSplitProduct, addAtParts, indexed, stepped, partCount, partNames, partsAt, splitAccumulators, writeParts, type Split } from './splitGlsl';

// The draw's own terms are summed first, then added to the running sum: a float32 sum in chunks of
// a draw's rows, not one running sum over all T·B rows (psMNIST-28: 25,088). The sums are written as
// the parts of a Split (splitGlsl.ts), and the running sum read back part by part.
const names = (prefix: string, k: number) => Array.from({ length: k }, (_, j) => `${prefix}${j}`);

function partsProgram(variableNames: string[], split: Split, withPrev: boolean, terms: string, helpers = '', uniforms?: GPGPUProgram['customUniforms']): GPGPUProgram {
  const prev = partNames('prev', split);
  const code = `
${extraOutputs(partCount(split))}
${helpers}
void main() {
  ivec2 rc = getOutputCoords();
  ${splitAccumulators(split)}
  ${terms}
  ${withPrev ? addAtParts(split, (_r, _c, i) => `${sampler(prev[i])}(rc.x, rc.y)`) : ''}
  ${writeParts(split)}
}`;
  return packedProgram([...variableNames, ...(withPrev ? prev : [])], [split.partRows, split.partCols], code, uniforms);
}

/** prev + Σ_j l_jᵀ·r_j over k pairs of [B, M] and [B, N] blocks → the parts of [M, N]. */
export function outerSumsProgram(k: number, B: number, M: number, N: number, split: Split, withPrev: boolean): GPGPUProgram {
  // l_jᵀ's block at (m, b) is l_j's block at (b, m) transposed: .xzyw.
  const terms = names('l', k).map((l, j) => accumulateSplitProduct(B, split, stepped(l, B, M, 'rows', '.xzyw'), stepped(`r${j}`, B, N, 'rows')));
  return partsProgram([...names('l', k), ...names('r', k)], split, withPrev, terms.join('\n  '));
}

/**
 * prev + Σ_j [x_jᵀ; 1]ᵀ·r_j → the parts of [I + 1, N], where x_j is columns q0 + j·B … of the
 * [I, T·B] input (q0 = t·B, a uniform): rows 0 … I − 1 are ∂L/∂U's terms, row I ∂L/∂b's (the
 * column sums).
 */
export function inputOuterSumsProgram(k: number, B: number, I: number, N: number, split: Split, withPrev: boolean): GPGPUProgram {
  // The block of [x; 1] at rows i, i + 1 and columns q, q + 1 (x's block at (i, q) is already in
  // A's order); the row of ones is row I. Rows past I are not read back (the merge drops them).
  const left = `
${colsAt('x')}
vec4 leftAt(int i, int q) {
  if (i == ${I}) return vec4(1.0, 1.0, 0.0, 0.0);
  vec4 v = colsAt_x(i, q);
  return i + 1 == ${I} ? vec4(v.xy, 1.0, 1.0) : v;
}`;
  const terms = names('r', k).map((r, j) => accumulateSplitProduct(B, split, indexed((b, row) => `leftAt(${row}, q0 + ${j * B} + ${b})`), stepped(r, B, N, 'rows')));
  return partsProgram(['x', ...names('r', k)], split, withPrev, terms.join('\n  '), left, [{ name: 'q0', type: 'int' }]);
}

/** The whole [R, C] result from its parts, zero past R and C. */
export function mergePartsProgram(R: number, C: number, split: Split): GPGPUProgram {
  const code = `
${partsAt('p', split)}
void main() {
  ivec2 rc = getOutputCoords();
  vec4 v = partsAt_p(rc.x, rc.y);
  ${maskOutside('v', R, C)}
  setOutput(v);
}`;
  return packedProgram(partNames('p', split), [R, C], code);
}

/**
 * Σ_j Σ_b of g_j ⊙ ∂γ/∂n(a_j) (even rows) and g_j ⊙ ∂γ/∂s(a_j) (odd rows) over k pairs of [B, N]
 * blocks → [2m, N]: row pair i sums the i-th of m chunks of the B rows, so that m rows of
 * fragments share the work (a draw one fragment row high runs on one thread). Per neuron even when
 * n and s are shared. γ's terms are never stored.
 */
export function gammaBlockSumsProgram(k: number, B: number, N: number, perNeuron: boolean, m: number): GPGPUProgram {
  const perChunk = Math.ceil(Math.ceil(B / 2) / m); // row blocks a chunk sums
  // Block order (x, y, z, w) = (b, c), (b, c + 1), (b + 1, c), (b + 1, c + 1): a pair of rows adds
  // .xy + .zw; an odd B's last block holds one row.
  const parts = names('g', k).map(
    (g, j) => `for (int i = 0; i < ${perChunk}; i++) {
    int b = b0 + 2 * i;
    if (b >= ${B}) break;
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
  int b0 = rc.x * ${perChunk};
  vec4 n = ${activationParam('n', perNeuron)};
  vec4 s = ${activationParam('s', perNeuron)};
  vec4 acc = vec4(0.0);
  ${parts.join('\n  ')}
  if (rc.y + 1 >= ${N}) acc.yw = vec2(0.0);
  setOutput(acc);
}`;
  return packedProgram([...names('g', k), ...names('a', k), 'n', 's'], [2 * m, N], code);
}

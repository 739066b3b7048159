/**
 * GLSL pieces shared by the packed WebGL programs. A packed texture holds 2×2 blocks: the texel of
 * (r, c), r and c even, is (x: (r, c), y: (r, c + 1), z: (r + 1, c), w: (r + 1, c + 1)); tfjs's
 * sampler get<Name>(row, col) returns the block holding (row, col). A program writes one block per
 * fragment; getOutputCoords() gives its top-left (r, c). Parity is tested with `& 1`, not imod:
 * SwiftShader runs an integer division as a scalar loop per lane, and these run inside products.
 */

import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';

/** A program reading and writing packed textures. */
export function packedProgram(variableNames: string[], outputShape: number[], userCode: string, customUniforms?: GPGPUProgram['customUniforms']): GPGPUProgram {
  return { variableNames, outputShape, userCode, packedInputs: true, packedOutput: true, ...(customUniforms ? { customUniforms } : {}) };
}

/** GLSL name of tfjs's packed sampler for the input `name`. */
export function sampler(name: string): string {
  return `get${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/**
 * n or s (an input [1, L]) at output columns rc.y, rc.y + 1 in block order: the pair of a
 * per-neuron vector (L = N), or the shared value (L = 1).
 */
export function activationParam(name: string, perNeuron: boolean): string {
  return perNeuron ? `${sampler(name)}(0, rc.y).xyxy` : `vec4(${sampler(name)}(0, 0).x)`;
}

/**
 * rowsAt<Name>(q, c): rows q, q + 1 at columns c, c + 1 for any q (a block starting on an odd row
 * straddles two texels). Time-major matrices are read at row t·B + r, odd when B and t are.
 */
export function rowsAt(name: string): string {
  const get = sampler(name);
  return `
vec4 rowsAt_${name}(int q, int c) {
  if ((q & 1) == 0) return ${get}(q, c);
  vec4 lo = ${get}(q - 1, c);
  vec4 hi = ${get}(q + 1, c);
  return vec4(lo.zw, hi.xy);
}`;
}

/** colsAt<Name>(i, q): rows i, i + 1 at columns q, q + 1 for any q, in the same block order. */
export function colsAt(name: string): string {
  const get = sampler(name);
  return `
vec4 colsAt_${name}(int i, int q) {
  if ((q & 1) == 0) return ${get}(i, q);
  vec4 lo = ${get}(i, q - 1);
  vec4 hi = ${get}(i, q + 1);
  return vec4(lo.y, hi.x, lo.w, hi.z);
}`;
}

/**
 * Zeroes the parts of the block `v` outside a [rows, cols] matrix, so that padding stays 0 for the
 * next program (a product over an odd shared dimension reads it).
 */
export function maskOutside(v: string, rows: number, cols: number): string {
  return `if (rc.x + 1 >= ${rows}) ${v}.zw = vec2(0.0);
  if (rc.y + 1 >= ${cols}) ${v}.yw = vec2(0.0);`;
}

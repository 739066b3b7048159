/**
 * Stacks the rows of up to `maxInputs` packed [R_k, N] matrices into one, in one draw: the
 * per-step outputs of the recurrence become the time-major [T·B, N] matrices the weight gradients
 * and the read-out take. (tfjs's concat on this backend costs ~150 ms for 196 blocks of [32, 64]
 * on a software rasteriser: its packed program tests every input in every fragment, and splits
 * long lists in halves, copying everything at each level.) Any R_k works: a block of two output
 * rows may come from two inputs, so each row is fetched on its own.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { packedProgram, sampler } from './packedGlsl';

export function stackRowsProgram(rows: readonly number[], N: number): GPGPUProgram {
  const total = rows.reduce((a, b) => a + b, 0);
  let start = 0;
  const branches = rows.map((R, k) => {
    const code = `if (q < ${start + R}) { int l = q - ${start}; vec4 v = ${sampler(`p${k}`)}(l, c); return (l & 1) == 0 ? v.xy : v.zw; }`;
    start += R;
    return code;
  });
  const code = `
vec2 rowOf(int q, int c) {
  ${branches.join('\n  ')}
  return vec2(0.0);
}
void main() {
  ivec2 rc = getOutputCoords();
  vec2 top = rowOf(rc.x, rc.y);
  vec2 bottom = rc.x + 1 < ${total} ? rowOf(rc.x + 1, rc.y) : vec2(0.0);
  setOutput(vec4(top, bottom));
}`;
  return packedProgram(rows.map((_, k) => `p${k}`), [total, N], code);
}

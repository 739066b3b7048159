/**
 * The flat parameter vector [P] and the variables, in one packed draw each (stepKernelNames.ts:
 * FLAT_GATHER, FLAT_APPLY). tfjs flattened each gradient with a reshape that re-lays out the
 * packed texture, unpacked it, concatenated and packed again, and cut the step back out with a
 * slice and a reshape per variable: ≈ 30 draws a step at row-sMNIST, ≈ 16 ms at N = 256.
 * A packed 1-D texel holds entries i, i + 1 in x, y.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { FlatSlot } from '../../core/stepKernelNames';
import { maskOutside, packedProgram, sampler } from './packedGlsl';

type Uniforms = NonNullable<GPGPUProgram['customUniforms']>;

/**
 * A program writing the flat vector [P]: r = `value` at every pair of entries i, i + 1 (after
 * `prelude` in main, `globals` before it); entries past P (y of the last texel) and the unused z, w
 * stay 0 for a later sum over the vector.
 */
export function flatProgram(inputs: string[], P: number, prelude: string, value: string, uniforms?: Uniforms, globals = ''): GPGPUProgram {
  const code = `
${globals}
void main() {
  int i = getOutputCoords();
  ${prelude}
  vec4 r = ${value};
  if (i + 1 >= ${P}) r.y = 0.0;
  r.zw = vec2(0.0);
  setOutput(r);
}`;
  return packedProgram(inputs, [P], code, uniforms);
}

/** GLSL: entry (r, c) of a 2×2 block read at (r, c). */
const PICK = `
float pick(vec4 v, int r, int c) {
  return (r & 1) == 0 ? ((c & 1) == 0 ? v.x : v.y) : ((c & 1) == 0 ? v.z : v.w);
}`;

/**
 * Input p{k} is the k-th slot with `input` set, a [rows, cols] matrix; other slots are zeros. The
 * row is found by a float division (exact here, q < 2²² and at least 0.5/cols from an integer):
 * SwiftShader runs an integer division as a scalar loop per lane.
 * (Reading entries i, i + 1 with one fetch where they share a block made the draw slower here:
 * row-sMNIST at N = 256 took 9 ms more a step.)
 */
export function flatGatherProgram(slots: readonly FlatSlot[], P: number): GPGPUProgram {
  let k = 0;
  const names: string[] = [];
  const branches = slots.map((s) => {
    const end = s.offset + s.rows * s.cols;
    if (!s.input) return `if (e < ${end}) return 0.0;`;
    const name = `p${k++}`;
    names.push(name);
    return `if (e < ${end}) { int q = e - ${s.offset}; int r = int((float(q) + 0.5) / ${s.cols}.0); int c = q - r * ${s.cols}; return pick(${sampler(name)}(r, c), r, c); }`;
  });
  const globals = `
${PICK}
float entry(int e) {
  ${branches.join('\n  ')}
  return 0.0;
}`;
  return flatProgram(names, P, '', 'vec4(entry(i), entry(i + 1), 0.0, 0.0)', undefined, globals);
}

/** x − delta[off + r·cols + c] over x's [rows, cols] (off a uniform). */
export function flatApplyProgram(rows: number, cols: number): GPGPUProgram {
  const code = `
float d(int e) {
  vec4 v = getDelta(e);
  return (e & 1) == 0 ? v.x : v.y;
}
void main() {
  ivec2 rc = getOutputCoords();
  int e = off + rc.x * ${cols} + rc.y;
  vec4 v = getX(rc.x, rc.y) - vec4(d(e), d(e + 1), d(e + ${cols}), d(e + ${cols} + 1));
  ${maskOutside('v', rows, cols)}
  setOutput(v);
}`;
  return packedProgram(['x', 'delta'], [rows, cols], code, [{ name: 'off', type: 'int' }]);
}

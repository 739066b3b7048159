/**
 * The activation's element-wise programs on packed [R, N] blocks, reading a step product's parts
 * (splitGlsl.ts) and writing whole [R, N] results, two render targets each (multiTarget.ts):
 *   forward   a and h = φ(a), from the parts of a (h alone from a whole split: its part is a);
 *   backward  dA = g ⊙ φ′(a) and g, from the parts of g (dA alone from g itself or a whole split).
 * n and s arrive as [1, L]: L = N per neuron, L = 1 shared.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { ActKind } from '../../core/fusedNames';
import { activationGlsl } from './activationGlsl';
import { extraOutputs } from './multiTarget';
import { activationParam, maskOutside, packedProgram } from './packedGlsl';
import { partNames, partsAt, type Split } from './splitGlsl';

function cellCode(act: ActKind, perNeuron: boolean, helpers: string, body: string): string {
  return `
${activationGlsl(act)}
${helpers}
void main() {
  ivec2 rc = getOutputCoords();
  vec4 pre = getA(rc.x, rc.y);
  ArAct o = ar_act(pre, ${activationParam('n', perNeuron)}, ${activationParam('s', perNeuron)});
  ${body}
}`;
}

/** {a0 … , n, s} → [a, φ(a)]; → [φ(a)] when the split is whole (a0 is a). */
export function cellForwardProgram(shape: readonly [number, number], act: ActKind, perNeuron: boolean, split: Split): GPGPUProgram {
  const [R, N] = shape;
  const a = partNames('a', split);
  const code = cellCode(
    act,
    perNeuron,
    `${extraOutputs(split.whole ? 1 : 2)}
${partsAt('a', split)}
vec4 getA(int r, int c) { return partsAt_a(r, c); }`,
    `vec4 v = o.h;
  ${maskOutside('v', R, N)}
  ${split.whole ? 'setOutput(v);' : `${maskOutside('pre', R, N)}\n  setOutput(pre);\n  outputColor1 = v;`}`,
  );
  return packedProgram([...a, 'n', 's'], [R, N], code);
}

/** {g0 … (or g), a, n, s} → [g ⊙ φ′(a), g] (or [g ⊙ φ′(a)] when g, or the split, is whole). */
export function cellBackProgram(shape: readonly [number, number], act: ActKind, perNeuron: boolean, split: Split | null): GPGPUProgram {
  const [R, N] = shape;
  const g = split ? partNames('g', split) : ['g'];
  const writesG = split !== null && !split.whole;
  const helpers = split ? `${extraOutputs(writesG ? 2 : 1)}\n${partsAt('g', split)}` : '';
  const code = cellCode(
    act,
    perNeuron,
    helpers,
    `vec4 g = ${split ? 'partsAt_g' : 'getG'}(rc.x, rc.y);
  vec4 v = g * o.prime;
  ${maskOutside('v', R, N)}
  ${maskOutside('g', R, N)}
  setOutput(v);
  ${writesG ? 'outputColor1 = g;' : ''}`,
  );
  return packedProgram([...g, 'a', 'n', 's'], [R, N], code);
}

/**
 * The activation's element-wise programs on packed [R, N] blocks: the cell h = φ(a) and its
 * backward g ⊙ φ′(a). n and s arrive as [1, L]: L = N per neuron, L = 1 shared.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { ActKind } from '../../core/fusedNames';
import { activationGlsl } from './activationGlsl';
import { activationParam, maskOutside, packedProgram } from './packedGlsl';

/** What the program writes: φ(a), or g ⊙ φ′(a). */
export type CellOutput = 'h' | 'prime';

export function cellProgram(shape: readonly [number, number], act: ActKind, perNeuron: boolean, out: CellOutput): GPGPUProgram {
  const [R, N] = shape;
  const value = out === 'h' ? 'o.h' : 'getG(rc.x, rc.y) * o.prime';
  const code = `
${activationGlsl(act)}
void main() {
  ivec2 rc = getOutputCoords();
  ArAct o = ar_act(getA(rc.x, rc.y), ${activationParam('n', perNeuron)}, ${activationParam('s', perNeuron)});
  vec4 v = ${value};
  ${maskOutside('v', R, N)}
  setOutput(v);
}`;
  return packedProgram(out === 'h' ? ['a', 'n', 's'] : ['a', 'n', 's', 'g'], [R, N], code);
}

/**
 * The activation's element-wise programs on packed [R, N] blocks: the cell h = φ(a) and its
 * backward g ⊙ φ′(a). n and s arrive as [1, L]: L = N per neuron, L = 1 shared.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { ActKind } from '../../core/fusedNames';
import { activationGlsl } from './activationGlsl';
import { maskOutside, packedProgram } from './packedGlsl';

/** What the program writes: φ(a), or g ⊙ φ′(a). */
export type CellOutput = 'h' | 'prime';

export function cellProgram(shape: readonly [number, number], act: ActKind, perNeuron: boolean, out: CellOutput): GPGPUProgram {
  const [R, N] = shape;
  // Column c's pair (c, c + 1) of a per-neuron vector, or the shared value, in block order.
  const param = (get: string) => (perNeuron ? `${get}(0, rc.y).xyxy` : `vec4(${get}(0, 0).x)`);
  const value = out === 'h' ? 'o.h' : 'getG(rc.x, rc.y) * o.prime';
  const code = `
${activationGlsl(act)}
void main() {
  ivec2 rc = getOutputCoords();
  ArAct o = ar_act(getA(rc.x, rc.y), ${param('getN')}, ${param('getS')});
  vec4 v = ${value};
  ${maskOutside('v', R, N)}
  setOutput(v);
}`;
  return packedProgram(out === 'h' ? ['a', 'n', 's'] : ['a', 'n', 's', 'g'], [R, N], code);
}

/**
 * The activation's element-wise programs on packed [R, N] blocks: the cell h = φ(a) and its
 * backward g ⊙ φ′(a). n and s arrive as [1, L]: L = N per neuron, L = 1 shared.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { ActKind } from '../../core/fusedNames';
import { activationGlsl } from './activationGlsl';
import { maskOutside } from './packedGlsl';

/** What the program writes: φ(a), or g ⊙ φ′(a). */
export type CellOutput = 'h' | 'prime';

export class CellProgram implements GPGPUProgram {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
  packedInputs = true;
  packedOutput = true;

  constructor(shape: readonly [number, number], act: ActKind, perNeuron: boolean, out: CellOutput) {
    const [R, N] = shape;
    this.variableNames = out === 'h' ? ['a', 'n', 's'] : ['a', 'n', 's', 'g'];
    this.outputShape = [R, N];
    // Column c's pair (c, c + 1) of a per-neuron vector, or the shared value, in block order.
    const param = (get: string) => (perNeuron ? `${get}(0, rc.y).xyxy` : `vec4(${get}(0, 0).x)`);
    const value = out === 'h' ? 'o.h' : 'getG(rc.x, rc.y) * o.prime';
    this.userCode = `
${activationGlsl(act)}
void main() {
  ivec2 rc = getOutputCoords();
  ArAct o = ar_act(getA(rc.x, rc.y), ${param('getN')}, ${param('getS')});
  vec4 v = ${value};
  ${maskOutside('v', R, N)}
  setOutput(v);
}`;
  }
}

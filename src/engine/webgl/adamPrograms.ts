/**
 * Adam's element-wise update over the flat parameter vector [P] as packed WebGL programs
 * (core/flatAdamUpdate.ts): a packed 1-D texel holds entries i, i + 1 in x, y. The constants are
 * uniforms, so α and ε̂, which change every step, do not recompile the program.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { packedProgram } from './packedGlsl';

/** Entries past P (y of the last texel) and the unused z, w stay 0 for a later sum over the vector. */
function tail(P: number): string {
  return `if (i + 1 >= ${P}) r.y = 0.0;
  r.zw = vec2(0.0);`;
}

/** β·m + (1 − β)·ĝ or ĝ², ĝ = g·clip/max(norm, clip) (clip > 0) or g. */
export function adamMomentProgram(P: number, square: boolean): GPGPUProgram {
  const code = `
void main() {
  int i = getOutputCoords();
  float norm = getNorm().x;
  float factor = clip > 0.0 ? clip / max(norm, clip) : 1.0;
  vec4 g = getGAtOutCoords() * factor;
  vec4 r = beta * getMAtOutCoords() + (1.0 - beta) * ${square ? 'g * g' : 'g'};
  ${tail(P)}
  setOutput(r);
}`;
  return packedProgram(['g', 'm', 'norm'], [P], code, [
    { name: 'beta', type: 'float' },
    { name: 'clip', type: 'float' },
  ]);
}

/** scale ⊙ α·m/(√v + ε̂). */
export function adamDeltaProgram(P: number): GPGPUProgram {
  const code = `
void main() {
  int i = getOutputCoords();
  vec4 r = getScaleAtOutCoords() * (alpha * getMAtOutCoords() / (sqrt(getVAtOutCoords()) + epsHat));
  ${tail(P)}
  setOutput(r);
}`;
  return packedProgram(['m', 'v', 'scale'], [P], code, [
    { name: 'alpha', type: 'float' },
    { name: 'epsHat', type: 'float' },
  ]);
}

/**
 * Adam's element-wise update over the flat parameter vector [P] as packed WebGL programs
 * (core/flatAdamUpdate.ts): a packed 1-D texel holds entries i, i + 1 in x, y. The constants are
 * uniforms, so α and ε̂, which change every step, do not recompile the program.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { flatProgram } from './flatPrograms';

/** β·m + (1 − β)·ĝ or ĝ², ĝ = g·clip/max(norm, clip) (clip > 0) or g. */
export function adamMomentProgram(P: number, square: boolean): GPGPUProgram {
  const prelude = `float factor = clip > 0.0 ? clip / max(getNorm().x, clip) : 1.0;
  vec4 g = getGAtOutCoords() * factor;`;
  return flatProgram(['g', 'm', 'norm'], P, prelude, `beta * getMAtOutCoords() + (1.0 - beta) * ${square ? 'g * g' : 'g'}`, [
    { name: 'beta', type: 'float' },
    { name: 'clip', type: 'float' },
  ]);
}

/** scale ⊙ α·m/(√v + ε̂). */
export function adamDeltaProgram(P: number): GPGPUProgram {
  return flatProgram(['m', 'v', 'scale'], P, '', 'getScaleAtOutCoords() * (alpha * getMAtOutCoords() / (sqrt(getVAtOutCoords()) + epsHat))', [
    { name: 'alpha', type: 'float' },
    { name: 'epsHat', type: 'float' },
  ]);
}

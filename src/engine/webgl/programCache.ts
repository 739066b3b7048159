/**
 * One program object per set of arguments: a step's programs are asked for at every time step, and
 * writing a product's GLSL again each time cost ≈ 65 µs of script a step.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';

export function cachedProgram<A extends unknown[]>(make: (...args: A) => GPGPUProgram): (...args: A) => GPGPUProgram {
  const cache = new Map<string, GPGPUProgram>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    let program = cache.get(key);
    if (!program) cache.set(key, (program = make(...args)));
    return program;
  };
}

/**
 * A build-time rewrite of tfjs-core's walk over a scope's result (walkTensorContainer in
 * tensor_util.js). Every op and every tidy ends its scope by walking what it returns with a for-in
 * loop, and V8 inlines that walk into Engine.endScope. A training step returns objects of several
 * shapes ({value, grads} from the gradients, {loss, acc} and others from the step), and Chromium
 * (156) keeps deoptimizing the optimized endScope on the loop's keyed load ("wrong map") and
 * compiling it again: about three 40 ms TurboFan compiles a second, a tenth of a core taken from the
 * page while a run trains. Iterating Object.keys instead gives the same keys for the plain objects
 * and arrays tidy is given (own enumerable keys, in the same order) without the for-in fast path
 * that deoptimizes, and endScope stays optimized.
 */
import type { Plugin } from 'vite';

/** The loop in walkTensorContainer, as tfjs-core 4.x writes it. */
const LOOP = /(const iterable = container;\s*for \(const k) in iterable\)/;

/** The source with the walk's for-in loop over Object.keys, or null when it has no such loop. */
export function rewriteContainerWalk(code: string): string | null {
  return LOOP.test(code) ? code.replace(LOOP, '$1 of Object.keys(iterable))') : null;
}

export function tfjsContainerWalk(): Plugin {
  return {
    name: 'tfjs-container-walk',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/]tensor_util\.js$/.test(id)) return null;
      const out = rewriteContainerWalk(code);
      return out === null ? null : { code: out, map: null };
    },
  };
}

/**
 * Build-time rewrites of for-in loops in tfjs-core that Chromium (156) keeps deoptimizing.
 *
 * A for-in loop over objects of several shapes makes V8's optimized code fail its map check on the
 * loop's keyed load ("wrong map"), deoptimize, and compile the function again once it is hot, over
 * and over while a run trains:
 * - walkTensorContainer (tensor_util.js) walks what every op and every tidy returns; V8 inlines it
 *   into Engine.endScope, and a step returns objects of several shapes ({value, grads}, {loss, acc}):
 *   about three 40 ms TurboFan compiles a second.
 * - getFilteredNodesXToY and backpropagateGradients (tape.js) walk each recorded op's inputs
 *   ({x}, {a, b}, {x, alpha}, …) on every gradient: about fifteen Maglev compiles a second, 2 s of a
 *   background thread in every 25 s of training.
 * That compile time is taken from the page on a two-core machine. Iterating Object.keys instead
 * gives the same keys for the plain objects and arrays these loops are given (own enumerable keys,
 * in the same order) without the for-in fast path that deoptimizes, and the functions stay optimized.
 */
import type { Plugin } from 'vite';

interface Rewrite {
  /** The tfjs-core file the loops are in. */
  file: RegExp;
  /** The loops, as tfjs-core 4.x writes them: group 1 the loop's head up to `in`, group 2 the object. */
  loop: RegExp;
}

const REWRITES: Record<'containerWalk' | 'tape', Rewrite> = {
  containerWalk: { file: /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/]tensor_util\.js$/, loop: /(const iterable = container;\s*for \(const k) in (iterable)\)/g },
  tape: { file: /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/]tape\.js$/, loop: /(for \(const inputName) in (nodeInputs|node\.inputs)\)/g },
};

function rewrite(r: Rewrite, code: string): string | null {
  const out = code.replace(r.loop, '$1 of Object.keys($2))');
  return out === code ? null : out;
}

/** tensor_util.js with the walk's for-in loop over Object.keys, or null when it has no such loop. */
export const rewriteContainerWalk = (code: string) => rewrite(REWRITES.containerWalk, code);
/** tape.js with its loops over a node's inputs over Object.keys, or null when it has none. */
export const rewriteTapeLoops = (code: string) => rewrite(REWRITES.tape, code);

export function tfjsForInLoops(): Plugin {
  return {
    name: 'tfjs-for-in-loops',
    enforce: 'pre',
    transform(code, id) {
      const r = Object.values(REWRITES).find((x) => x.file.test(id));
      const out = r ? rewrite(r, code) : null;
      return out === null ? null : { code: out, map: null };
    },
  };
}

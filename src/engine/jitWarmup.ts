/**
 * Teaches V8 both kinds of shape array before training starts. tfjs builds shapes as packed
 * arrays in some places and as holey ones (`new Array(rank)`, filled after) in others. When
 * `util.sizeFromShape`, inlined into every Tensor's constructor, is first optimized on one kind
 * only, Chromium (156) deoptimizes it on the other kind and re-optimizes it on the same one, over
 * and over: about 50 deoptimizations and 120 recompilations a second while a run trains, which
 * kept a third of a core busy compiling beside the training worker. Calling it with both kinds
 * first makes its feedback cover both, so the optimized code holds.
 */
import * as tf from '@tensorflow/tfjs-core';

export function warmShapeFeedback(calls = 20_000): void {
  for (let i = 0; i < calls; i++) {
    tf.util.sizeFromShape([1, i]);
    const holey: number[] = new Array(2);
    holey[1] = i;
    holey[0] = 1;
    tf.util.sizeFromShape(holey);
  }
}

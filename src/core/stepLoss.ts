/**
 * Softmax cross-entropy and accuracy through two kernels where the backend registers them (webgl:
 * stepKernelNames.ts's LOSS_ROWS and LOSS_GRAD), with the same value as rnn.ts's tfjs ops: mean
 * −log p(target) over the rows that have one, and the fraction of those whose arg-max is it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { LOSS_GRAD, LOSS_ROWS } from './stepKernelNames';
import { laidOut, runStepKernel } from './unrollSteps';

/** logits [R, C]; y [R] (−1: no target); count: the rows that count (a scalar). */
export function stepLossAndAccuracy(logits: tf.Tensor2D, y: tf.Tensor1D, count: tf.Scalar): { loss: tf.Scalar; acc: tf.Scalar } {
  const labels = laidOut(y);
  // Column sums of the rows: Σ −log p(target) and Σ hits.
  const rows = runStepKernel(LOSS_ROWS, { logits, y: labels });
  const [nll, hits] = tf.split(tf.sum(rows, 0), 2);
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([x, labels, count]);
    return {
      value: tf.div(tf.reshape(nll, []), count) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [xs, ys, n]: tf.Tensor[]) => runStepKernel(LOSS_GRAD, { logits: xs, y: ys, scale: tf.div(dy, n) }),
    };
  })(logits) as tf.Scalar;
  return { loss, acc: tf.div(tf.reshape(hits, []), count) as tf.Scalar };
}

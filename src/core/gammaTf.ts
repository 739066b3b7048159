/**
 * γ(x; n, s) as a TensorFlow.js op with an analytic gradient with respect to x, n and s.
 * n and s broadcast against x: scalars (homogeneous) or [N] vectors along the last axis
 * (one pair per neuron). Kept apart from gamma.ts so that the page bundle never pulls in tfjs.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Sum a broadcast gradient back down to the shape of the operand it belongs to. */
function reduceTo(g: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, g.shape);
  const summed = axes.length > 0 ? tf.sum(g, axes) : g;
  return tf.reshape(summed, shape);
}

// customGrad passes its inputs and the save function as one variadic list.
const gammaOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, n, s] = args as tf.Tensor[];
  const save = args[3] as tf.GradSaveFunc;
  const z = tf.mul(x, n);
  const S = tf.sigmoid(z);
  const P = tf.div(tf.softplus(z), n);
  const oneMinusS = tf.sub(1, s);
  const value = tf.add(tf.mul(oneMinusS, P), tf.mul(s, S));
  save([x, n, s, z, S, P]);
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ns, ss, zs, Ss, Ps] = saved;
      const oms = tf.sub(1, ss);
      // S(1 − S) written as σ(|z|)·σ(−|z|) would cost two more ops; in float32 S(1 − S) is
      // already exact to rounding where it matters (it underflows to 0 exactly where it should).
      const a = tf.abs(zs);
      const sigNeg = tf.sigmoid(tf.neg(a));
      const dS = tf.mul(sigNeg, tf.sub(1, sigNeg)); // S(1−S) from the small side: no cancellation
      const dx = tf.add(tf.mul(oms, Ss), tf.mul(tf.mul(ss, ns), dS));
      // x·S − P = −(|z|·σ(−|z|) + softplus(−|z|)) / n: the same value without cancelling two ≈x terms.
      const xSmP = tf.div(tf.neg(tf.add(tf.mul(a, sigNeg), tf.softplus(tf.neg(a)))), ns);
      const dn = tf.add(tf.div(tf.mul(oms, xSmP), ns), tf.mul(tf.mul(ss, xs), dS));
      const ds = tf.sub(Ss, Ps);
      return [
        tf.mul(dy, dx),
        reduceTo(tf.mul(dy, dn), ns.shape),
        reduceTo(tf.mul(dy, ds), ss.shape),
      ];
    },
  };
});

/** γ(x; n, s) with gradients for all three inputs. */
export function gammaTf(x: tf.Tensor, n: tf.Tensor, s: tf.Tensor): tf.Tensor {
  return gammaOp(x, n, s);
}

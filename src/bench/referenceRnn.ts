/**
 * The reference the fused kernels are checked against: the Elman RNN written plainly, one tf op
 * per step with γ through gammaTf, gradients by autograd, clipping and tfjs's own Adam — no hand-
 * written backward pass, no flat buffers. Slow and simple on purpose; run it on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { gammaTf } from '../core/gammaTf';
import { learnsActivation, lossAndAccuracy, type RnnParams, type RnnSpec } from '../core/rnn';
import { N_RANGE, S_RANGE } from '../core/trainStep';

function act(a: tf.Tensor, p: RnnParams, spec: RnnSpec): tf.Tensor {
  if (spec.mode === 'tanh') return tf.tanh(a);
  if (spec.mode === 'relu') return tf.relu(a);
  return gammaTf(a, p.n as tf.Tensor, p.s as tf.Tensor);
}

/** Hidden states [T·B, N] (time-major), logits and the mean loss. */
export function referenceForward(p: RnnParams, spec: RnnSpec, x: tf.Tensor3D, y: tf.Tensor): { H: tf.Tensor2D; logits: tf.Tensor; loss: tf.Scalar } {
  const [B, T, I] = x.shape;
  const hs: tf.Tensor[] = [];
  let h: tf.Tensor | null = null;
  for (let t = 0; t < T; t++) {
    const xt = tf.reshape(tf.slice(x, [0, t, 0], [B, 1, I]), [B, I]);
    let a = tf.add(tf.matMul(xt as tf.Tensor2D, p.U as tf.Tensor2D), p.b);
    if (h) a = tf.add(a, tf.matMul(h as tf.Tensor2D, p.V as tf.Tensor2D));
    h = act(a, p, spec);
    hs.push(h);
  }
  const H = tf.concat(hs, 0) as tf.Tensor2D;
  const logits =
    spec.readout === 'last'
      ? tf.add(tf.matMul(h as tf.Tensor2D, p.Wo as tf.Tensor2D), p.bo)
      : tf.transpose(tf.reshape(tf.add(tf.matMul(H, p.Wo as tf.Tensor2D), p.bo), [T, B, spec.classes]), [1, 0, 2]);
  return { H, logits, loss: lossAndAccuracy(logits, y, spec.readout).loss };
}

export function trainedVariables(p: RnnParams, spec: RnnSpec): { name: string; v: tf.Variable }[] {
  const out = [
    { name: 'U', v: p.U },
    { name: 'V', v: p.V },
    { name: 'b', v: p.b },
    { name: 'Wo', v: p.Wo },
    { name: 'bo', v: p.bo },
  ];
  if (learnsActivation(spec.mode) && p.n && p.s) out.push({ name: 'n', v: p.n }, { name: 's', v: p.s });
  return out;
}

/** ∂loss/∂v for every trained variable, by autograd. */
export function referenceGradients(p: RnnParams, spec: RnnSpec, x: tf.Tensor3D, y: tf.Tensor): { loss: tf.Scalar; grads: Record<string, tf.Tensor> } {
  const vars = trainedVariables(p, spec);
  const { value, grads } = tf.variableGrads(() => referenceForward(p, spec, x, y).loss, vars.map((e) => e.v));
  const out: Record<string, tf.Tensor> = {};
  for (const e of vars) out[e.name] = grads[e.v.name] ?? tf.zerosLike(e.v);
  return { loss: value, grads: out };
}

/** `steps` steps of global-norm clipping and tfjs's Adam, then the constraint on (n, s). */
export function referenceTrain(p: RnnParams, spec: RnnSpec, x: tf.Tensor3D, y: tf.Tensor, o: { lr: number; clip: number; constrain: boolean; steps: number }): void {
  const opt = tf.train.adam(o.lr);
  const vars = trainedVariables(p, spec);
  for (let i = 0; i < o.steps; i++) {
    tf.tidy(() => {
      const { grads } = referenceGradients(p, spec, x, y);
      const gs = vars.map((e) => grads[e.name]);
      const norm = tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g)))));
      const factor = o.clip > 0 ? tf.div(o.clip, tf.maximum(norm, o.clip)) : tf.scalar(1);
      opt.applyGradients(vars.map((e, k) => ({ name: e.v.name, tensor: tf.mul(gs[k], factor) })));
      if (o.constrain && learnsActivation(spec.mode) && p.n && p.s) {
        p.n.assign(tf.clipByValue(p.n, N_RANGE[0], N_RANGE[1]));
        p.s.assign(tf.clipByValue(p.s, S_RANGE[0], S_RANGE[1]));
      }
    });
  }
  opt.dispose();
}

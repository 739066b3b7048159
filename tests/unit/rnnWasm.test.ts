/**
 * The training fast path on the wasm backend: batches uploaded per step from JS (seqInputFromHost)
 * must give the same loss and gradients as autograd through gammaTf on the [B, T, I] tensor, and
 * the host layout must equal the one built from a tensor. wasm has its own code paths here (Gather
 * instead of Split, its matMul kernels called directly), so this is not covered by the cpu tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { gammaTf } from '../../src/core/gammaTf';
import { createRng } from '../../src/core/rng';
import { createRnn, disposeRnn, forward, lossAndAccuracy, trainableVariables, type RnnParams, type RnnSpec } from '../../src/core/rnn';
import { disposeSeqInput, seqInputFromHost, seqInputFromTensor, UploadScratch } from '../../src/core/seqInput';
import type { Mode } from '../../src/state/schema';
import { ROOT } from './mnistData';

beforeAll(async () => {
  setWasmPaths(resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  await tf.setBackend('wasm');
  await tf.ready();
});

const B = 4;
const T = 7;
const I = 3;
const N = 6;
const C = 4;

function batch(readout: 'last' | 'all', seed: number) {
  const r = createRng(seed);
  const x = Float32Array.from({ length: B * T * I }, () => r.normal());
  const y = Int32Array.from({ length: readout === 'last' ? B : B * T }, (_, i) => (readout === 'all' && i % 3 === 1 ? -1 : r.int(C)));
  return { x, y };
}

/** Textbook unroll on the [B, T, I] tensor: autograd through gammaTf step by step. */
function referenceLoss(p: RnnParams, sp: RnnSpec, x: tf.Tensor3D, y: tf.Tensor): tf.Scalar {
  let h: tf.Tensor = tf.zeros([B, N]);
  const logits: tf.Tensor[] = [];
  for (const xt of tf.unstack(x, 1)) {
    const a = tf.add(tf.add(tf.matMul(xt as tf.Tensor2D, p.U), tf.matMul(h as tf.Tensor2D, p.V)), p.b);
    h = sp.mode === 'tanh' ? tf.tanh(a) : gammaTf(a, p.n as tf.Tensor, p.s as tf.Tensor);
    logits.push(tf.add(tf.matMul(h as tf.Tensor2D, p.Wo), p.bo));
  }
  return lossAndAccuracy(sp.readout === 'last' ? logits[T - 1] : tf.stack(logits, 1), y, sp.readout).loss;
}

describe('wasm fast path', () => {
  it('seqInputFromHost lays out steps and columns exactly like seqInputFromTensor', () => {
    const { x } = batch('last', 1);
    const host = seqInputFromHost(x, B, T, I);
    const dev = seqInputFromTensor(tf.tensor3d(x, [B, T, I]));
    expect(host.steps.map((s) => s.shape)).toEqual(dev.steps.map((s) => s.shape));
    for (let t = 0; t < T; t++) expect(Array.from(host.steps[t].dataSync())).toEqual(Array.from(dev.steps[t].dataSync()));
    expect(host.columns.shape).toEqual([I, T * B]);
    expect(Array.from(host.columns.dataSync())).toEqual(Array.from(dev.columns.dataSync()));
    // Column t·B + b of step t holds x[b, t, :].
    expect(host.columns.dataSync()[1 * T * B + 2 * B + 3]).toBe(x[(3 * T + 2) * I + 1]);
  });

  it('with an UploadScratch, the next batch reuses the buffers and still lays out its own values', () => {
    const scratch = new UploadScratch();
    const first = seqInputFromHost(batch('last', 1).x, B, T, I, scratch);
    const buffers = [scratch.take(0, B * T * I), scratch.take(1, B * T * I)];
    disposeSeqInput(first);
    const { x } = batch('last', 2);
    const second = seqInputFromHost(x, B, T, I, scratch);
    expect(scratch.take(0, B * T * I)).toBe(buffers[0]);
    expect(scratch.take(1, B * T * I)).toBe(buffers[1]);
    const fresh = seqInputFromHost(x, B, T, I);
    for (let t = 0; t < T; t++) expect(Array.from(second.steps[t].dataSync())).toEqual(Array.from(fresh.steps[t].dataSync()));
    expect(Array.from(second.columns.dataSync())).toEqual(Array.from(fresh.columns.dataSync()));
    disposeSeqInput(second);
    disposeSeqInput(fresh);
  });

  for (const [mode, readout] of [
    ['homogeneous', 'last'],
    ['heterogeneous', 'all'],
    ['tanh', 'all'],
  ] as [Mode, 'last' | 'all'][]) {
    it(`${mode}, readout ${readout}: host-uploaded batch gives autograd's loss and gradients to 1e-5`, () => {
      const sp: RnnSpec = { inputs: I, hidden: N, classes: C, readout, mode, n0: 1.7, s0: 0.35 };
      const p = createRnn(sp, createRng(31));
      const vars = trainableVariables(p, sp);
      const { x, y } = batch(readout, 32);
      const yT = readout === 'last' ? tf.tensor1d(y, 'int32') : tf.tensor2d(y, [B, T], 'int32');
      const x3 = tf.tensor3d(x, [B, T, I]);
      const fast = tf.variableGrads(() => lossAndAccuracy(forward(p, sp, seqInputFromHost(x, B, T, I)).logits, yT, readout).loss, vars);
      const ref = tf.variableGrads(() => referenceLoss(p, sp, x3, yT), vars);
      expect(fast.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0], 5);
      for (const v of vars) {
        const a = fast.grads[v.name].dataSync();
        const b = ref.grads[v.name].dataSync();
        const scale = Math.max(...Array.from(b, Math.abs));
        expect(scale).toBeGreaterThan(1e-4);
        for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-5 * scale + 1e-7);
      }
      tf.dispose([fast.value, ref.value, ...Object.values(fast.grads), ...Object.values(ref.grads), x3, yT]);
      disposeRnn(p);
    });
  }
});

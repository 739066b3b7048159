import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../src/core/rng';
import { createRnn, disposeRnn, type RnnSpec } from '../../src/core/rnn';
import { createTask } from '../../src/core/tasks/index';
import { createTrainStep, readOptimizerState, restoreOptimizerState } from '../../src/core/trainStep';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const task = createTask('flipflop', { seed: 1, delay: 0 });
const spec = (mode: RnnSpec['mode'], n0 = 1, s0 = 0): RnnSpec => ({
  inputs: task.info.inputs,
  hidden: 16,
  classes: task.info.classes,
  readout: task.info.readout,
  mode,
  n0,
  s0,
});
function batch(seed: number, size = 8) {
  const b = task.trainBatch(createRng(seed), size);
  return { x: tf.tensor3d(b.x, [b.batch, b.steps, b.inputs]), y: tf.tensor2d(b.y, [b.batch, b.steps], 'int32') };
}

describe('createTrainStep', () => {
  it('tensor count stays flat over 50 steps (after the first creates the Adam moments)', () => {
    const sp = spec('heterogeneous');
    const p = createRnn(sp, createRng(1));
    const ts = createTrainStep(p, sp, { lr: 1e-3, clip: 1, constrain: true });
    const { x, y } = batch(2);
    const first = ts.step(x, y);
    tf.dispose([first.loss, first.acc, first.gradNorm]);
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const r = ts.step(x, y);
      tf.dispose([r.loss, r.acc, r.gradNorm]);
    }
    expect(tf.memory().numTensors).toBe(after1);
    ts.dispose();
    disposeRnn(p);
    tf.dispose([x, y]);
  });

  it('returns loss, accuracy in [0, 1] and the pre-clip gradient norm', () => {
    const sp = spec('homogeneous');
    const { x, y } = batch(3);
    // Same weights with and without clipping: the loss and the reported (pre-clip) norm agree.
    const runs = [0, 1e-3].map((clip) => {
      const p = createRnn(sp, createRng(4));
      const ts = createTrainStep(p, sp, { lr: 1e-2, clip, constrain: false });
      const r = ts.step(x, y);
      const out = { loss: r.loss.dataSync()[0], acc: r.acc.dataSync()[0], norm: r.gradNorm.dataSync()[0] };
      tf.dispose([r.loss, r.acc, r.gradNorm]);
      ts.dispose();
      disposeRnn(p);
      return out;
    });
    expect(runs[0].loss).toBeGreaterThan(1);
    expect(runs[0].acc).toBeGreaterThanOrEqual(0);
    expect(runs[0].acc).toBeLessThanOrEqual(1);
    expect(runs[0].norm).toBeGreaterThan(0.01);
    expect(runs[1].norm).toBeCloseTo(runs[0].norm, 5);
    expect(runs[1].loss).toBeCloseTo(runs[0].loss, 5);
    tf.dispose([x, y]);
  });

  it('clipping: a clipped Adam step from zero moments differs from an unclipped one only through ε', () => {
    // Adam's first step is lr·g/(|g| + ε) per entry, nearly scale-free, so clip to a tiny norm
    // (1e-9 ≪ ε = 1e-7) and the step collapses: the weights barely move.
    const sp = spec('tanh');
    const { x, y } = batch(5);
    const moved = [0, 1e-9].map((clip) => {
      const p = createRnn(sp, createRng(6));
      const before = p.U.dataSync().slice();
      const ts = createTrainStep(p, sp, { lr: 0.1, clip, constrain: false });
      const r = ts.step(x, y);
      tf.dispose([r.loss, r.acc, r.gradNorm]);
      const after = p.U.dataSync();
      const d = Math.max(...Array.from(after, (v, i) => Math.abs(v - before[i])));
      ts.dispose();
      disposeRnn(p);
      return d;
    });
    expect(moved[0]).toBeGreaterThan(0.05);
    expect(moved[1]).toBeLessThan(0.01);
    tf.dispose([x, y]);
  });

  it('constraint clamps n to [0.01, 500] and s to [0, 1]; without it they may leave the range', () => {
    const sp = spec('heterogeneous', 0.011, 0.999);
    const { x, y } = batch(7);
    const ranges = [true, false].map((constrain) => {
      const p = createRnn(sp, createRng(8));
      const ts = createTrainStep(p, sp, { lr: 0.5, clip: 0, constrain });
      for (let i = 0; i < 3; i++) {
        const r = ts.step(x, y);
        tf.dispose([r.loss, r.acc, r.gradNorm]);
      }
      const n = Array.from(p.n!.dataSync());
      const s = Array.from(p.s!.dataSync());
      ts.dispose();
      disposeRnn(p);
      return { nMin: Math.min(...n), sMin: Math.min(...s), sMax: Math.max(...s) };
    });
    expect(ranges[0].nMin).toBeGreaterThanOrEqual(0.01 - 1e-7);
    expect(ranges[0].sMin).toBeGreaterThanOrEqual(0);
    expect(ranges[0].sMax).toBeLessThanOrEqual(1);
    // lr 0.5 moves every entry by ~0.5 per step: unconstrained, some leave the range.
    expect(ranges[1].nMin < 0.01 || ranges[1].sMax > 1 || ranges[1].sMin < 0).toBe(true);
  });

  it('setLr takes effect at the next step without resetting Adam', () => {
    const sp = spec('tanh');
    const { x, y } = batch(9);
    const stepSizes = (lr2: number) => {
      const p = createRnn(sp, createRng(10));
      const ts = createTrainStep(p, sp, { lr: 1e-2, clip: 0, constrain: false });
      const r1 = ts.step(x, y);
      tf.dispose([r1.loss, r1.acc, r1.gradNorm]);
      const before = p.V.dataSync().slice();
      ts.setLr(lr2);
      const r2 = ts.step(x, y);
      tf.dispose([r2.loss, r2.acc, r2.gradNorm]);
      const after = p.V.dataSync();
      const d = Math.max(...Array.from(after, (v, i) => Math.abs(v - before[i])));
      ts.dispose();
      disposeRnn(p);
      return d;
    };
    const same = stepSizes(1e-2);
    const tenth = stepSizes(1e-3);
    expect(tenth / same).toBeCloseTo(0.1, 3);
  });

  it('optimizer state round-trips into a fresh optimizer: the next step is identical', async () => {
    const sp = spec('homogeneous', 2, 0.2);
    const { x, y } = batch(11);
    const p1 = createRnn(sp, createRng(12));
    const ts1 = createTrainStep(p1, sp, { lr: 1e-2, clip: 1, constrain: true });
    for (let i = 0; i < 3; i++) {
      const r = ts1.step(x, y);
      tf.dispose([r.loss, r.acc, r.gradNorm]);
    }
    const state = await readOptimizerState(ts1.optimizer);
    expect(state.map((e) => e.name)).toEqual(['iter', 'm0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect(state[0].values[0]).toBe(3);
    // A second network with the same weights and a fresh optimizer restored from the state.
    const p2 = createRnn(sp, createRng(99));
    const vars1 = [p1.U, p1.V, p1.b, p1.Wo, p1.bo, p1.n!, p1.s!];
    const vars2 = [p2.U, p2.V, p2.b, p2.Wo, p2.bo, p2.n!, p2.s!];
    vars2.forEach((v, i) => v.assign(vars1[i]));
    const ts2 = createTrainStep(p2, sp, { lr: 1e-2, clip: 1, constrain: true });
    const before = tf.memory().numTensors;
    await restoreOptimizerState(ts2.optimizer, state);
    expect(tf.memory().numTensors).toBe(before + 14); // the 14 moment variables, nothing else
    const a = ts1.step(x, y);
    const b = ts2.step(x, y);
    expect(b.loss.dataSync()[0]).toBe(a.loss.dataSync()[0]);
    vars1.forEach((v, i) => expect(Array.from(vars2[i].dataSync())).toEqual(Array.from(v.dataSync())));
    tf.dispose([a.loss, a.acc, a.gradNorm, b.loss, b.acc, b.gradNorm, x, y]);
    ts1.dispose();
    ts2.dispose();
    disposeRnn(p1);
    disposeRnn(p2);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../src/core/rng';
import { createRnn, disposeRnn, forward, lossAndAccuracy, type RnnParams, type RnnSpec } from '../../src/core/rnn';
import { createTask } from '../../src/core/tasks/index';
import { createTrainStep, readOptimizerState, restoreOptimizerState, type TrainStepOptions, type VarName } from '../../src/core/trainStep';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const task = createTask('flipflop', { seed: 1, delay: 0 });
const spec: RnnSpec = { inputs: task.info.inputs, hidden: 12, classes: task.info.classes, readout: task.info.readout, mode: 'heterogeneous', n0: 2, s0: 0.3 };
const NAMES: VarName[] = ['U', 'V', 'b', 'Wo', 'bo', 'n', 's'];

function batch(seed: number) {
  const b = task.trainBatch(createRng(seed), 8);
  return { x: tf.tensor3d(b.x, [b.batch, b.steps, b.inputs]), y: tf.tensor2d(b.y, [b.batch, b.steps], 'int32') };
}

function values(p: RnnParams): Record<VarName, Float32Array> {
  return Object.fromEntries(NAMES.map((k) => [k, Float32Array.from((p[k] as tf.Variable).dataSync())])) as Record<VarName, Float32Array>;
}

/** Values before and after `steps` steps from the same start (seed 3) and batch. */
function run(opts: Partial<TrainStepOptions>, steps = 2): { before: Record<VarName, Float32Array>; after: Record<VarName, Float32Array>; norms: number[] } {
  const p = createRnn(spec, createRng(3));
  const ts = createTrainStep(p, spec, { lr: 1e-2, clip: 1, constrain: false, ...opts });
  const { x, y } = batch(4);
  const before = values(p);
  const norms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = ts.step(x, y);
    norms.push(r.gradNorm.dataSync()[0]);
    tf.dispose([r.loss, r.acc, r.gradNorm]);
  }
  const after = values(p);
  ts.dispose();
  disposeRnn(p);
  tf.dispose([x, y]);
  return { before, after, norms };
}

const maxDelta = (a: Float32Array, b: Float32Array) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

describe('flat Adam options', () => {
  it('activationLrScale is a per-variable learning rate: n and s move ×0.1 as far, the weights exactly as far', () => {
    // One step from the same weights: same gradients, so any difference is the learning rate's.
    const one = run({}, 1);
    const tenth = run({ activationLrScale: 0.1 }, 1);
    for (const k of ['n', 's'] as const) {
      const ratio = maxDelta(tenth.after[k], tenth.before[k]) / maxDelta(one.after[k], one.before[k]);
      // A gradient scale would leave Adam's step unchanged (ratio 1): Adam divides it out.
      expect(ratio).toBeCloseTo(0.1, 4);
    }
    for (const k of ['U', 'V', 'b', 'Wo', 'bo'] as const) expect(tenth.after[k]).toEqual(one.after[k]);
  });

  it("only: ['n', 's'] trains n and s; every other variable stays bit-identical", () => {
    const r = run({ only: ['n', 's'] }, 3);
    for (const k of ['U', 'V', 'b', 'Wo', 'bo'] as const) expect(r.after[k]).toEqual(r.before[k]);
    expect(maxDelta(r.after.n, r.before.n)).toBeGreaterThan(1e-3);
    expect(maxDelta(r.after.s, r.before.s)).toBeGreaterThan(1e-3);
  });

  it("only: ['b'] clips by the norm of b's gradient alone and changes b only", () => {
    const r = run({ only: ['b'] }, 1);
    for (const k of ['U', 'V', 'Wo', 'bo', 'n', 's'] as const) expect(r.after[k]).toEqual(r.before[k]);
    expect(maxDelta(r.after.b, r.before.b)).toBeGreaterThan(1e-3);
    // The reported norm is ‖∂L/∂b‖, computed here by autograd on the starting weights.
    const p = createRnn(spec, createRng(3));
    const { x, y } = batch(4);
    const { grads } = tf.variableGrads(() => lossAndAccuracy(forward(p, spec, x).logits, y, spec.readout).loss, [p.b]);
    const expected = Math.sqrt(Array.from(grads[p.b.name].dataSync()).reduce((s, v) => s + v * v, 0));
    expect(r.norms[0]).toBeCloseTo(expected, 5);
    tf.dispose([x, y, ...Object.values(grads)]);
    disposeRnn(p);
  });

  it('a state saved with `only` names the trained variables positionally and restores into a fresh optimizer', async () => {
    const p1 = createRnn(spec, createRng(5));
    const p2 = createRnn(spec, createRng(5));
    const opts = { lr: 1e-2, clip: 1, constrain: true, only: ['b', 'n'] as VarName[] };
    const ts1 = createTrainStep(p1, spec, opts);
    const { x, y } = batch(6);
    for (let i = 0; i < 2; i++) tf.dispose(Object.values(ts1.step(x, y)));
    const state = await readOptimizerState(ts1.optimizer);
    expect(state.map((e) => [e.name, e.shape])).toEqual([['iter', []], ['m0', [12]], ['m1', [12]], ['v0', [12]], ['v1', [12]]]);
    for (const k of NAMES) (p2[k] as tf.Variable).assign(p1[k] as tf.Variable);
    const ts2 = createTrainStep(p2, spec, opts);
    await restoreOptimizerState(ts2.optimizer, state);
    tf.dispose([...Object.values(ts1.step(x, y)), ...Object.values(ts2.step(x, y))]);
    for (const k of NAMES) expect(Array.from((p2[k] as tf.Variable).dataSync())).toEqual(Array.from((p1[k] as tf.Variable).dataSync()));
    await expect(restoreOptimizerState(createTrainStep(p2, spec, { ...opts, only: ['b'] }).optimizer, state)).rejects.toThrow(/1 first and 1 second moments/);
    ts1.dispose();
    ts2.dispose();
    disposeRnn(p1);
    disposeRnn(p2);
    tf.dispose([x, y]);
  });

  it('tensor count stays flat with only and a scale', () => {
    const p = createRnn(spec, createRng(7));
    const ts = createTrainStep(p, spec, { lr: 1e-2, clip: 1, constrain: true, only: ['n', 's', 'b'], activationLrScale: 3 });
    const { x, y } = batch(8);
    tf.dispose(Object.values(ts.step(x, y)));
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) tf.dispose(Object.values(ts.step(x, y)));
    expect(tf.memory().numTensors).toBe(after1);
    ts.dispose();
    disposeRnn(p);
    tf.dispose([x, y]);
  });
});

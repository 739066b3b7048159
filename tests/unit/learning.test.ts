/**
 * Learning is real: short, fixed budgets on the wasm backend (the fast path without a GPU) must
 * take the test metrics clearly past the input-blind baseline. Numbers observed here are in the
 * test names; the thresholds leave room for other seeds and machines but not for a model that
 * does not learn.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../../src/core/rng';
import { createRnn, disposeRnn, forward, lossAndAccuracy, type RnnSpec } from '../../src/core/rnn';
import { createTask } from '../../src/core/tasks/index';
import { createTrainStep } from '../../src/core/trainStep';
import type { Batch } from '../../src/core/taskTypes';
import type { Mode, TaskId } from '../../src/state/schema';
import { loadMnist, ROOT } from './mnistData';

beforeAll(async () => {
  setWasmPaths(resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  await tf.setBackend('wasm');
  await tf.ready();
});

function tensors(b: Batch, readout: 'last' | 'all') {
  const x = tf.tensor3d(b.x, [b.batch, b.steps, b.inputs]);
  const y = readout === 'last' ? tf.tensor1d(b.y, 'int32') : tf.tensor2d(b.y, [b.batch, b.steps], 'int32');
  return { x, y };
}

interface Outcome {
  chanceLoss: number;
  chanceAcc: number;
  firstLoss: number;
  testLoss: number;
  testAcc: number;
}

async function train(taskId: TaskId, mode: Mode, steps: number, opts: { hidden?: number; delay?: number; lr?: number; n0?: number; s0?: number } = {}): Promise<Outcome> {
  const task = createTask(taskId, { seed: 1, delay: opts.delay ?? 10, data: taskId === 'copy' || taskId === 'flipflop' ? undefined : loadMnist() });
  const spec: RnnSpec = {
    inputs: task.info.inputs,
    hidden: opts.hidden ?? 64,
    classes: task.info.classes,
    readout: task.info.readout,
    mode,
    n0: opts.n0 ?? 1,
    s0: opts.s0 ?? 0,
  };
  const root = createRng(1);
  const p = createRnn(spec, root.fork('init'));
  const ts = createTrainStep(p, spec, { lr: opts.lr ?? 3e-3, clip: 1, constrain: true });
  const data = root.fork('data');
  let firstLoss = NaN;
  for (let i = 0; i < steps; i++) {
    const { x, y } = tensors(task.trainBatch(data, 32), spec.readout);
    const r = ts.step(x, y);
    if (i === 0) firstLoss = (await r.loss.data())[0];
    tf.dispose([r.loss, r.acc, r.gradNorm, x, y]);
  }
  const [testLoss, testAcc] = tf.tidy(() => {
    const { x, y } = tensors(task.testSet(), spec.readout);
    const { loss, acc } = lossAndAccuracy(forward(p, spec, x).logits, y, spec.readout);
    return [loss.dataSync()[0], acc.dataSync()[0]];
  });
  ts.dispose();
  disposeRnn(p);
  const out = { chanceLoss: task.info.chanceLoss, chanceAcc: task.info.chanceAcc, firstLoss, testLoss, testAcc };
  console.log(`${taskId} ${mode}: ${JSON.stringify(out, (_, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v))}`);
  return out;
}

describe('learning on wasm (N = 64, batch 32, Adam lr 3e-3, clip 1)', () => {
  it('row-sMNIST, homogeneous γ from softplus: 300 steps → 75% test accuracy here (chance 11%)', async () => {
    const o = await train('rows', 'homogeneous', 300);
    expect(o.testAcc).toBeGreaterThan(0.6);
    expect(o.testLoss).toBeLessThan(o.chanceLoss * 0.6);
  });

  it('3-bit flip-flop, heterogeneous γ: 300 steps → test loss 0.68 vs baseline 2.08, accuracy 77% here', async () => {
    const o = await train('flipflop', 'heterogeneous', 300);
    expect(o.testLoss).toBeLessThan(o.chanceLoss * 0.5);
    expect(o.testAcc).toBeGreaterThan(0.7);
  });

  // Copy tasks sit on the memoryless plateau for a long time. From softplus (n0 = 1, lr 3e-3),
  // 400 steps only reach it (3.20 → 2.082 against ln 8 = 2.079 here). From the high-gain start the
  // paper favours for copy (n ≈ 10) and lr 1e-2, recall starts within a few hundred steps.
  it('copy (delay 10) from n0 = 10, lr 1e-2: 300 steps go below the memoryless baseline ln 8', async () => {
    const o = await train('copy', 'homogeneous', 300, { delay: 10, n0: 10, lr: 1e-2 });
    expect(o.firstLoss).toBeGreaterThan(o.chanceLoss);
    expect(o.testLoss).toBeLessThan(o.chanceLoss - 0.05);
    expect(o.testAcc).toBeGreaterThan(o.chanceAcc + 0.04);
  });
});

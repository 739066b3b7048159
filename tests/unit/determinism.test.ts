import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../src/core/rng';
import { createRnn, disposeRnn, type RnnSpec } from '../../src/core/rnn';
import { createTask } from '../../src/core/tasks/index';
import { createTrainStep } from '../../src/core/trainStep';
import type { Mode, TaskId } from '../../src/state/schema';
import { loadMnist } from './mnistData';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The first `steps` training losses of a run, wired the way a trainer would: forks per use. */
function losses(taskId: TaskId, mode: Mode, seed: number, steps = 20): number[] {
  const task = createTask(taskId, { seed, delay: 5, data: taskId === 'rows' ? loadMnist() : undefined });
  const spec: RnnSpec = { ...task.info, hidden: 16, mode, n0: 2, s0: 0.2 };
  const root = createRng(seed);
  const p = createRnn(spec, root.fork('init'));
  const ts = createTrainStep(p, spec, { lr: 3e-3, clip: 1, constrain: true });
  const data = root.fork('data');
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const b = task.trainBatch(data, 16);
    const x = tf.tensor3d(b.x, [b.batch, b.steps, b.inputs]);
    const y = spec.readout === 'last' ? tf.tensor1d(b.y, 'int32') : tf.tensor2d(b.y, [b.batch, b.steps], 'int32');
    const r = ts.step(x, y);
    out.push(r.loss.dataSync()[0]);
    tf.dispose([r.loss, r.acc, r.gradNorm, x, y]);
  }
  ts.dispose();
  disposeRnn(p);
  return out;
}

describe('determinism on cpu', () => {
  it('row-sMNIST, homogeneous: same seed → identical first 20 losses; another seed → different', () => {
    const a = losses('rows', 'homogeneous', 1);
    expect(losses('rows', 'homogeneous', 1)).toEqual(a);
    const b = losses('rows', 'homogeneous', 2);
    expect(b.filter((v, i) => v !== a[i]).length).toBe(20);
  });
  it('copy, heterogeneous: same seed → identical first 20 losses; another seed → different', () => {
    const a = losses('copy', 'heterogeneous', 5);
    expect(losses('copy', 'heterogeneous', 5)).toEqual(a);
    expect(losses('copy', 'heterogeneous', 6)).not.toEqual(a);
  });
});

describe('rng', () => {
  it('same seed → same stream; forks depend on seed and label only, not on draws made before', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    const fresh = createRng(42).fork('init').next();
    expect(a.fork('init').next()).toBe(fresh); // `a` has drawn 5 numbers: the fork is unaffected
    expect(createRng(42).fork('data').next()).not.toBe(fresh);
    expect(createRng(43).fork('init').next()).not.toBe(fresh);
  });
  it('uniform mean and normal moments are right (100,000 draws)', () => {
    const r = createRng(7);
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    const M = 100_000;
    for (let i = 0; i < M; i++) {
      su += r.next();
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    // Standard errors: 0.29/√M ≈ 9e-4 and 1/√M ≈ 3e-3; bounds at ~4 standard errors.
    expect(Math.abs(su / M - 0.5)).toBeLessThan(4e-3);
    expect(Math.abs(sn / M)).toBeLessThan(1.3e-2);
    expect(Math.abs(sn2 / M - 1)).toBeLessThan(2e-2);
  });
  it('int(n) covers 0..n−1 evenly and shuffle is a permutation', () => {
    const r = createRng(9);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[r.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    const p = r.shuffle(Array.from({ length: 100 }, (_, i) => i));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

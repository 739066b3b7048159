import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { copySteps } from '../../src/core/tasks/copy';
import { FLIPFLOP_BITS } from '../../src/core/tasks/flipflop';
import { createTask, needsMnist } from '../../src/core/tasks/index';
import { pixelPermutation } from '../../src/core/tasks/mnistTasks';
import type { Batch } from '../../src/core/taskTypes';
import { TASKS } from '../../src/state/schema';
import { loadMnist } from './mnistData';

const data = loadMnist();

function checkShape(b: Batch, size: number, steps: number, inputs: number, perStep: boolean) {
  expect([b.batch, b.steps, b.inputs]).toEqual([size, steps, inputs]);
  expect(b.x.length).toBe(size * steps * inputs);
  expect(b.y.length).toBe(perStep ? size * steps : size);
}

describe('tasks', () => {
  it('every schema task id is built by createTask; MNIST ones refuse to start without data', () => {
    for (const id of TASKS) {
      const t = createTask(id, { seed: 1, delay: 10, data });
      expect(t.info.id).toBe(id);
      if (needsMnist(id)) expect(() => createTask(id, { seed: 1, delay: 10 })).toThrow(/needs the MNIST data/);
    }
  });

  for (const [id, steps, inputs] of [
    ['rows', 28, 28],
    ['ps14', 196, 1],
    ['ps28', 784, 1],
  ] as const) {
    it(`${id}: shapes, inputs in [0, 1], labels 0–9, test = the 2,000 test images, 20 probes (2 per digit)`, () => {
      const t = createTask(id, { seed: 3, delay: 0, data });
      expect(t.info).toMatchObject({ steps, inputs, classes: 10, readout: 'last' });
      // Input-blind baseline: about ln 10 and about 1/10 on near-balanced classes.
      expect(t.info.chanceLoss).toBeGreaterThan(2.28);
      expect(t.info.chanceLoss).toBeLessThan(Math.log(10) + 1e-9 + 0.01);
      expect(t.info.chanceAcc).toBeGreaterThan(0.09);
      expect(t.info.chanceAcc).toBeLessThan(0.13);
      const b = t.trainBatch(createRng(4), 32);
      checkShape(b, 32, steps, inputs, false);
      expect(Math.min(...b.x)).toBe(0);
      expect(Math.max(...b.x)).toBeLessThanOrEqual(1);
      expect(Math.max(...b.x)).toBeGreaterThan(0.9);
      for (const y of b.y) expect(y >= 0 && y <= 9).toBe(true);
      const test = t.testSet();
      checkShape(test, 2000, steps, inputs, false);
      expect(Array.from(test.y)).toEqual(Array.from(data.labels.subarray(8000)));
      const probe = t.probeSet();
      checkShape(probe, 20, steps, inputs, false);
      expect(Array.from(probe.labels)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
      expect(t.testSet()).toBe(test); // cached
    });
  }

  it('rows: sequence b is image b row by row; ps: a permutation of its pixels, fixed by the seed', () => {
    const rows = createTask('rows', { seed: 1, delay: 0, data }).testSet();
    for (let p = 0; p < 784; p++) expect(rows.x[p]).toBeCloseTo(data.images28[8000 * 784 + p] / 255, 7);
    const perm = pixelPermutation(createRng(9).fork('task ps28'), 784);
    expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: 784 }, (_, i) => i));
    const ps = createTask('ps28', { seed: 9, delay: 0, data }).testSet();
    for (let t = 0; t < 784; t++) expect(ps.x[t]).toBeCloseTo(data.images28[8000 * 784 + perm[t]] / 255, 7);
    const fixed = Array.from({ length: 784 }, (_, i) => i).filter((i) => perm[i] === i).length;
    expect(fixed).toBeLessThan(10); // a real shuffle (≈ 1 fixed point expected)
    const ps14a = createTask('ps14', { seed: 9, delay: 0, data }).probeSet().x;
    const ps14b = createTask('ps14', { seed: 10, delay: 0, data }).probeSet().x;
    expect(Array.from(ps14a)).not.toEqual(Array.from(ps14b));
  });

  it('copy: one-hot inputs, marker after the delay, targets −1 except the 10 recall steps which repeat the symbols', () => {
    const delay = 7;
    const t = createTask('copy', { seed: 2, delay, data });
    const T = copySteps(delay);
    expect(T).toBe(10 + delay + 1 + 10);
    expect(t.info).toMatchObject({ inputs: 10, classes: 8, steps: T, readout: 'all' });
    expect(t.info.chanceLoss).toBeCloseTo(Math.log(8), 12);
    expect(t.info.chanceAcc).toBe(1 / 8);
    const b = t.trainBatch(createRng(3), 50);
    checkShape(b, 50, T, 10, true);
    const seen = new Set<number>();
    for (let s = 0; s < 50; s++) {
      const channel = (step: number) => {
        const row = Array.from(b.x.subarray((s * T + step) * 10, (s * T + step + 1) * 10));
        expect(row.reduce((a, v) => a + v, 0)).toBe(1);
        return row.indexOf(1);
      };
      const symbols = Array.from({ length: 10 }, (_, k) => channel(k));
      for (const c of symbols) expect(c >= 1 && c <= 8).toBe(true);
      symbols.forEach((c) => seen.add(c));
      for (let k = 10; k < 10 + delay; k++) expect(channel(k)).toBe(0);
      expect(channel(10 + delay)).toBe(9);
      for (let k = 11 + delay; k < T; k++) expect(channel(k)).toBe(0);
      const y = Array.from(b.y.subarray(s * T, (s + 1) * T));
      expect(y.slice(0, 11 + delay).every((v) => v === -1)).toBe(true);
      expect(y.slice(11 + delay)).toEqual(symbols.map((c) => c - 1));
    }
    expect(seen.size).toBe(8);
    checkShape(t.testSet(), 1000, T, 10, true);
    const probe = t.probeSet();
    expect(probe.batch).toBeLessThanOrEqual(20);
    // Probe label = first symbol's class.
    for (let s = 0; s < probe.batch; s++) expect(probe.x[s * T * 10 + probe.labels[s] + 1]).toBe(1);
  });

  it('flipflop: sparse ±1 pulses, every channel pulsed at t = 0, target = latest sign per channel as a 3-bit class', () => {
    const t = createTask('flipflop', { seed: 4, delay: 0, data });
    const T = t.info.steps;
    expect(t.info).toMatchObject({ inputs: FLIPFLOP_BITS, classes: 8, readout: 'all' });
    const b = t.trainBatch(createRng(5), 100);
    checkShape(b, 100, T, 3, true);
    let pulses = 0;
    const classCounts = new Array(8).fill(0);
    for (let s = 0; s < 100; s++) {
      const state = [0, 0, 0];
      for (let step = 0; step < T; step++) {
        for (let k = 0; k < 3; k++) {
          const v = b.x[(s * T + step) * 3 + k];
          expect([-1, 0, 1]).toContain(v);
          if (step === 0) expect(v).not.toBe(0);
          else if (v !== 0) pulses++;
          if (v !== 0) state[k] = v > 0 ? 1 : 0;
        }
        const cls = state[0] + 2 * state[1] + 4 * state[2];
        expect(b.y[s * T + step]).toBe(cls);
        classCounts[cls]++;
      }
    }
    // Pulse rate 0.06 per channel per step: 100·59·3·0.06 ≈ 1,062 expected.
    expect(pulses).toBeGreaterThan(850);
    expect(pulses).toBeLessThan(1300);
    for (const c of classCounts) expect(c).toBeGreaterThan(100 * T * 0.06); // all 8 states occur
    const probe = t.probeSet();
    expect(probe.batch).toBe(16);
    for (let s = 0; s < 16; s++) expect(probe.labels[s]).toBe(probe.y[s * T + T - 1]);
    expect([...probe.labels]).toEqual([...probe.labels].sort((a, c) => a - c));
  });

  it('fixed sets depend on the seed only; training batches on the rng passed in', () => {
    const a = createTask('copy', { seed: 1, delay: 5 });
    const b = createTask('copy', { seed: 1, delay: 5 });
    expect(Array.from(a.testSet().x)).toEqual(Array.from(b.testSet().x));
    expect(Array.from(a.trainBatch(createRng(8), 4).y)).toEqual(Array.from(b.trainBatch(createRng(8), 4).y));
    expect(Array.from(a.trainBatch(createRng(8), 4).y)).not.toEqual(Array.from(a.trainBatch(createRng(9), 4).y));
    expect(Array.from(createTask('copy', { seed: 2, delay: 5 }).testSet().y)).not.toEqual(Array.from(a.testSet().y));
  });
});

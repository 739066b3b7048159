/**
 * Input shifts: exact values of each transform (0-based t), and a shifted task whose training
 * batches, test set and probe set are all transformed the same way, targets untouched.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng';
import { defaultShift, describeShift, shiftInputs, shiftProfile, shiftTask, SINE_TEST_AMPLITUDE, SINE_TRAIN_AMPLITUDE, type Shift } from '../../src/core/shift';
import { createTask } from '../../src/core/tasks/index';

const B = 3;
const T = 9;
const I = 2;
const shape = { batch: B, steps: T, inputs: I };
const r = createRng(5);
const x = Float32Array.from({ length: B * T * I }, () => r.normal());
const at = (b: number, t: number, i: number) => (b * T + t) * I + i;

describe('shift transforms', () => {
  it('sine with A = 0 is the identity, and the input is not modified in place', () => {
    const copy = Float32Array.from(x);
    expect(shiftInputs(x, shape, { kind: 'sine', amplitude: 0, frequency: 1, phase: 0.3 })).toEqual(x);
    expect(x).toEqual(copy);
  });

  it('sine multiplies step t by 1 + A·sin(2π·f·t/T + φ)', () => {
    const s: Shift = { kind: 'sine', amplitude: 0.5, frequency: 2, phase: 0.25 };
    const y = shiftInputs(x, shape, s);
    for (const [b, t, i] of [[0, 0, 0], [1, 3, 1], [2, 8, 0]]) {
      expect(y[at(b, t, i)]).toBeCloseTo(x[at(b, t, i)] * (1 + 0.5 * Math.sin((2 * Math.PI * 2 * t) / T + 0.25)), 6);
    }
    expect([SINE_TRAIN_AMPLITUDE, SINE_TEST_AMPLITUDE]).toEqual([0.2, 0.5]);
    expect(defaultShift('sine', T)).toEqual({ kind: 'sine', amplitude: 0.5, frequency: 1, phase: 0 });
  });

  it('sin(π·t/(T − 1)) is exactly 0 at t = 0 and t = T − 1, 1 midway (T odd), symmetric', () => {
    const { gain, offset } = shiftProfile({ kind: 'envelope' }, T);
    expect(gain[0]).toBe(0);
    expect(gain[T - 1]).toBe(0);
    expect(gain[(T - 1) / 2]).toBe(1);
    for (let t = 0; t < T; t++) expect(gain[t]).toBe(gain[T - 1 - t]);
    expect(gain[2]).toBeCloseTo(Math.sin((Math.PI * 2) / (T - 1)), 15);
    expect(Array.from(offset)).toEqual(new Array(T).fill(0));
    const y = shiftInputs(x, shape, { kind: 'envelope' });
    for (let b = 0; b < B; b++)
      for (let i = 0; i < I; i++) {
        expect(y[at(b, 0, i)]).toBe(0);
        expect(y[at(b, T - 1, i)]).toBe(0);
      }
    expect(shiftProfile({ kind: 'envelope' }, 1).gain[0]).toBe(0);
  });

  it('the drive adds exactly c on steps [from, to) and nothing elsewhere', () => {
    const c = 0.75;
    const y = shiftInputs(x, shape, { kind: 'drive', value: c, from: 2, to: 5 });
    for (let b = 0; b < B; b++)
      for (let t = 0; t < T; t++)
        for (let i = 0; i < I; i++) {
          const inside = t >= 2 && t < 5;
          expect(y[at(b, t, i)]).toBe(Math.fround(x[at(b, t, i)] + (inside ? c : 0)));
        }
    expect(defaultShift('drive', 784)).toEqual({ kind: 'drive', value: 1, from: 196, to: 392 });
  });

  it('refuses malformed shifts and mismatched shapes, saying what is wrong', () => {
    expect(() => shiftInputs(x, shape, { kind: 'drive', value: 1, from: 5, to: 2 })).toThrow('the window [from, to) must be whole steps with 0 ≤ from ≤ to, got [5, 2)');
    expect(() => shiftInputs(x, shape, { kind: 'sine', amplitude: NaN, frequency: 1, phase: 0 })).toThrow('must be finite');
    expect(() => shiftInputs(x.subarray(1), shape, { kind: 'envelope' })).toThrow(`expected ${B}×${T}×${I} inputs`);
  });

  it('describes each shift in a short phrase', () => {
    expect(describeShift(defaultShift('sine', 10))).toBe('inputs × (1 + 0.5·sin(2π·1·t/T))');
    expect(describeShift({ kind: 'envelope' })).toBe('inputs × sin(π·t/(T − 1))');
    expect(describeShift(defaultShift('drive', 40))).toBe('inputs + 1 for steps 10–19');
  });
});

describe('shiftTask', () => {
  const base = createTask('flipflop', { seed: 3, delay: 5 });
  const shift: Shift = { kind: 'drive', value: 2, from: 10, to: 30 };
  const shifted = shiftTask(base, shift);
  const same = (a: { x: Float32Array; batch: number; steps: number; inputs: number }, b: { x: Float32Array }) =>
    expect(b.x).toEqual(shiftInputs(a.x, a, shift));

  it('transforms training batches, the test set and the probe set alike; targets and labels unchanged', () => {
    const a = base.trainBatch(createRng(9), 4);
    const b = shifted.trainBatch(createRng(9), 4);
    same(a, b);
    expect(b.y).toEqual(a.y);
    same(base.testSet(), shifted.testSet());
    expect(shifted.testSet().y).toEqual(base.testSet().y);
    const probe = shifted.probeSet();
    same(base.probeSet(), probe);
    expect(probe.labels).toEqual(base.probeSet().labels);
    expect(probe.y).toEqual(base.probeSet().y);
  });

  it('keeps the task shape, says the shift in its title, and caches the fixed sets', () => {
    expect({ ...shifted.info, title: '' }).toEqual({ ...base.info, title: '' });
    expect(shifted.info.title).toBe(`${base.info.title}, inputs + 2 for steps 10–29`);
    expect(shifted.testSet()).toBe(shifted.testSet());
    expect(shifted.probeSet()).toBe(shifted.probeSet());
  });

  it('a malformed shift is refused when the task is wrapped', () => {
    expect(() => shiftTask(base, { kind: 'drive', value: 1, from: -1, to: 3 })).toThrow('drive shift');
  });
});

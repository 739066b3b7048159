/**
 * Shifts of the input statistics, for testing a trained network on inputs it was not trained on
 * and re-training it there. Every shift acts step by step on a batch's inputs x [B, T, I]:
 *
 *   x'[b, t, i] = gain(t) · x[b, t, i] + offset(t),      t = 0, 1, …, T − 1 (0-based)
 *
 *   sine      gain(t) = 1 + A · sin(2π · f · t / T + φ)   the authors' code trains at A = 0.2 and
 *                                                        tests at A = 0.5, with f = 1, φ = 0
 *   envelope  gain(t) = sin(π · t / (T − 1))              0 at the first and the last step, 1 midway
 *                                                        (T − 1, not T: so that both ends are 0)
 *   drive     offset(t) = c for from ≤ t < to             on every input channel; 0 elsewhere
 *
 * Pure: plain typed arrays in and out, nothing is modified in place.
 */
import type { Batch } from './taskTypes';
import { once, type ProbeBatch, type Task } from './tasks/task';

export const SHIFT_KINDS = ['sine', 'envelope', 'drive'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];

export interface SineShift {
  kind: 'sine';
  /** A: relative depth of the modulation. */
  amplitude: number;
  /** f: cycles over the whole sequence. */
  frequency: number;
  /** φ, radians. */
  phase: number;
}
export interface EnvelopeShift {
  kind: 'envelope';
}
export interface DriveShift {
  kind: 'drive';
  /** c, added to every input channel inside the window. */
  value: number;
  /** Window [from, to) in 0-based steps. */
  from: number;
  to: number;
}
export type Shift = SineShift | EnvelopeShift | DriveShift;

/** The authors' amplitudes: the network is trained under the first and tested under the second. */
export const SINE_TRAIN_AMPLITUDE = 0.2;
export const SINE_TEST_AMPLITUDE = 0.5;

/**
 * Defaults for a task of `steps` steps: the test-time sine (A = 0.5, f = 1, φ = 0); a drive of +1
 * over the second quarter of the sequence (the authors' 200 < t < 400 of 784 steps, scaled).
 */
export function defaultShift(kind: ShiftKind, steps: number): Shift {
  switch (kind) {
    case 'sine':
      return { kind, amplitude: SINE_TEST_AMPLITUDE, frequency: 1, phase: 0 };
    case 'envelope':
      return { kind };
    case 'drive':
      return { kind, value: 1, from: Math.floor(steps / 4), to: Math.floor(steps / 2) };
  }
}

/** Per-step gain and offset of a shift over T steps (also what a figure of the shift draws). */
export function shiftProfile(shift: Shift, steps: number): { gain: Float64Array; offset: Float64Array } {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`a shift needs a whole number of steps ≥ 1, got ${steps}`);
  const gain = new Float64Array(steps).fill(1);
  const offset = new Float64Array(steps);
  switch (shift.kind) {
    case 'sine': {
      const { amplitude: A, frequency: f, phase } = shift;
      if (![A, f, phase].every(Number.isFinite)) throw new Error('sine shift: amplitude, frequency and phase must be finite numbers');
      for (let t = 0; t < steps; t++) gain[t] = 1 + A * Math.sin((2 * Math.PI * f * t) / steps + phase);
      break;
    }
    case 'envelope':
      // Measured from the nearer end, so both ends are exactly sin(0) = 0 (sin(π) is 1.2e−16 in
      // floating point). A single step is both ends: 0.
      for (let t = 0; t < steps; t++) gain[t] = steps === 1 ? 0 : Math.sin((Math.PI * Math.min(t, steps - 1 - t)) / (steps - 1));
      break;
    case 'drive': {
      const { value, from, to } = shift;
      if (!Number.isFinite(value)) throw new Error('drive shift: value must be a finite number');
      if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= from)) {
        throw new Error(`drive shift: the window [from, to) must be whole steps with 0 ≤ from ≤ to, got [${from}, ${to})`);
      }
      for (let t = from; t < Math.min(to, steps); t++) offset[t] = value;
      break;
    }
  }
  return { gain, offset };
}

/** Shifted copy of inputs x laid out [B, T, I] (row-major, as the tasks produce them). */
export function shiftInputs(x: Float32Array, shape: { batch: number; steps: number; inputs: number }, shift: Shift): Float32Array {
  const { batch: B, steps: T, inputs: I } = shape;
  if (x.length !== B * T * I) throw new Error(`expected ${B}×${T}×${I} inputs, got ${x.length}`);
  const { gain, offset } = shiftProfile(shift, T);
  const out = new Float32Array(x.length);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const at = (b * T + t) * I;
      for (let i = 0; i < I; i++) out[at + i] = gain[t] * x[at + i] + offset[t];
    }
  }
  return out;
}

export function shiftBatch<B extends Batch>(batch: B, shift: Shift): B {
  return { ...batch, x: shiftInputs(batch.x, batch, shift) };
}

/**
 * The task seen through a shift: training batches, the test set and the probe set are all
 * shifted (targets untouched), so a trained network can be evaluated under the shift and trained
 * further there. The fixed sets are shifted once and cached.
 */
export function shiftTask(task: Task, shift: Shift): Task {
  shiftProfile(shift, task.info.steps); // refuse a malformed shift now rather than at the first batch
  return {
    info: { ...task.info, title: `${task.info.title}, ${describeShift(shift)}` },
    trainBatch: (rng, size) => shiftBatch(task.trainBatch(rng, size), shift),
    testSet: once(() => shiftBatch(task.testSet(), shift)),
    probeSet: once((): ProbeBatch => shiftBatch(task.probeSet(), shift)),
  };
}

/** A short phrase for captions and titles. */
export function describeShift(shift: Shift): string {
  switch (shift.kind) {
    case 'sine':
      return `inputs × (1 + ${shift.amplitude}·sin(2π·${shift.frequency}·t/T${shift.phase ? ` + ${shift.phase}` : ''}))`;
    case 'envelope':
      return 'inputs × sin(π·t/(T − 1))';
    case 'drive':
      return shift.to > shift.from ? `inputs + ${shift.value} for steps ${shift.from}–${shift.to - 1}` : 'inputs unchanged (empty drive window)';
  }
}

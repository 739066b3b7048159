/**
 * 3-bit flip-flop: three input channels receive sparse ±1 pulses; at every step the network must
 * report, for each channel, the sign of its latest pulse — one of 2³ = 8 states, scored at every
 * step as a class (bit k set when channel k last saw +1). Every channel is pulsed at t = 0 so the
 * state is always defined. A trained network holds 8 stable fixed points (the corners of a cube in
 * its top principal components) and jumps between them: a vivid phase portrait.
 * The input-blind baseline guesses uniformly over the 8 equally likely states: ln 8 and 1/8.
 */
import type { Rng } from '../rng';
import type { Batch, TaskInfo } from '../taskTypes';
import { once, type ProbeBatch, type Task } from './task';

export const FLIPFLOP_BITS = 3;
export const FLIPFLOP_STEPS = 60;
/** Chance of a pulse on each channel at each step after the first (≈ 3.5 pulses per channel). */
export const FLIPFLOP_PULSE = 0.06;
const STATES = 1 << FLIPFLOP_BITS;
const TEST_SIZE = 1000;
const PROBES = 16;

export function createFlipFlopTask(rng: Rng): Task {
  const T = FLIPFLOP_STEPS;
  const info: TaskInfo = {
    id: 'flipflop',
    title: '3-bit flip-flop (60 steps)',
    inputs: FLIPFLOP_BITS,
    steps: T,
    classes: STATES,
    readout: 'all',
    chanceLoss: Math.log(STATES),
    chanceAcc: 1 / STATES,
  };

  const make = (r: Rng, size: number): Batch => {
    const x = new Float32Array(size * T * FLIPFLOP_BITS);
    const y = new Int32Array(size * T);
    for (let b = 0; b < size; b++) {
      let state = 0;
      for (let t = 0; t < T; t++) {
        for (let k = 0; k < FLIPFLOP_BITS; k++) {
          if (t > 0 && r.next() >= FLIPFLOP_PULSE) continue;
          const up = r.next() < 0.5;
          x[(b * T + t) * FLIPFLOP_BITS + k] = up ? 1 : -1;
          state = up ? state | (1 << k) : state & ~(1 << k);
        }
        y[b * T + t] = state;
      }
    }
    return { x, y, batch: size, steps: T, inputs: FLIPFLOP_BITS };
  };

  return {
    info,
    trainBatch: (r, size) => make(r, size),
    testSet: once(() => make(rng.fork('flipflop test'), TEST_SIZE)),
    probeSet: once((): ProbeBatch => {
      // Labelled by the final state, and sorted by it so the portrait's colours group.
      const batch = make(rng.fork('flipflop probe'), PROBES);
      const final = Int32Array.from({ length: PROBES }, (_, b) => batch.y[b * T + T - 1]);
      const order = Array.from({ length: PROBES }, (_, b) => b).sort((a, b) => final[a] - final[b] || a - b);
      const x = new Float32Array(batch.x.length);
      const y = new Int32Array(batch.y.length);
      order.forEach((src, dst) => {
        x.set(batch.x.subarray(src * T * FLIPFLOP_BITS, (src + 1) * T * FLIPFLOP_BITS), dst * T * FLIPFLOP_BITS);
        y.set(batch.y.subarray(src * T, (src + 1) * T), dst * T);
      });
      return { ...batch, x, y, labels: Int32Array.from(order, (b) => final[b]) };
    }),
  };
}

/**
 * Copy task: 10 symbols drawn from an alphabet of 8, `delay` blank steps, a recall marker, then
 * 10 blank steps during which the network must output the 10 symbols in order.
 * Inputs are one-hot over 10 channels: 0 blank, 1–8 the symbols, 9 the marker.
 * Only the 10 recall steps are scored (targets −1 elsewhere), with the symbol as class 0–7: loss
 * and accuracy then measure recall alone, and the memoryless baseline (a uniform guess over the
 * 8 symbols on every scored step) is chanceLoss = ln 8, chanceAcc = 1/8. The paper's figure
 * 10·ln 8 / (T + 20) is the same guess averaged over all steps, blanks included.
 */
import type { Rng } from '../rng';
import type { Batch, TaskInfo } from '../taskTypes';
import { once, type ProbeBatch, type Task } from './task';

export const COPY_SYMBOLS = 8;
export const COPY_LENGTH = 10;
export const COPY_CHANNELS = COPY_SYMBOLS + 2;
const BLANK = 0;
const MARKER = COPY_SYMBOLS + 1;
const TEST_SIZE = 1000;
const PROBES = 16;

/** Total steps for a given delay: symbols, blanks, marker, recall. */
export function copySteps(delay: number): number {
  return COPY_LENGTH + delay + 1 + COPY_LENGTH;
}

export function createCopyTask(delay: number, rng: Rng): Task {
  if (!(Number.isInteger(delay) && delay >= 1)) throw new Error(`copy delay must be a positive integer, got ${delay}`);
  const T = copySteps(delay);
  const recallStart = COPY_LENGTH + delay + 1;
  const info: TaskInfo = {
    id: 'copy',
    title: `Copy 10 symbols after ${delay} blank steps`,
    inputs: COPY_CHANNELS,
    steps: T,
    classes: COPY_SYMBOLS,
    readout: 'all',
    chanceLoss: Math.log(COPY_SYMBOLS),
    chanceAcc: 1 / COPY_SYMBOLS,
  };

  /** `size` sequences; `first` (when given) forces the first symbol of sequence b to first(b). */
  const make = (r: Rng, size: number, first?: (b: number) => number): Batch => {
    const x = new Float32Array(size * T * COPY_CHANNELS);
    const y = new Int32Array(size * T).fill(-1);
    for (let b = 0; b < size; b++) {
      const row = (t: number) => (b * T + t) * COPY_CHANNELS;
      for (let k = 0; k < COPY_LENGTH; k++) {
        const sym = k === 0 && first ? first(b) : r.int(COPY_SYMBOLS); // 0–7, input channel sym + 1
        x[row(k) + sym + 1] = 1;
        y[b * T + recallStart + k] = sym;
      }
      for (let t = COPY_LENGTH; t < T; t++) x[row(t) + (t === recallStart - 1 ? MARKER : BLANK)] = 1;
    }
    return { x, y, batch: size, steps: T, inputs: COPY_CHANNELS };
  };

  return {
    info,
    trainBatch: (r, size) => make(r, size),
    testSet: once(() => make(rng.fork('copy test'), TEST_SIZE)),
    probeSet: once((): ProbeBatch => {
      const firstOf = (b: number) => Math.floor(b / (PROBES / COPY_SYMBOLS));
      const batch = make(rng.fork('copy probe'), PROBES, firstOf);
      return { ...batch, labels: Int32Array.from({ length: PROBES }, (_, b) => firstOf(b)) };
    }),
  };
}

/**
 * MNIST read as a sequence: by rows (28 steps of 28 pixels) or pixel by pixel in a fixed random
 * permutation (psMNIST) of the 14×14 or full 28×28 images. Inputs are pixels / 255 in [0, 1].
 * Training batches come from the training split, the test set is the whole test split.
 */
import type { MnistData } from '../mnist';
import type { Rng } from '../rng';
import type { Batch, TaskInfo } from '../taskTypes';
import { once, type ProbeBatch, type Task } from './task';

export type MnistTaskId = 'rows' | 'ps14' | 'ps28';

/** Probe sequences per digit (20 in all). */
const PROBES_PER_CLASS = 2;

interface Layout {
  title: string;
  side: 14 | 28;
  steps: number;
  inputs: number;
  permuted: boolean;
}

export const LAYOUTS: Record<MnistTaskId, Layout> = {
  rows: { title: 'Sequential MNIST by rows (28 steps × 28 pixels)', side: 28, steps: 28, inputs: 28, permuted: false },
  ps14: { title: 'Permuted pixel MNIST, 14×14 (196 steps)', side: 14, steps: 196, inputs: 1, permuted: true },
  ps28: { title: 'Permuted pixel MNIST, 28×28 (784 steps)', side: 28, steps: 784, inputs: 1, permuted: true },
};

/** A fixed permutation of 0..size−1 from the run's seed. */
export function pixelPermutation(seed: Rng, size: number): Int32Array {
  const p = Int32Array.from({ length: size }, (_, i) => i);
  return seed.fork('permutation').shuffle(p);
}

/**
 * Baseline that ignores the input: always predict the training-set class frequencies. Scored on
 * the test split: loss = −Σ_c p_test(c)·ln p_train(c), accuracy = p_test(most frequent training class).
 */
function priorBaseline(data: MnistData): { loss: number; acc: number } {
  const train = new Float64Array(10);
  const test = new Float64Array(10);
  for (let i = 0; i < data.count; i++) (i < data.trainCount ? train : test)[data.labels[i]]++;
  let loss = 0;
  let best = 0;
  for (let c = 0; c < 10; c++) {
    loss -= (test[c] / data.testCount) * Math.log(train[c] / data.trainCount);
    if (train[c] > train[best]) best = c;
  }
  return { loss, acc: test[best] / data.testCount };
}

/*
 * One image into a batch, scaled to [0, 1]. Functions of their own, not loops inside the batch
 * loop: Chromium compiled that inner loop alone (on-stack replacement) and deoptimized on each
 * exit from it, 173 times in 15 s of training.
 */
function copyImage(images: Uint8Array, off: number, pixels: number, x: Float32Array, dst: number): void {
  for (let t = 0; t < pixels; t++) x[dst + t] = images[off + t] / 255;
}

function copyPermutedImage(images: Uint8Array, off: number, perm: Int32Array, x: Float32Array, dst: number): void {
  for (let t = 0; t < perm.length; t++) x[dst + t] = images[off + perm[t]] / 255;
}

export function createMnistTask(id: MnistTaskId, data: MnistData, rng: Rng): Task {
  const L = LAYOUTS[id];
  const pixels = L.side * L.side;
  const images = L.side === 28 ? data.images28 : data.images14;
  const perm = L.permuted ? pixelPermutation(rng, pixels) : null;
  const base = priorBaseline(data);
  const info: TaskInfo = {
    id,
    title: L.title,
    inputs: L.inputs,
    steps: L.steps,
    classes: 10,
    readout: 'last',
    chanceLoss: base.loss,
    chanceAcc: base.acc,
  };

  /** Batch of the given image indices (into the whole file). */
  const batchOf = (indices: ArrayLike<number>): Batch => {
    const B = indices.length;
    const x = new Float32Array(B * pixels);
    const y = new Int32Array(B);
    for (let b = 0; b < B; b++) {
      const k = indices[b];
      const off = k * pixels;
      const dst = b * pixels;
      // Steps × inputs laid out row-major is the image itself (rows) or its permuted pixels.
      if (perm) copyPermutedImage(images, off, perm, x, dst);
      else copyImage(images, off, pixels, x, dst);
      y[b] = data.labels[k];
    }
    return { x, y, batch: B, steps: L.steps, inputs: L.inputs };
  };

  return {
    info,
    trainBatch(r: Rng, size: number) {
      const idx = new Int32Array(size);
      for (let i = 0; i < size; i++) idx[i] = r.int(data.trainCount);
      return batchOf(idx);
    },
    testSet: once(() => batchOf(Int32Array.from({ length: data.testCount }, (_, i) => data.trainCount + i))),
    probeSet: once((): ProbeBatch => {
      const picked: number[] = [];
      for (let c = 0; c < 10; c++) {
        let found = 0;
        for (let k = data.trainCount; k < data.count && found < PROBES_PER_CLASS; k++) {
          if (data.labels[k] === c) {
            picked.push(k);
            found++;
          }
        }
      }
      const b = batchOf(picked);
      return { ...b, labels: Int32Array.from(b.y) };
    }),
  };
}

/**
 * The wasm backend's copy-free Slice (src/engine/wasm/sliceKernel.ts) against the stock kernel it
 * replaces: the same values for contiguous slices of every rank, for the cases it hands back
 * (strided slices, int32), and after the heap has grown between two slices of one tensor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmSlice } from '../../src/engine/wasm/sliceKernel';
import { ROOT } from './mnistData';

let stock: tf.KernelConfig;

beforeAll(async () => {
  setWasmPaths(resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
  await tf.setBackend('wasm');
  await tf.ready();
  stock = tf.getKernel(tf.Slice, 'wasm') as tf.KernelConfig;
  registerWasmSlice();
});

/** The stock kernel's answer for the same slice, read out of the heap. */
function stockSlice(x: tf.Tensor, begin: number[], size: number[]): Float32Array | Int32Array {
  const out = stock.kernelFunc({ inputs: { x }, attrs: { begin, size }, backend: tf.backend() }) as tf.TensorInfo;
  const values = tf.backend().readSync(out.dataId) as Float32Array | Int32Array;
  tf.backend().disposeData(out.dataId);
  return values;
}

const ramp = (n: number) => Float32Array.from({ length: n }, (_, i) => i * 0.5 - 7);

describe('copy-free wasm Slice', () => {
  it('replaces the stock kernel', () => {
    expect(tf.getKernel(tf.Slice, 'wasm')?.kernelFunc).not.toBe(stock.kernelFunc);
  });

  it.each([
    { shape: [40], begin: [7], size: [13] },
    { shape: [40], begin: [0], size: [40] },
    { shape: [6, 5], begin: [2, 0], size: [3, 5] },
    { shape: [4, 3, 5], begin: [1, 0, 0], size: [2, 3, 5] },
    { shape: [6, 5], begin: [1, 2], size: [3, 2] }, // strided: handed to the stock kernel
  ])('$shape from $begin, size $size: the stock kernel’s values', ({ shape, begin, size }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const x = tf.tensor(ramp(n), shape);
    const ours = tf.slice(x, begin, size);
    expect(ours.shape).toEqual(size);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(stockSlice(x, begin, size)));
    tf.dispose([x, ours]);
  });

  it('int32 goes to the stock kernel and keeps its dtype', () => {
    const x = tf.tensor1d([3, 1, 4, 1, 5, 9, 2, 6], 'int32');
    const s = tf.slice(x, [2], [4]);
    expect(s.dtype).toBe('int32');
    expect(Array.from(s.dataSync())).toEqual([4, 1, 5, 9]);
    tf.dispose([x, s]);
  });

  it('reads the right values when the output allocation grows the heap', () => {
    const heap = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;
    // As many floats as the heap has bytes: a whole-tensor slice of it cannot fit beside it.
    const M = heap() / 4;
    const x = tf.tensor1d(ramp(M));
    const before = heap();
    const s = tf.slice(x, [0], [M]);
    expect(heap()).toBeGreaterThan(before); // makeOutput grew the heap, detaching older views
    const got = s.dataSync();
    expect([got[0], got[M >> 1], got[M - 1]]).toEqual([ramp(M)[0], ramp(M)[M >> 1], ramp(M)[M - 1]]);
    tf.dispose([x, s]);
  });
});

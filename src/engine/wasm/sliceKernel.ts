/**
 * Slice on the wasm backend without copying its input. The stock kernel reads the whole input out
 * of the wasm heap into a fresh array (readSync) before it copies the slice: the flat optimizer
 * slices its update once per trained variable, so every training step left about ten copies of
 * all the weights for the garbage collector. A contiguous float32 slice is one copy from heap to
 * heap through views; anything else goes to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type SliceAttrs = { begin: number | number[]; size: number | number[] };

let registered = false;

/** Replaces the wasm backend's Slice kernel (once; the stock one stays as the fallback). */
export function registerWasmSlice(): void {
  const stock = tf.getKernel(tf.Slice, 'wasm');
  if (registered || !stock) return;
  registered = true;
  const kernelFunc: tf.KernelFunc = (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { begin, size } = args.attrs as unknown as SliceAttrs;
    const backend = args.backend as BackendWasm;
    const [begin_, size_] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
    if (x.dtype !== 'float32' || !tf.slice_util.isSliceContinous(x.shape, begin_, size_)) return stock.kernelFunc(args);
    const offset = tf.slice_util.computeFlatOffset(begin_, tf.util.computeStrides(x.shape));
    const count = tf.util.sizeFromShape(size_);
    const out = backend.makeOutput(size_, x.dtype);
    // Views only after makeOutput: an allocation can grow the heap and detach older views.
    const from = backend.typedArrayFromHeap(x) as Float32Array;
    (backend.typedArrayFromHeap(out) as Float32Array).set(from.subarray(offset, offset + count));
    return out;
  };
  tf.unregisterKernel(tf.Slice, 'wasm');
  tf.registerKernel({ kernelName: tf.Slice, backendName: 'wasm', kernelFunc });
}

/**
 * Registers the four tfjs backends in a browser context (the training worker, the bench worker).
 * The wasm binaries are emitted by Vite as assets of the build and located through `?url`; only
 * the single-threaded builds are listed: threads need cross-origin isolation and bring nothing on
 * the machines this page targets.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { registerWasmSlice } from './wasm/sliceKernel';
import { setWebglStepKernelsEnabled } from './webgl/registerStepKernels';

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
// setWasmPaths wants an entry for every binary; the threaded one is never fetched with threads
// off, so it points at the SIMD file rather than shipping 1 MB nobody downloads.
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd });
registerWasmSlice();
setWebglStepKernelsEnabled(true);
// No backend is activated here: the host chooses one after self-checks.
tf.enableProdMode();

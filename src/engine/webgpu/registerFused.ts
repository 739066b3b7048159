/**
 * Registers the fused recurrent, read-out and optimizer programs as tfjs kernels of the 'webgpu'
 * backend. core/ calls them by name through tf.engine().runKernel when tf.getKernel finds them
 * (core/fusedNames.ts has the names and buffer layouts), so core never imports this package.
 * Importing this file registers them; the training and benchmark workers do.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import {
  ADAM_MOMENTS,
  ADAM_PARAM,
  HEAD_BACK,
  HEAD_FORWARD,
  HEAD_REDUCE,
  RNN_FORWARD,
  RNN_GRADS,
  type ActKind,
  type HeadDims,
  type RnnDims,
} from '../../core/fusedNames';
import { setKernelsEnabled, takeInputs } from '../kernelConfigs';
import { MomentsProgram, ParamProgram } from './adamPrograms';
import type { FlatProgram } from './flatProgram';
import { HeadBackProgram, HeadForwardProgram, HeadReduceProgram } from './headPrograms';
import { GradsProgram } from './gradsProgram';
import { BackwardProgram, ForwardProgram } from './recurrentPrograms';

let corrupt = false;

/**
 * Test-only: makes the fused forward kernel add 0.01 to every hidden state, so the backend
 * self-check must fail and the engine fall back. Pipelines are keyed by it: switching is instant.
 */
export function setFusedCorruption(on: boolean): void {
  corrupt = on;
}

function take(inputs: tf.NamedTensorInfoMap, ...names: string[]): tf.TensorInfo[] {
  return takeInputs(inputs, 'fused kernel', ...names);
}

/** The same data seen as a flat vector: programs index their inputs by hand. */
function flat(t: tf.TensorInfo): tf.TensorInfo {
  return { dataId: t.dataId, shape: [tf.util.sizeFromShape(t.shape)], dtype: t.dtype };
}

/**
 * tfjs binds every input and its uniforms, but a pipeline with an 'auto' layout keeps only the
 * bindings its shader uses: a program that ignores one (tanh has no n, s) would fail to bind.
 * So main() touches each once, on a branch that never runs.
 */
function usingAllBindings(program: FlatProgram): FlatProgram {
  const code = program.getUserCode.bind(program);
  const touch = `if (index < 0) { result[0] = ${program.variableNames.map((n) => `f32(${n}[0])`).join(' + ')} + uniforms.NAN; }`;
  program.getUserCode = () => code().replace('fn main(index: i32) {', `fn main(index: i32) {\n  ${touch}`);
  return program;
}

function run(backend: WebGPUBackend, program: FlatProgram, inputs: tf.TensorInfo[]): tf.TensorInfo {
  return backend.runWebGPUProgram(usingAllBindings(program), inputs.map(flat), 'float32', program.uniformData());
}

/** A CPU-emulated adapter (SwiftShader and the like): the recurrent kernels use fewer threads there. */
function isSoftware(backend: WebGPUBackend): boolean {
  const info = backend.adapterInfo as unknown as { vendor?: string; architecture?: string };
  return /swiftshader|llvmpipe|software/i.test(`${info.vendor ?? ''} ${info.architecture ?? ''}`);
}

function rnnDims(a: tf.NamedAttrMap): RnnDims {
  return { T: a.T as number, B: a.B as number, I: a.I as number, N: a.N as number, act: a.act as ActKind, perNeuron: a.perNeuron as boolean };
}

function headDims(a: tf.NamedAttrMap): HeadDims {
  return { T: a.T as number, B: a.B as number, N: a.N as number, C: a.C as number, last: a.last as boolean };
}

/** A read-out kernel: one program over the named inputs, sized by the head's dimensions. */
function headKernel(kernelName: string, program: (d: HeadDims) => FlatProgram, names: string[]): tf.KernelConfig {
  return {
    kernelName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => run(backend as WebGPUBackend, program(headDims(attrs as tf.NamedAttrMap)), take(inputs, ...names)),
  };
}

const kernels: tf.KernelConfig[] = [
  {
    kernelName: RNN_FORWARD,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const [x, U, V, b, n, s] = take(inputs, 'x', 'U', 'V', 'b', 'n', 's');
      const gpu = backend as WebGPUBackend;
      return run(gpu, new ForwardProgram(rnnDims(attrs as tf.NamedAttrMap), isSoftware(gpu), corrupt), [x, U, V, b, n, s]);
    },
  },
  {
    kernelName: RNN_GRADS,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const [dH, HA, x, V, n, s] = take(inputs, 'dH', 'HA', 'x', 'V', 'n', 's');
      const d = rnnDims(attrs as tf.NamedAttrMap);
      const gpu = backend as WebGPUBackend;
      const D = run(gpu, new BackwardProgram(d, isSoftware(gpu), (attrs as tf.NamedAttrMap).all as boolean), [dH, HA, V, n, s]);
      const G = run(gpu, new GradsProgram(d), [x, HA, D]);
      gpu.disposeData(D.dataId);
      return G;
    },
  },
  headKernel(HEAD_FORWARD, (d) => new HeadForwardProgram(d), ['HA', 'Wo', 'bo', 'y']),
  headKernel(HEAD_REDUCE, (d) => new HeadReduceProgram(d), ['HA', 'HO', 'y']),
  headKernel(HEAD_BACK, (d) => new HeadBackProgram(d), ['HO', 'Wo', 'HR', 'y']),
  {
    kernelName: ADAM_MOMENTS,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const [G, HR, S, scale] = take(inputs, 'G', 'HR', 'S', 'scale');
      const a = attrs as tf.NamedAttrMap;
      const program = new MomentsProgram(a.P as number, a.PR as number, a.clip as number, a.beta1 as number, a.beta2 as number);
      return run(backend as WebGPUBackend, program, [G, HR, S, scale]);
    },
  },
  {
    kernelName: ADAM_PARAM,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const [param, S, scale] = take(inputs, 'param', 'S', 'scale');
      const a = attrs as tf.NamedAttrMap;
      const clamp: [number, number] | null = a.clamp ? [a.lo as number, a.hi as number] : null;
      const program = new ParamProgram({ P: a.P as number, offset: a.offset as number, count: a.size as number, alpha: a.alpha as number, epsHat: a.epsHat as number, clamp });
      return run(backend as WebGPUBackend, program, [param, S, scale]);
    },
  },
];

/**
 * Registers (or, for the benchmark's op-by-op comparison, unregisters) the fused kernels; core
 * then takes the op-by-op path on webgpu too. Registered on import.
 */
export function setFusedEnabled(on: boolean): void {
  setKernelsEnabled(kernels, on);
}

setFusedEnabled(true);

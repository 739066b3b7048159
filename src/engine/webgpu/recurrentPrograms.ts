/**
 * The recurrence on WebGPU in one dispatch each way: one workgroup per sequence walks through
 * time with a barrier per step, h_{t−1} (forward) or dA_{t+1} (backward) in workgroup memory, so
 * the dispatch count does not grow with T. Then one dispatch forms every weight gradient as a
 * sum over all steps. Programs run through the tfjs backend's runWebGPUProgram: tensors stay on
 * the device and the pipeline cache is tfjs's own. Sizes are baked into the shader (one pipeline
 * per network shape), inputs are bound flat.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { activationLength, rnnGradSize, type RnnDims } from '../../core/fusedNames';
import { activationWgsl } from './activationWgsl';

/** Threads per workgroup for a per-sequence kernel: each thread owns ⌈N / WG⌉ neurons. */
export function sequenceWorkgroup(N: number): number {
  return N <= 64 ? 64 : N <= 128 ? 128 : 256;
}

function dimsKey(d: RnnDims): string {
  return `${d.T}_${d.B}_${d.I}_${d.N}_${d.act}_${d.perNeuron ? 'per' : 'shared'}`;
}

function constants(d: RnnDims): string {
  const WG = sequenceWorkgroup(d.N);
  return `
const T = ${d.T};
const B = ${d.B};
const I = ${d.I};
const N = ${d.N};
const TB = ${d.T * d.B};
const TBN = ${d.T * d.B * d.N};
const WG = ${WG};
const J = ${Math.ceil(d.N / WG)};
const PER = ${d.perNeuron ? 1 : 0};
fn ar_sequence() -> i32 { return i32(workgroupId.x + workgroupId.y * numWorkgroups.x); }`;
}

abstract class FlatProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  abstract variableNames: string[];
  uniforms?: string;

  constructor(key: string, outputSize: number, workgroups: number, workgroupSize: number) {
    this.outputShape = [outputSize];
    this.shaderKey = key;
    this.dispatch = [workgroups, 1, 1];
    this.workgroupSize = [workgroupSize, 1, 1];
  }

  abstract getUserCode(): string;
}

/**
 * Inputs X (columns [I, T·B]), U, V, bias, gn, gs → HA = [H | A]. `corrupt` adds 0.01 to every h:
 * a test-only switch that the backend self-check must catch.
 */
export class ForwardProgram extends FlatProgram {
  variableNames = ['X', 'U', 'V', 'Bias', 'Gn', 'Gs'];

  constructor(
    private readonly d: RnnDims,
    private readonly corrupt: boolean,
  ) {
    super(`arFwd_${dimsKey(d)}_${corrupt ? 'bad' : 'ok'}`, 2 * d.T * d.B * d.N, d.B, sequenceWorkgroup(d.N));
  }

  getUserCode(): string {
    const { N, I } = this.d;
    return `${constants(this.d)}
${activationWgsl(this.d.act)}
var<workgroup> hsh: array<f32, ${2 * N}>;
var<workgroup> xsh: array<f32, ${2 * Math.max(I, 1)}>;
fn main(index: i32) {
  let b = ar_sequence();
  let lid = i32(localId.x);
  // Double buffers: step t reads h_{t−1} and x_t from one half and writes h_t and x_{t+1} to the
  // other, so one barrier per step suffices.
  for (var k = lid; k < I; k += WG) { xsh[k] = X[k * TB + b]; }
  workgroupBarrier();
  for (var t = 0; t < T; t++) {
    let cur = t % 2;
    let nxt = 1 - cur;
    for (var q = 0; q < J; q++) {
      let j = lid + q * WG;
      if (j < N) {
        var a = Bias[j];
        for (var k = 0; k < I; k++) { a += xsh[cur * I + k] * U[k * N + j]; }
        if (t > 0) {
          for (var i = 0; i < N; i++) { a += hsh[cur * N + i] * V[i * N + j]; }
        }
        let o = ar_act(a, Gn[j * PER], Gs[j * PER]);
        hsh[nxt * N + j] = o.h;
        let r = (t * B + b) * N + j;
        result[r] = o.h${this.corrupt ? ' + 0.01' : ''};
        result[TBN + r] = a;
      }
    }
    if (t + 1 < T) {
      for (var k = lid; k < I; k += WG) { xsh[nxt * I + k] = X[k * TB + (t + 1) * B + b]; }
    }
    workgroupBarrier();
  }
}`;
  }
}

/**
 * BPTT: inputs dH (B·N for a 'last' read-out, T·B·N for 'all'), HA, V, gn, gs →
 * [dA (T·B·N) | Σ_t g·∂γ/∂n per (b, j) (B·N) | Σ_t g·∂γ/∂s per (b, j) (B·N)],
 * with g_t = dH_t + dA_{t+1}·Vᵀ and dA_t = g_t ⊙ φ′(a_t).
 */
export class BackwardProgram extends FlatProgram {
  variableNames = ['DH', 'HA', 'V', 'Gn', 'Gs'];

  constructor(
    private readonly d: RnnDims,
    private readonly all: boolean,
  ) {
    super(`arBwd_${dimsKey(d)}_${all ? 'all' : 'last'}`, d.T * d.B * d.N + 2 * d.B * d.N, d.B, sequenceWorkgroup(d.N));
  }

  getUserCode(): string {
    return `${constants(this.d)}
${activationWgsl(this.d.act)}
const ALL = ${this.all ? 1 : 0};
var<workgroup> dsh: array<f32, ${2 * this.d.N}>;
fn main(index: i32) {
  let b = ar_sequence();
  let lid = i32(localId.x);
  var dnAcc: array<f32, J>;
  var dsAcc: array<f32, J>;
  // Double buffer: step t reads dA_{t+1} from one half and writes dA_t to the other (one barrier).
  for (var tt = 0; tt < T; tt++) {
    let t = T - 1 - tt;
    let cur = tt % 2;
    let nxt = 1 - cur;
    for (var q = 0; q < J; q++) {
      let j = lid + q * WG;
      if (j < N) {
        var g = 0.0;
        if (ALL == 1) { g = DH[(t * B + b) * N + j]; } else if (t == T - 1) { g = DH[b * N + j]; }
        if (t < T - 1) {
          for (var k = 0; k < N; k++) { g += dsh[cur * N + k] * V[j * N + k]; }
        }
        let r = (t * B + b) * N + j;
        let o = ar_act(HA[TBN + r], Gn[j * PER], Gs[j * PER]);
        let d = g * o.prime;
        dsh[nxt * N + j] = d;
        result[r] = d;
        dnAcc[q] += g * o.dn;
        dsAcc[q] += g * o.ds;
      }
    }
    workgroupBarrier();
  }
  for (var q = 0; q < J; q++) {
    let j = lid + q * WG;
    if (j < N) {
      result[TBN + b * N + j] = dnAcc[q];
      result[TBN + B * N + b * N + j] = dsAcc[q];
    }
  }
}`;
  }
}

const GRAD_WG = 64;

/**
 * Every recurrent gradient as one sum over all T·B rows, one thread per entry of
 * G = [dU | dV | db | dn | ds]: dU = Xᵀ·dA, dV = Σ_t h_{t−1}ᵀ·dA_t (h_{−1} = 0), db = Σ dA, and
 * dn, ds summed from the backward kernel's per-sequence partials.
 */
export class GradsProgram extends FlatProgram {
  variableNames = ['X', 'HA', 'D'];

  constructor(private readonly d: RnnDims) {
    const size = rnnGradSize(d);
    super(`arGrads_${dimsKey(d)}`, size, Math.ceil(size / GRAD_WG), GRAD_WG);
  }

  getUserCode(): string {
    const L = activationLength(this.d);
    return `${constants(this.d)}
const L = ${Math.max(L, 1)};
const SIZE = ${rnnGradSize(this.d)};
const OFF_V = ${this.d.I * this.d.N};
const OFF_B = ${this.d.I * this.d.N + this.d.N * this.d.N};
const OFF_N = ${this.d.I * this.d.N + this.d.N * this.d.N + this.d.N};
fn main(index: i32) {
  if (index >= SIZE) { return; }
  var acc = 0.0;
  if (index < OFF_V) {
    let k = index / N;
    let j = index % N;
    for (var r = 0; r < TB; r++) { acc += X[k * TB + r] * D[r * N + j]; }
  } else if (index < OFF_B) {
    let e = index - OFF_V;
    let i = e / N;
    let j = e % N;
    for (var r = B; r < TB; r++) { acc += HA[(r - B) * N + i] * D[r * N + j]; }
  } else if (index < OFF_N) {
    let j = index - OFF_B;
    for (var r = 0; r < TB; r++) { acc += D[r * N + j]; }
  } else {
    let e = index - OFF_N;
    let base = TBN + (e / L) * B * N;
    let j = e % L;
    if (PER == 1) {
      for (var b = 0; b < B; b++) { acc += D[base + b * N + j]; }
    } else {
      for (var i = 0; i < B * N; i++) { acc += D[base + i]; }
    }
  }
  result[index] = acc;
}`;
  }
}

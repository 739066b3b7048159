/**
 * The recurrence on WebGPU in one dispatch each way: one workgroup per sequence walks through
 * time with one barrier per step (h_{t−1}, x_t forward and dA_{t+1} backward double-buffered in
 * workgroup memory), so the dispatch count does not grow with T. Programs run through the tfjs
 * backend's runWebGPUProgram: tensors stay on the device and the pipeline cache is tfjs's own.
 * Sizes that fix the code (N: threads and workgroup memory; I forward: x's buffer) are baked into
 * the shader; T and B are uniforms, so a new sequence length or batch size (the evaluation's, a
 * task switch) reuses the pipeline. Inputs are bound flat.
 */
import type { RnnDims } from '../../core/fusedNames';
import { activationWgsl } from './activationWgsl';
import { FlatProgram, uniformLets } from './flatProgram';

/**
 * Four adjacent neurons per thread, summed in registers (each h_i or dA_k loaded once serves four
 * products): on a software adapter, which runs a workgroup's invocations as fibers on one CPU
 * thread and pays for each at every barrier, when N is a multiple of 4.
 */
function quads(N: number, software: boolean): boolean {
  return software && N % 4 === 0 && N / 4 <= 256;
}

/** Threads per workgroup of a per-sequence kernel; each owns ⌈N / WG⌉ neurons. */
export function sequenceWorkgroup(N: number, software: boolean): number {
  if (quads(N, software)) return N / 4;
  if (software) return 16;
  return N <= 64 ? 64 : N <= 128 ? 128 : 256;
}

/** What the code depends on: everything but T and B (and I, which only the forward pass bakes in). */
function dimsKey(d: RnnDims, software: boolean): string {
  return `${d.N}_${d.act}_${d.perNeuron ? 'per' : 'shared'}_${software ? 'sw' : 'hw'}`;
}

function constants(d: RnnDims, software: boolean): string {
  const WG = sequenceWorkgroup(d.N, software);
  return `
const N = ${d.N};
const WG = ${WG};
const J = ${Math.ceil(d.N / WG)};
const PER = ${d.perNeuron ? 1 : 0};
fn ar_sequence() -> i32 { return i32(workgroupId.x + workgroupId.y * numWorkgroups.x); }`;
}

/** The row-major sizes every function of a recurrent kernel reads (T, B from the uniforms). */
const LETS = uniformLets(['T', 'B'], ['TB = T * B', 'TBN = TB * N']);

const LANES = [0, 1, 2, 3];

/** Forward step body: a_j = b_j + x_t·U[:, j] + h_{t−1}·V[:, j], then ar_emit. */
function forwardBody(quad: boolean): string {
  if (quad) {
    const acc = (src: string, w: string) => LANES.map((c) => `a${c} += ${src} * ${w}[o + ${c}];`).join('\n          ');
    return `
      let j0 = 4 * lid;
      ${LANES.map((c) => `var a${c} = Bias[j0 + ${c}];`).join('\n      ')}
      for (var k = 0; k < I; k++) {
        let xv = xsh[cur * I + k];
        let o = k * N + j0;
          ${acc('xv', 'U')}
      }
      if (t > 0) {
        for (var i = 0; i < N; i++) {
          let hv = hsh[cur * N + i];
          let o = i * N + j0;
          ${acc('hv', 'V')}
        }
      }
      ${LANES.map((c) => `ar_emit(row + j0 + ${c}, TBN, j0 + ${c}, a${c}, nxt);`).join('\n      ')}`;
  }
  return `
    for (var q = 0; q < J; q++) {
      let j = lid + q * WG;
      if (j < N) {
        var a = Bias[j];
        for (var k = 0; k < I; k++) { a += xsh[cur * I + k] * U[k * N + j]; }
        if (t > 0) {
          for (var i = 0; i < N; i++) { a += hsh[cur * N + i] * V[i * N + j]; }
        }
        ar_emit(row + j, TBN, j, a, nxt);
      }
    }`;
}

/**
 * Inputs X (columns [I, T·B]), U, V, bias, gn, gs → HA = [H | A]. `corrupt` adds 0.01 to every h:
 * a test-only switch that the backend self-check must catch.
 */
export class ForwardProgram extends FlatProgram {
  variableNames = ['X', 'U', 'V', 'Bias', 'Gn', 'Gs'];

  constructor(
    private readonly d: RnnDims,
    private readonly software: boolean,
    private readonly corrupt: boolean,
  ) {
    super(`arFwd_${d.I}_${dimsKey(d, software)}_${corrupt ? 'bad' : 'ok'}`, 2 * d.T * d.B * d.N, d.B, sequenceWorkgroup(d.N, software), { T: d.T, B: d.B });
  }

  getUserCode(): string {
    const { N, I } = this.d;
    return `${constants(this.d, this.software)}
const I = ${I};
${activationWgsl(this.d.act)}
var<workgroup> hsh: array<f32, ${2 * N}>;
var<workgroup> xsh: array<f32, ${2 * Math.max(I, 1)}>;
/** h_t = φ(a) for neuron j (entry r of H): into the other half of the buffer and into HA. */
fn ar_emit(r: i32, TBN: i32, j: i32, a: f32, nxt: i32) {
  let o = ar_act(a, Gn[j * PER], Gs[j * PER]);
  hsh[nxt * N + j] = o.h;
  result[r] = o.h${this.corrupt ? ' + 0.01' : ''};
  result[TBN + r] = a;
}
fn main(index: i32) {
  ${LETS}
  let b = ar_sequence();
  let lid = i32(localId.x);
  for (var k = lid; k < I; k += WG) { xsh[k] = X[k * TB + b]; }
  workgroupBarrier();
  for (var t = 0; t < T; t++) {
    let cur = t % 2;
    let row = (t * B + b) * N;
    let nxt = 1 - cur;
    ${forwardBody(quads(N, this.software))}
    if (t + 1 < T) {
      for (var k = lid; k < I; k += WG) { xsh[nxt * I + k] = X[k * TB + (t + 1) * B + b]; }
    }
    workgroupBarrier();
  }
}`;
  }
}

/** Backward step body: g_j = dH_t[j] + dA_{t+1}·V[j, :], then ar_back (dA, ∂/∂n and ∂/∂s terms). */
function backwardBody(quad: boolean): string {
  if (quad) {
    return `
      let j0 = 4 * lid;
      ${LANES.map((c) => `var g${c} = 0.0;`).join('\n      ')}
      if (ALL == 1 || t == T - 1) {
        let o = select(b * N + j0, row + j0, ALL == 1);
        ${LANES.map((c) => `g${c} = DH[o + ${c}];`).join('\n        ')}
      }
      if (t < T - 1) {
        for (var k = 0; k < N; k++) {
          let dv = dsh[cur * N + k];
          ${LANES.map((c) => `g${c} += dv * V[(j0 + ${c}) * N + k];`).join('\n          ')}
        }
      }
      ${LANES.map((c) => `let p${c} = ar_back(row + j0 + ${c}, TBN, j0 + ${c}, g${c}, nxt);\n      dnAcc[${c}] += p${c}.x;\n      dsAcc[${c}] += p${c}.y;`).join('\n      ')}`;
  }
  return `
    for (var q = 0; q < J; q++) {
      let j = lid + q * WG;
      if (j < N) {
        var g = 0.0;
        if (ALL == 1) { g = DH[row + j]; } else if (t == T - 1) { g = DH[b * N + j]; }
        if (t < T - 1) {
          for (var k = 0; k < N; k++) { g += dsh[cur * N + k] * V[j * N + k]; }
        }
        let p = ar_back(row + j, TBN, j, g, nxt);
        dnAcc[q] += p.x;
        dsAcc[q] += p.y;
      }
    }`;
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
    private readonly software: boolean,
    private readonly all: boolean,
  ) {
    super(`arBwd_${dimsKey(d, software)}_${all ? 'all' : 'last'}`, d.T * d.B * d.N + 2 * d.B * d.N, d.B, sequenceWorkgroup(d.N, software), { T: d.T, B: d.B });
  }

  getUserCode(): string {
    const quad = quads(this.d.N, this.software);
    return `${constants(this.d, this.software)}
${activationWgsl(this.d.act)}
const ALL = ${this.all ? 1 : 0};
var<workgroup> dsh: array<f32, ${2 * this.d.N}>;
/** dA_t for neuron j (entry r) from g_t; returns g·∂γ/∂n and g·∂γ/∂s for the sums. */
fn ar_back(r: i32, TBN: i32, j: i32, g: f32, nxt: i32) -> vec2<f32> {
  let o = ar_act(HA[TBN + r], Gn[j * PER], Gs[j * PER]);
  let d = g * o.prime;
  dsh[nxt * N + j] = d;
  result[r] = d;
  return vec2<f32>(g * o.dn, g * o.ds);
}
fn main(index: i32) {
  ${LETS}
  let b = ar_sequence();
  let lid = i32(localId.x);
  var dnAcc: array<f32, J>;
  var dsAcc: array<f32, J>;
  for (var tt = 0; tt < T; tt++) {
    let t = T - 1 - tt;
    let cur = tt % 2;
    let row = (t * B + b) * N;
    let nxt = 1 - cur;
    ${backwardBody(quad)}
    workgroupBarrier();
  }
  for (var q = 0; q < J; q++) {
    let j = ${quad ? '4 * lid + q' : 'lid + q * WG'};
    if (j < N) {
      result[TBN + b * N + j] = dnAcc[q];
      result[TBN + B * N + b * N + j] = dsAcc[q];
    }
  }
}`;
  }
}

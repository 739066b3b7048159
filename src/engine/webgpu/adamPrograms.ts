/**
 * Global-norm clipping and Adam over every variable as one flat buffer. The moments program is a
 * single workgroup: it reduces ‖g‖² over the trained entries, then updates m and v of every entry
 * with the clipped gradient; one small program per trained variable then applies the step. The
 * per-entry scale (1 for weights, the activation scale for n and s, 0 for a variable left out)
 * makes the learning rate per variable and keeps untrained entries bit-identical.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

const REDUCE_WG = 256;
const PARAM_WG = 64;

/** Inputs G (recurrent gradients, PR entries), HR (head: [loss, acc, count, dWo, dbo]), S = [m | v], Scale → [m' | v' | ‖g‖]. */
export class MomentsProgram implements WebGPUProgram {
  variableNames = ['G', 'HR', 'S', 'Scale'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number] = [1, 1, 1];
  workgroupSize: [number, number, number] = [REDUCE_WG, 1, 1];

  constructor(
    private readonly P: number,
    private readonly PR: number,
    private readonly clip: number,
    private readonly beta1: number,
    private readonly beta2: number,
  ) {
    this.outputShape = [2 * P + 1];
    this.shaderKey = `arMoments_${P}_${PR}_${clip}_${beta1}_${beta2}`;
  }

  getUserCode(): string {
    const f = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);
    return `
const P = ${this.P};
const PR = ${this.PR};
const CLIP = ${f(this.clip)};
const B1 = ${f(this.beta1)};
const B2 = ${f(this.beta2)};
var<workgroup> red: array<f32, ${REDUCE_WG}>;
fn ar_grad(e: i32) -> f32 { if (e < PR) { return G[e]; } return HR[3 + e - PR]; }
fn main(index: i32) {
  let lid = i32(localId.x);
  var ss = 0.0;
  for (var e = lid; e < P; e += ${REDUCE_WG}) {
    if (Scale[e] != 0.0) { let g = ar_grad(e); ss += g * g; }
  }
  red[lid] = ss;
  workgroupBarrier();
  for (var w = ${REDUCE_WG / 2}; w > 0; w = w / 2) {
    if (lid < w) { red[lid] += red[lid + w]; }
    workgroupBarrier();
  }
  let norm = sqrt(red[0]);
  var factor = 1.0;
  if (CLIP > 0.0) { factor = CLIP / max(norm, CLIP); }
  for (var e = lid; e < P; e += ${REDUCE_WG}) {
    if (Scale[e] != 0.0) {
      let g = ar_grad(e) * factor;
      result[e] = B1 * S[e] + (1.0 - B1) * g;
      result[P + e] = B2 * S[P + e] + (1.0 - B2) * g * g;
    } else {
      result[e] = S[e];
      result[P + e] = S[P + e];
    }
  }
  if (lid == 0) { result[2 * P] = norm; }
}`;
  }
}

/**
 * One variable's step from the updated moments: p − α·scale·m / (√v + ε̂), where
 * α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε̂ = ε·√(1 − β₂ᵗ) (Adam's bias correction, folded). Optional clamp.
 */
export class ParamProgram implements WebGPUProgram {
  variableNames = ['Param', 'S', 'Scale'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [PARAM_WG, 1, 1];
  uniforms = 'alpha : f32, epsHat : f32,';

  constructor(
    private readonly P: number,
    private readonly offset: number,
    private readonly count: number,
    private readonly clamp: readonly [number, number] | null,
  ) {
    this.outputShape = [count];
    this.dispatch = [Math.ceil(count / PARAM_WG), 1, 1];
    this.shaderKey = `arParam_${P}_${offset}_${count}_${clamp ? clamp.join('_') : 'free'}`;
  }

  getUserCode(): string {
    const f = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);
    const clamp = this.clamp ? `p = clamp(p, ${f(this.clamp[0])}, ${f(this.clamp[1])});` : '';
    return `
fn main(index: i32) {
  if (index >= ${this.count}) { return; }
  let e = ${this.offset} + index;
  let sc = Scale[e];
  var p = Param[index];
  if (sc != 0.0) {
    p = p - uniforms.alpha * sc * S[e] / (sqrt(S[${this.P} + e]) + uniforms.epsHat);
    ${clamp}
  }
  result[index] = p;
}`;
  }
}

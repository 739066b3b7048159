/**
 * Global-norm clipping and Adam over every variable as one flat buffer. The moments program is a
 * single workgroup: it reduces ‖g‖² over the trained entries, then updates m and v of every entry
 * with the clipped gradient; one small program per trained variable then applies the step. The
 * per-entry scale (1 for weights, the activation scale for n and s, 0 for a variable left out)
 * makes the learning rate per variable and keeps untrained entries bit-identical.
 */
import { FlatProgram, uniformLets } from './flatProgram';

const REDUCE_WG = 256;
const PARAM_WG = 64;

const f32 = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);

/** Inputs G (recurrent gradients, PR entries), HR (head: [loss, acc, count, dWo, dbo]), S = [m | v], Scale → [m' | v' | ‖g‖]. */
export class MomentsProgram extends FlatProgram {
  variableNames = ['G', 'HR', 'S', 'Scale'];

  constructor(
    P: number,
    PR: number,
    clip: number,
    private readonly beta1: number,
    private readonly beta2: number,
  ) {
    // Adam's decay rates are the engine's constants: they stay in the code.
    super(`arMoments_${beta1}_${beta2}`, 2 * P + 1, 1, REDUCE_WG, { P, PR }, { CLIP: clip });
  }

  getUserCode(): string {
    const lets = uniformLets(['P', 'PR', 'CLIP']);
    return `
const B1 = ${f32(this.beta1)};
const B2 = ${f32(this.beta2)};
var<workgroup> red: array<f32, ${REDUCE_WG}>;
fn ar_grad(e: i32) -> f32 { let PR = uniforms.PR; if (e < PR) { return G[e]; } return HR[3 + e - PR]; }
fn main(index: i32) {
  ${lets}
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

export interface ParamStep {
  /** Size of the flat buffer: S holds m at [0, P) and v at [P, 2P). */
  P: number;
  /** The variable's first entry in the flat buffer, and its size. */
  offset: number;
  count: number;
  /** lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε·√(1 − β₂ᵗ): Adam's bias correction, folded. */
  alpha: number;
  epsHat: number;
  /** Bounds to clamp the variable to after the step, or null. */
  clamp: readonly [number, number] | null;
}

/**
 * One variable's step from the updated moments: p − α·scale·m / (√v + ε̂), then the clamp if any.
 * One pipeline serves every variable and step.
 */
export class ParamProgram extends FlatProgram {
  variableNames = ['Param', 'S', 'Scale'];

  constructor(p: ParamStep) {
    const [lo, hi] = p.clamp ?? [0, 0];
    super('arParam', p.count, Math.ceil(p.count / PARAM_WG), PARAM_WG, { P: p.P, OFFSET: p.offset, COUNT: p.count, CLAMPED: p.clamp ? 1 : 0 }, { ALPHA: p.alpha, EPS_HAT: p.epsHat, LO: lo, HI: hi });
  }

  getUserCode(): string {
    return `
fn main(index: i32) {
  ${uniformLets(['P', 'OFFSET', 'COUNT', 'CLAMPED', 'ALPHA', 'EPS_HAT', 'LO', 'HI'])}
  if (index >= COUNT) { return; }
  let e = OFFSET + index;
  let sc = Scale[e];
  var p = Param[index];
  if (sc != 0.0) {
    p = p - ALPHA * sc * S[e] / (sqrt(S[P + e]) + EPS_HAT);
    if (CLAMPED == 1) { p = clamp(p, LO, HI); }
  }
  result[index] = p;
}`;
  }
}

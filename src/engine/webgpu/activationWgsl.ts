/**
 * The activation in WGSL, with everything the forward and backward kernels need from one
 * evaluation: h = φ(a), φ′(a) and, for γ, ∂γ/∂n and ∂γ/∂s. The formulas are those of
 * core/unroll.ts, written so that nothing large is exponentiated:
 *   e = exp(−|z|), z = n·a;  σ(z), σ(−z) from e;  softplus(z) = max(z, 0) + log1p(e);
 *   softplus(z) − z·σ(z) = |z|·σ(−|z|) + log1p(e)  (no cancellation of two ≈ z terms).
 */
import type { ActKind } from '../../core/fusedNames';

/** log(1 + e) for e ∈ [0, 1]: WGSL has no log1p, and log(1 + e) rounds tiny e to 0. */
const LOG1P = `
fn ar_log1p(e: f32) -> f32 {
  if (e < 1e-4) { return e * (1.0 - e * (0.5 - e / 3.0)); }
  return log(1.0 + e);
}`;

const STRUCT = `
struct ArAct { h: f32, prime: f32, dn: f32, ds: f32 };`;

const GAMMA = `
fn ar_act(a: f32, n: f32, s: f32) -> ArAct {
  let z = n * a;
  let az = abs(z);
  let e = exp(-az);
  let r = 1.0 / (1.0 + e);
  let sPos = select(e * r, r, z >= 0.0);
  let sNeg = select(r, e * r, z >= 0.0);
  let lp = ar_log1p(e);
  let P = max(z, 0.0) + lp;
  let q = az * e * r + lp;
  var o: ArAct;
  o.h = (1.0 - s) / n * P + s * sPos;
  o.prime = sPos * ((1.0 - s) + s * n * sNeg);
  o.dn = s * (z / n) * sPos * sNeg - (1.0 - s) * q / (n * n);
  o.ds = sPos - P / n;
  return o;
}`;

const TANH = `
fn ar_act(a: f32, n: f32, s: f32) -> ArAct {
  let e = exp(-2.0 * abs(a));
  let h = sign(a) * (1.0 - e) / (1.0 + e);
  var o: ArAct;
  o.h = h;
  o.prime = 1.0 - h * h;
  return o;
}`;

const RELU = `
fn ar_act(a: f32, n: f32, s: f32) -> ArAct {
  var o: ArAct;
  o.h = max(a, 0.0);
  o.prime = select(0.0, 1.0, a > 0.0);
  return o;
}`;

export function activationWgsl(kind: ActKind): string {
  const body = kind === 'gamma' ? GAMMA : kind === 'tanh' ? TANH : RELU;
  return LOG1P + STRUCT + body;
}

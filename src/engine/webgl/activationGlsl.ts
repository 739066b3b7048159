/**
 * The activation in GLSL over a vec4 (one packed 2×2 block), with everything the step kernels
 * need from one evaluation: h = φ(a), φ′(a) and, for γ, ∂γ/∂n and ∂γ/∂s. The formulas are those
 * of the WGSL kernels (../webgpu/activationWgsl.ts), written so that nothing large is exponentiated:
 *   e = exp(−|z|), z = n·a;  σ(z), σ(−z) from e;  softplus(z) = max(z, 0) + log1p(e);
 *   softplus(z) − z·σ(z) = |z|·σ(−|z|) + log1p(e)  (no cancellation of two ≈ z terms).
 * Every mix() below blends two finite values, so a weight of 0 never meets an infinity.
 */
import type { ActKind } from '../../core/fusedNames';

/** log(1 + e) for e ∈ [0, 1]: GLSL has no log1p, and log(1 + e) rounds tiny e to 0. */
const LOG1P = `
vec4 ar_log1p(vec4 e) {
  return mix(log(1.0 + e), e * (1.0 - e * (0.5 - e / 3.0)), vec4(lessThan(e, vec4(1e-4))));
}`;

const STRUCT = `
struct ArAct { vec4 h; vec4 prime; vec4 dn; vec4 ds; };`;

const GAMMA = `
ArAct ar_act(vec4 a, vec4 n, vec4 s) {
  vec4 z = n * a;
  vec4 az = abs(z);
  vec4 e = exp(-az);
  vec4 r = 1.0 / (1.0 + e);
  vec4 pos = vec4(greaterThanEqual(z, vec4(0.0)));
  vec4 sPos = mix(e * r, r, pos);
  vec4 sNeg = mix(r, e * r, pos);
  vec4 lp = ar_log1p(e);
  vec4 P = max(z, 0.0) + lp;
  vec4 q = az * e * r + lp;
  ArAct o;
  o.h = (1.0 - s) / n * P + s * sPos;
  o.prime = sPos * ((1.0 - s) + s * n * sNeg);
  o.dn = s * (z / n) * sPos * sNeg - (1.0 - s) * q / (n * n);
  o.ds = sPos - P / n;
  return o;
}`;

const TANH = `
ArAct ar_act(vec4 a, vec4 n, vec4 s) {
  vec4 e = exp(-2.0 * abs(a));
  vec4 h = sign(a) * (1.0 - e) / (1.0 + e);
  ArAct o;
  o.h = h;
  o.prime = 1.0 - h * h;
  o.dn = vec4(0.0);
  o.ds = vec4(0.0);
  return o;
}`;

const RELU = `
ArAct ar_act(vec4 a, vec4 n, vec4 s) {
  ArAct o;
  o.h = max(a, 0.0);
  o.prime = vec4(greaterThan(a, vec4(0.0)));
  o.dn = vec4(0.0);
  o.ds = vec4(0.0);
  return o;
}`;

export function activationGlsl(kind: ActKind): string {
  const body = kind === 'gamma' ? GAMMA : kind === 'tanh' ? TANH : RELU;
  return LOG1P + STRUCT + body;
}

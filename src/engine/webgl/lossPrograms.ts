/**
 * Softmax cross-entropy over the read-out's logits [R, C] in two packed draws (stepKernelNames.ts:
 * LOSS_ROWS, LOSS_GRAD), where tfjs's log-softmax, one-hot, products, sums and arg-max and their
 * gradients were ≈ 40 small draws a step. Labels arrive as a packed [R] vector (entries r, r + 1
 * in x, y); a label below 0 marks a row without a target.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { packedProgram } from './packedGlsl';

/**
 * GLSL: the rows r, r + 1 of the logits: their labels, maximum, Σ exp(· − maximum), first arg-max, the target's
 * logit and whether there is a target (each a vec2 over the two rows).
 */
function rowStats(C: number): string {
  return `
struct Rows { ivec2 y; vec2 mx; vec2 se; vec2 arg; vec2 target; vec2 valid; };
Rows rowsAt(int r) {
  Rows o;
  ivec2 y = ivec2(floor(getY(r).xy + 0.5));
  o.y = y;
  o.mx = getLogits(r, 0).xz;
  o.arg = vec2(0.0);
  o.target = vec2(0.0);
  for (int c = 0; c < ${C}; c += 2) {
    vec4 v = getLogits(r, c);
    if (v.x > o.mx.x) { o.mx.x = v.x; o.arg.x = float(c); }
    if (v.z > o.mx.y) { o.mx.y = v.z; o.arg.y = float(c); }
    if (y.x == c) o.target.x = v.x;
    if (y.y == c) o.target.y = v.z;
    if (c + 1 < ${C}) {
      if (v.y > o.mx.x) { o.mx.x = v.y; o.arg.x = float(c + 1); }
      if (v.w > o.mx.y) { o.mx.y = v.w; o.arg.y = float(c + 1); }
      if (y.x == c + 1) o.target.x = v.y;
      if (y.y == c + 1) o.target.y = v.w;
    }
  }
  o.se = vec2(0.0);
  for (int c = 0; c < ${C}; c += 2) {
    vec4 v = getLogits(r, c);
    o.se += exp(v.xz - o.mx);
    if (c + 1 < ${C}) o.se += exp(v.yw - o.mx);
  }
  o.valid = vec2(greaterThanEqual(y, ivec2(0)));
  return o;
}`;
}

/** [R, 2]: −log p(target) and 1 when the arg-max is the target, per row; 0 without a target. */
export function lossRowsProgram(R: number, C: number): GPGPUProgram {
  const code = `
${rowStats(C)}
void main() {
  ivec2 rc = getOutputCoords();
  Rows o = rowsAt(rc.x);
  vec2 nll = (o.mx + log(o.se) - o.target) * o.valid;
  vec2 hit = vec2(equal(o.arg, vec2(o.y))) * o.valid;
  vec4 v = vec4(nll.x, hit.x, nll.y, hit.y);
  if (rc.x + 1 >= ${R}) v.zw = vec2(0.0);
  setOutput(v);
}`;
  return packedProgram(['logits', 'y'], [R, 2], code);
}

/** ∂(Σ −log p(target))/∂logits · scale = (softmax − one-hot) · scale on rows with a target. */
export function lossGradProgram(R: number, C: number): GPGPUProgram {
  const code = `
${rowStats(C)}
void main() {
  ivec2 rc = getOutputCoords();
  Rows o = rowsAt(rc.x);
  vec4 v = getLogits(rc.x, rc.y);
  vec4 p = exp(v - o.mx.xxyy) / o.se.xxyy;
  vec4 onehot = vec4(equal(ivec4(o.y.xx, o.y.yy), ivec4(rc.y, rc.y + 1, rc.y, rc.y + 1)));
  vec4 g = (p - onehot) * o.valid.xxyy * getScale().x;
  if (rc.x + 1 >= ${R}) g.zw = vec2(0.0);
  if (rc.y + 1 >= ${C}) g.yw = vec2(0.0);
  setOutput(g);
}`;
  return packedProgram(['logits', 'y', 'scale'], [R, C], code);
}

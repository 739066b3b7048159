/**
 * Column sums over the time-major [R, N] matrices of the backward pass, in one draw each, where
 * tfjs's reduction takes several passes (≈ 5 ms for [896, 128] on a software rasteriser):
 *   columnSumsProgram  partial sums of x's columns                         → [2P, N]
 *   gammaSumsProgram   partial sums of g ⊙ ∂γ/∂n(a) and of g ⊙ ∂γ/∂s(a)    → [2P, N]
 * Each fragment adds up one chunk of CHUNK rows for a pair of columns; the caller adds the P
 * chunks (a small tfjs sum). Chunks keep float32 error at the level of a short sum — one running
 * sum over 25,088 rows (psMNIST-28) drifted by 5e-5 of a shared n's gradient — and give the
 * rasteriser P times more fragments to spread over its threads. γ's terms are never stored.
 *
 * Output rows 2p, 2p + 1 belong to chunk p:
 *   ColumnSums: row 2p sums the chunk's even rows, row 2p + 1 its odd rows (the block as read);
 *   GammaSums:  row 2p is ∂/∂n, row 2p + 1 is ∂/∂s.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { activationGlsl } from './activationGlsl';
import { activationParam, packedProgram } from './packedGlsl';

const CHUNK = 64;

/** Chunks of R rows. */
function chunksOf(R: number): number {
  return Math.ceil(R / CHUNK);
}

/**
 * The loop over the row pairs of chunk rc.x / 2; `body` reads the block at row r into `v` and
 * adds it up. A block past R's last row is zeroed: an odd R's last block holds one row.
 */
function overChunk(R: number, read: string, body: string): string {
  return `int r0 = (rc.x / 2) * ${CHUNK};
  for (int i = 0; i < ${CHUNK / 2}; i++) {
    int r = r0 + 2 * i;
    if (r >= ${R}) break;
    ${read}
    if (r + 1 >= ${R}) v.zw = vec2(0.0);
    ${body}
  }`;
}

export function columnSumsProgram(R: number, N: number): GPGPUProgram {
  const code = `
void main() {
  ivec2 rc = getOutputCoords();
  vec4 acc = vec4(0.0);
  ${overChunk(R, 'vec4 v = getX(r, rc.y);', 'acc += v;')}
  if (rc.y + 1 >= ${N}) acc.yw = vec2(0.0);
  setOutput(acc);
}`;
  return packedProgram(['x'], [2 * chunksOf(R), N], code);
}

/** n and s as [1, L]; the sums are per neuron either way (the caller adds them up when shared). */
export function gammaSumsProgram(R: number, N: number, perNeuron: boolean): GPGPUProgram {
  // Block order (x, y, z, w) = (r, c), (r, c + 1), (r + 1, c), (r + 1, c + 1): a pair of rows
  // adds .xy + .zw. The output block holds (∂/∂n at c, c + 1; ∂/∂s at c, c + 1).
  const code = `
${activationGlsl('gamma')}
void main() {
  ivec2 rc = getOutputCoords();
  vec4 n = ${activationParam('n', perNeuron)};
  vec4 s = ${activationParam('s', perNeuron)};
  vec4 acc = vec4(0.0);
  ${overChunk(R, 'vec4 v = getG(r, rc.y);', 'ArAct o = ar_act(getA(r, rc.y), n, s); vec4 tn = v * o.dn; vec4 ts = v * o.ds; acc += vec4(tn.xy + tn.zw, ts.xy + ts.zw);')}
  if (rc.y + 1 >= ${N}) acc.yw = vec2(0.0);
  setOutput(acc);
}`;
  return packedProgram(['g', 'a', 'n', 's'], [2 * chunksOf(R), N], code);
}

/**
 * The read-out and the softmax cross-entropy with its gradient, fused: logits = h·Wo + bo for the
 * last step ('last') or every step ('all'), the mean loss and accuracy over scored rows (label ≥ 0),
 * dWo, dbo, and dH = dLogits·Woᵀ for the recurrent backward pass. Three dispatches whatever T is.
 */
import type { HeadDims } from '../../core/fusedNames';
import { FlatProgram, uniformLets } from './flatProgram';

const WG = 64;

function rows(d: HeadDims): number {
  return d.last ? d.B : d.T * d.B;
}

/** T, B and the row count R come from the uniforms; each function starts with these. */
const LETS = uniformLets(['T', 'B', 'R']);

function constants(d: HeadDims): string {
  return `
const N = ${d.N};
const C = ${d.C};
const LAST = ${d.last ? 1 : 0};
/** Offset of row r's hidden state in HA: the last step's rows, or every step's. */
fn ar_hrow(r: i32) -> i32 { ${LETS} if (LAST == 1) { return ((T - 1) * B + r) * N; } return r * N; }
/** Labels are batch-major [B] or [B, T]; rows are time-major. */
fn ar_label(r: i32) -> i32 { ${LETS} if (LAST == 1) { return Y[r]; } return Y[(r % B) * T + r / B]; }`;
}

abstract class HeadProgram extends FlatProgram {
  constructor(
    protected readonly d: HeadDims,
    prefix: string,
    size: number,
  ) {
    // C sizes a per-thread array, N the inner loops: both stay in the code.
    super(`${prefix}_${d.N}_${d.C}_${d.last ? 'last' : 'all'}`, size, Math.ceil(size / WG), WG, { T: d.T, B: d.B, R: rows(d) });
  }
}

/** One thread per row: HA, Wo, bo, Y → [softmax − onehot (R·C) | loss term | hit | scored]. */
export class HeadForwardProgram extends HeadProgram {
  variableNames = ['HA', 'Wo', 'Bo', 'Y'];

  constructor(d: HeadDims) {
    super(d, 'arHeadFwd', rows(d) * (d.C + 3));
  }

  getUserCode(): string {
    return `${constants(this.d)}
fn main(index: i32) {
  ${LETS}
  if (index >= R) { return; }
  let h = ar_hrow(index);
  let label = ar_label(index);
  var lg: array<f32, C>;
  var mx = -3.4e38;
  var am = 0;
  for (var c = 0; c < C; c++) {
    var z = Bo[c];
    for (var j = 0; j < N; j++) { z += HA[h + j] * Wo[j * C + c]; }
    lg[c] = z;
    if (z > mx) { mx = z; am = c; }
  }
  var se = 0.0;
  for (var c = 0; c < C; c++) { se += exp(lg[c] - mx); }
  let lse = mx + log(se);
  let scored = label >= 0;
  for (var c = 0; c < C; c++) {
    let p = exp(lg[c] - lse) - select(0.0, 1.0, c == label);
    result[index * C + c] = select(0.0, p, scored);
  }
  let li = select(0, label, scored);
  result[R * C + index] = select(0.0, lse - lg[li], scored);
  result[R * C + R + index] = select(0.0, 1.0, scored && am == label);
  result[R * C + 2 * R + index] = select(0.0, 1.0, scored);
}`;
  }
}

/** One thread per output: HA, HO → [mean loss, accuracy, count, dWo (N·C), dbo (C)]. */
export class HeadReduceProgram extends HeadProgram {
  variableNames = ['HA', 'HO', 'Y'];

  constructor(d: HeadDims) {
    super(d, 'arHeadReduce', 3 + d.N * d.C + d.C);
  }

  getUserCode(): string {
    return `${constants(this.d)}
fn main(index: i32) {
  ${LETS}
  if (index >= 3 + N * C + C) { return; }
  var count = 0.0;
  for (var r = 0; r < R; r++) { count += HO[R * C + 2 * R + r]; }
  let inv = 1.0 / max(count, 1.0);
  var acc = 0.0;
  if (index < 2) {
    for (var r = 0; r < R; r++) { acc += HO[R * C + index * R + r]; }
    result[index] = acc * inv;
  } else if (index == 2) {
    result[2] = count;
  } else if (index < 3 + N * C) {
    let e = index - 3;
    let j = e / C;
    let c = e % C;
    for (var r = 0; r < R; r++) { acc += HA[ar_hrow(r) + j] * HO[r * C + c]; }
    result[index] = acc * inv;
  } else {
    let c = index - 3 - N * C;
    for (var r = 0; r < R; r++) { acc += HO[r * C + c]; }
    result[index] = acc * inv;
  }
}`;
  }
}

/** One thread per entry of dH (R·N, time-major rows): HO, Wo, HR → dLogits·Woᵀ / count. */
export class HeadBackProgram extends HeadProgram {
  variableNames = ['HO', 'Wo', 'HR', 'Y'];

  constructor(d: HeadDims) {
    super(d, 'arHeadBack', rows(d) * d.N);
  }

  getUserCode(): string {
    return `${constants(this.d)}
fn main(index: i32) {
  ${LETS}
  if (index >= R * N) { return; }
  let r = index / N;
  let j = index % N;
  var acc = 0.0;
  for (var c = 0; c < C; c++) { acc += HO[r * C + c] * Wo[j * C + c]; }
  result[index] = acc / max(HR[2], 1.0);
}`;
  }
}

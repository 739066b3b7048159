/**
 * The weight gradients of the recurrence in one dispatch (see recurrentPrograms.ts for the rest).
 */
import { activationLength, rnnGradSize, type RnnDims } from '../../core/fusedNames';
import { FlatProgram, uniformLets } from './flatProgram';

const GRAD_WG = 64;

/** Threads of the gradient kernel: four entries of dU, dV and db each when N is a multiple of 4. */
function gradThreads(d: RnnDims): number {
  const q = d.N % 4 === 0 ? 4 : 1;
  return (d.I * d.N + d.N * d.N + d.N) / q + 2 * activationLength(d);
}

/**
 * Every recurrent gradient as one sum over all T·B rows, written to
 * G = [dU | dV | db | dn | ds]: dU = Xᵀ·dA, dV = Σ_t h_{t−1}ᵀ·dA_t (h_{−1} = 0), db = Σ dA, and
 * dn, ds summed from the backward kernel's per-sequence partials. A thread sums four adjacent
 * entries of a row when N allows: each h or x it loads serves four products.
 */
export class GradsProgram extends FlatProgram {
  variableNames = ['X', 'HA', 'D'];

  constructor(private readonly d: RnnDims) {
    // T, B and I only bound the sums and place the blocks of G.
    super(`arGrads_${d.N}_${d.act}_${d.perNeuron ? 'per' : 'shared'}`, rnnGradSize(d), Math.ceil(gradThreads(d) / GRAD_WG), GRAD_WG, { T: d.T, B: d.B, I: d.I });
  }

  getUserCode(): string {
    const { N } = this.d;
    const L = activationLength(this.d);
    const Q = N % 4 === 0 ? 4 : 1;
    const lanes = Array.from({ length: Q }, (_, c) => c);
    const sum = (load: (c: number) => string) => lanes.map((c) => `a${c} += ${load(c)};`).join(' ');
    const decl = lanes.map((c) => `var a${c} = 0.0;`).join(' ');
    const store = (base: string) => lanes.map((c) => `result[${base} + ${c}] = a${c};`).join(' ');
    const lets = uniformLets(
      ['T', 'B', 'I'],
      ['TB = T * B', 'TBN = TB * N', 'QU = I * NQ', 'QV = QU + N * NQ', 'QB = QV + NQ', 'OFF_V = I * N', 'OFF_B = OFF_V + N * N', 'OFF_N = OFF_B + N'],
    );
    return `
const N = ${N};
const PER = ${this.d.perNeuron ? 1 : 0};
const L = ${Math.max(L, 1)};
const NQ = ${N / Q};
fn main(index: i32) {
  ${lets}
  if (index >= QB + 2 * ${L}) { return; }
  ${decl}
  if (index < QU) {
    let k = index / NQ;
    let j0 = ${Q} * (index % NQ);
    for (var r = 0; r < TB; r++) { let v = X[k * TB + r]; let o = r * N + j0; ${sum((c) => `v * D[o + ${c}]`)} }
    ${store('k * N + j0')}
  } else if (index < QV) {
    let e = index - QU;
    let i = e / NQ;
    let j0 = ${Q} * (e % NQ);
    for (var r = B; r < TB; r++) { let v = HA[(r - B) * N + i]; let o = r * N + j0; ${sum((c) => `v * D[o + ${c}]`)} }
    ${store('OFF_V + i * N + j0')}
  } else if (index < QB) {
    let j0 = ${Q} * (index - QV);
    for (var r = 0; r < TB; r++) { let o = r * N + j0; ${sum((c) => `D[o + ${c}]`)} }
    ${store('OFF_B + j0')}
  } else {
    let e = index - QB;
    let base = TBN + (e / L) * B * N;
    let j = e % L;
    if (PER == 1) {
      for (var b = 0; b < B; b++) { a0 += D[base + b * N + j]; }
    } else {
      for (var i = 0; i < B * N; i++) { a0 += D[base + i]; }
    }
    result[OFF_N + e] = a0;
  }
}`;
  }
}

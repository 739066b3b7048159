/**
 * A per-step product's result cut into P × Q parts, one render target each (multiTarget.ts): the
 * fragment at block (r, c) of every part computes the blocks at rows r + p·partRows and columns
 * c + q·partCols of the [R, C] result for all p < P, q < Q. It fetches P blocks of the left
 * operand and Q of the right per shared pair, for P·Q·8 multiply-adds, where a fragment writing
 * one block does 8 per 2 fetches. The cell programs then read the parts back into one [R, C]
 * result (partsAt), which is where blocks past R or C, computed from clamped reads, are dropped.
 */
import { sampler } from './packedGlsl';

export interface Split {
  P: number;
  Q: number;
  /** Rows and columns of one part, even (whole blocks). */
  partRows: number;
  partCols: number;
}

export function splitOf(R: number, C: number, P: number, Q: number): Split {
  return { P, Q, partRows: 2 * Math.ceil(Math.ceil(R / 2) / P), partCols: 2 * Math.ceil(Math.ceil(C / 2) / Q) };
}

export function partCount(s: Split): number {
  return s.P * s.Q;
}

/** GLSL row and column of part p's and q's block for the fragment at rc. */
function rowOf(s: Split, p: number): string {
  return p === 0 ? 'rc.x' : `(rc.x + ${p * s.partRows})`;
}
function colOf(s: Split, q: number): string {
  return q === 0 ? 'rc.y' : `(rc.y + ${q * s.partCols})`;
}

function eachPart(s: Split, f: (p: number, q: number, i: number) => string): string {
  const out: string[] = [];
  for (let p = 0; p < s.P; p++) for (let q = 0; q < s.Q; q++) out.push(f(p, q, p * s.Q + q));
  return out.join('\n  ');
}

/** Declares acc_p_q = 0 for every part. */
export function splitAccumulators(s: Split): string {
  return eachPart(s, (p, q) => `vec4 acc_${p}_${q} = vec4(0.0);`);
}

/**
 * acc_p_q += the block of A·B at part (p, q), over the shared dimension K. `a(k, row)` and
 * `b(k, col)` are GLSL expressions for A's block at (row, k) and B's at (k, col), k even, in the
 * order of packedGlsl's accumulateProduct.
 */
export function accumulateSplitProduct(K: number, s: Split, a: (k: string, row: string) => string, b: (k: string, col: string) => string): string {
  const fetch = (k: string) =>
    [...Array.from({ length: s.P }, (_, p) => `vec4 pa${p} = ${a(k, rowOf(s, p))};`), ...Array.from({ length: s.Q }, (_, q) => `vec4 pb${q} = ${b(k, colOf(s, q))};`)].join(' ');
  const even = K - (K % 2);
  const tail =
    K % 2 === 1 ? `{ ${fetch(String(K - 1))}\n  ${eachPart(s, (p, q) => `acc_${p}_${q} += pa${p}.xxzz * pb${q}.xyxy;`)} }` : '';
  return `for (int k = 0; k < ${even}; k += 2) {
    ${fetch('k')}
    ${eachPart(s, (p, q) => `acc_${p}_${q} += pa${p}.xxzz * pb${q}.xyxy + pa${p}.yyww * pb${q}.zwzw;`)}
  }
  ${tail}`;
}

/** acc_p_q += e(row, col, i) for every part i = p·Q + q (a term read at the part's own block). */
export function addAtParts(s: Split, e: (row: string, col: string, i: number) => string): string {
  return eachPart(s, (p, q, i) => `acc_${p}_${q} += ${e(rowOf(s, p), colOf(s, q), i)};`);
}

/** Writes acc_p_q to render target p·Q + q (declared by multiTarget's extraOutputs). */
export function writeParts(s: Split): string {
  return eachPart(s, (p, q) => (p === 0 && q === 0 ? 'setOutput(acc_0_0);' : `outputColor${p * s.Q + q} = acc_${p}_${q};`));
}

/** Sampler names of the parts of `name`: name0 … name(P·Q − 1). */
export function partNames(name: string, s: Split): string[] {
  return Array.from({ length: partCount(s) }, (_, i) => `${name}${i}`);
}

/** partsAt_<name>(r, c): the block at (r, c) of the [R, C] result held in `name`'s parts. */
export function partsAt(name: string, s: Split): string {
  const branches = eachPart(s, (p, q) => {
    const i = p * s.Q + q;
    const last = p === s.P - 1 && q === s.Q - 1;
    const read = `return ${sampler(`${name}${i}`)}(r - ${p * s.partRows}, c - ${q * s.partCols});`;
    return last ? read : `if (pr == ${p} && pc == ${q}) ${read}`;
  });
  // Comparisons, not integer division: a division is a scalar loop per lane on a CPU rasteriser.
  const index = (v: string, size: number, count: number) => Array.from({ length: count - 1 }, (_, i) => `int(${v} >= ${(i + 1) * size})`).join(' + ') || '0';
  return `
vec4 partsAt_${name}(int r, int c) {
  int pr = ${index('r', s.partRows, s.P)};
  int pc = ${index('c', s.partCols, s.Q)};
  ${branches}
}`;
}

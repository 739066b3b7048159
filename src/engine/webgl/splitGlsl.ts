/**
 * A per-step product's result cut into P × Q parts, one render target each (multiTarget.ts): the
 * fragment at block (r, c) of every part computes the blocks at rows r + p·partRows and columns
 * c + q·partCols of the [R, C] result for all p < P, q < Q. It fetches P blocks of the left
 * operand and Q of the right per shared pair, for P·Q·8 multiply-adds, where a fragment writing
 * one block does 8 per 2 fetches. The cell programs then read the parts back into one [R, C]
 * result (partsAt), which is where blocks past R or C, computed from clamped reads, are dropped.
 */
import { maskOutside, sampler } from './packedGlsl';

export interface Split {
  P: number;
  Q: number;
  /** Rows and columns of one part, even (whole blocks), or R and C when whole. */
  partRows: number;
  partCols: number;
  /** One part that is the [R, C] result itself, zero past R and C: read as the result, no merge. */
  whole: boolean;
}

/**
 * Below this many entries a result is not split: the parts' extra targets and the draw that reads
 * them back cost more than the fetches they save (row-sMNIST, N = 8, batch 32, four alternated
 * rounds: 25.2 ms/step whole, 31.2 in 2 × 4; about even at N = 64; 2 × 4 faster from N = 128 on).
 */
export const SPLIT_FROM = 4096;

export function splitOf(R: number, C: number, P: number, Q: number): Split {
  if ((P === 1 && Q === 1) || R * C < SPLIT_FROM) return { P: 1, Q: 1, partRows: R, partCols: C, whole: true };
  return { P, Q, partRows: 2 * Math.ceil(Math.ceil(R / 2) / P), partCols: 2 * Math.ceil(Math.ceil(C / 2) / Q), whole: false };
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
 * How a product reads one operand's blocks along the shared index k (even, stepping by 2), for
 * the fragment's row (left operand) or column (right operand) `at`.
 */
export interface Reader {
  /** GLSL run once before the loop; `i` numbers the operand's readers (one per part row or column). */
  setup(i: number, at: string): string;
  fetch(i: number, at: string, k: string): string;
  /** GLSL run after each pair of k. */
  advance(i: number): string;
}

/** A reader from a GLSL expression of k and `at` (e.g. tfjs's sampler). */
export function indexed(f: (k: string, at: string) => string): Reader {
  return { setup: () => '', fetch: (_i, at, k) => f(k, at), advance: () => '' };
}

/**
 * A reader that walks `name`'s texture (a packed [rows, cols] matrix whose texture has its own
 * shape) by adding to a texture coordinate: along a row of blocks (`along: 'cols'`, k a column, `at`
 * the row) or down a column (`along: 'rows'`). tfjs's sampler computes the coordinate from the
 * indices at every read, ≈ 7 % of a product here. `swizzle` reorders the block (.xzyw: transposed).
 */
export function stepped(name: string, rows: number, cols: number, along: 'cols' | 'rows', swizzle = ''): Reader {
  const w = Math.ceil(cols / 2);
  const h = Math.ceil(rows / 2);
  const uv = (i: number) => `uv_${name}_${i}`;
  const f = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x)); // GLSL float literal
  const fixed = (at: string, size: number) => `(float(${at}) * 0.5 + 0.5) / ${size}.0`;
  return {
    setup: (i, at) => `vec2 ${uv(i)} = ${along === 'cols' ? `vec2(${f(0.5 / w)}, ${fixed(at, h)})` : `vec2(${fixed(at, w)}, ${f(0.5 / h)})`};`,
    fetch: (i) => `texture(${name}, ${uv(i)})${swizzle}`,
    advance: (i) => (along === 'cols' ? `${uv(i)}.x += ${f(1 / w)};` : `${uv(i)}.y += ${f(1 / h)};`),
  };
}

/**
 * acc_p_q += the block of A·B at part (p, q), over the shared dimension K, in its own scope. `a`
 * reads A's block at (row, k) and `b` B's at (k, col), k even, in packedGlsl's block order
 * (x, y, z, w) = (A[r][k], A[r][k+1], A[r+1][k], A[r+1][k+1]), likewise for B; with an odd K the
 * last block's second half is padding and is left out.
 */
export function accumulateSplitProduct(K: number, s: Split, a: Reader, b: Reader): string {
  const ps = Array.from({ length: s.P }, (_, p) => p);
  const qs = Array.from({ length: s.Q }, (_, q) => q);
  const fetch = (k: string) =>
    [...ps.map((p) => `vec4 pa${p} = ${a.fetch(p, rowOf(s, p), k)};`), ...qs.map((q) => `vec4 pb${q} = ${b.fetch(q, colOf(s, q), k)};`)].join(' ');
  const even = K - (K % 2);
  const tail =
    K % 2 === 1 ? `{ ${fetch(String(K - 1))}\n  ${eachPart(s, (p, q) => `acc_${p}_${q} += pa${p}.xxzz * pb${q}.xyxy;`)} }` : '';
  return `{
  ${[...ps.map((p) => a.setup(p, rowOf(s, p))), ...qs.map((q) => b.setup(q, colOf(s, q)))].join(' ')}
  for (int k = 0; k < ${even}; k += 2) {
    ${fetch('k')}
    ${eachPart(s, (p, q) => `acc_${p}_${q} += pa${p}.xxzz * pb${q}.xyxy + pa${p}.yyww * pb${q}.zwzw;`)}
    ${[...ps.map((p) => a.advance(p)), ...qs.map((q) => b.advance(q))].join(' ')}
  }
  ${tail}
  }`;
}

/** acc_p_q += e(row, col, i) for every part i = p·Q + q (a term read at the part's own block). */
export function addAtParts(s: Split, e: (row: string, col: string, i: number) => string): string {
  return eachPart(s, (p, q, i) => `acc_${p}_${q} += ${e(rowOf(s, p), colOf(s, q), i)};`);
}

/** Writes acc_p_q to render target p·Q + q (declared by multiTarget's extraOutputs); a whole result masked. */
export function writeParts(s: Split): string {
  if (s.whole) return `${maskOutside('acc_0_0', s.partRows, s.partCols)}\n  setOutput(acc_0_0);`;
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

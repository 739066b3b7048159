/**
 * The order in which a worker computes the cells of an (n, s) map, coarse to fine, and how a
 * partly computed map is drawn. A map has nx values of n (columns) and ny values of s (rows); cell
 * (i, j) — i along n, j along s — has index j·nx + i, the row-major layout d3.contours reads.
 *
 * Level with stride st covers the positions {0, st, 2·st, …} ∪ {last} on each axis (the last
 * row and column are in every level, so even the coarsest draw spans the whole domain). Strides
 * halve from the largest power of two ≤ max(nx, ny)/4 (about 4–8 positions on the longer axis)
 * down to 1; each level lists only the cells no earlier level had, so every cell comes exactly once.
 */

export interface MapLevel {
  stride: number;
  /** Cell indices new at this level, row-major order. */
  cells: number[];
}

/** Positions of one axis of length len at a stride: multiples of it, plus the last. */
export function axisPositions(len: number, stride: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < len; i += stride) out.push(i);
  if (out[out.length - 1] !== len - 1) out.push(len - 1);
  return out;
}

export function coarsestStride(nx: number, ny: number): number {
  let st = 1;
  while (st * 2 <= Math.max(nx, ny) / 4) st *= 2;
  return st;
}

export function mapLevels(nx: number, ny: number): MapLevel[] {
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) throw new Error(`map of ${nx} × ${ny} cells: need positive integers`);
  const seen = new Uint8Array(nx * ny);
  const levels: MapLevel[] = [];
  for (let st = coarsestStride(nx, ny); st >= 1; st /= 2) {
    const cells: number[] = [];
    for (const j of axisPositions(ny, st)) {
      for (const i of axisPositions(nx, st)) {
        const c = j * nx + i;
        if (seen[c]) continue;
        seen[c] = 1;
        cells.push(c);
      }
    }
    levels.push({ stride: st, cells });
  }
  return levels;
}

/** Nearest entry of a sorted list to v (the lower one on a tie). */
function nearest(sorted: number[], v: number): number {
  let best = sorted[0];
  for (const p of sorted) if (Math.abs(p - v) < Math.abs(best - v)) best = p;
  return best;
}

/**
 * A drawable copy of a partly computed map: computed cells keep their value; every other cell
 * takes the value of the nearest cell of the finest level that is complete (NaN before the
 * coarsest level is).
 */
export function fillFromCoarse(values: ArrayLike<number>, done: ArrayLike<number | boolean>, nx: number, ny: number): Float64Array {
  const out = new Float64Array(nx * ny);
  let px: number[] | null = null;
  let py: number[] | null = null;
  for (let st = coarsestStride(nx, ny); st >= 1; st /= 2) {
    const xs = axisPositions(nx, st);
    const ys = axisPositions(ny, st);
    if (!ys.every((j) => xs.every((i) => done[j * nx + i]))) break;
    px = xs;
    py = ys;
  }
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = j * nx + i;
      if (done[c]) out[c] = values[c];
      else out[c] = px && py ? values[nearest(py, j) * nx + nearest(px, i)] : NaN;
    }
  }
  return out;
}

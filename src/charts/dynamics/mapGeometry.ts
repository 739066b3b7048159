/**
 * Geometry of an (n, s) map drawn on the pad: the rectangle of each cell (a grid value is the
 * centre of its cell; cells meet halfway, in log n, between neighbours) and contour lines of the
 * values as SVG paths in the pad's pixels. Pure functions of the grid, the values and the scales.
 */
import { contours } from 'd3';
import type { PadScales } from '../pad/padGeometry';

export interface MapGrid {
  /** Gains of the columns, increasing (log-spaced on the pad). */
  n: readonly number[];
  /** Saturations of the rows, increasing. */
  s: readonly number[];
}

export interface CellRect {
  /** Index j·nx + i. */
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Boundaries between consecutive values (halfway in the given transform), the ends extended by half a step. */
function edges(values: readonly number[], f: (v: number) => number, inv: (v: number) => number): number[] {
  const t = values.map(f);
  if (t.length === 1) return [inv(t[0] - 0.5), inv(t[0] + 0.5)];
  const out = [t[0] - (t[1] - t[0]) / 2];
  for (let i = 1; i < t.length; i++) out.push((t[i - 1] + t[i]) / 2);
  out.push(t[t.length - 1] + (t[t.length - 1] - t[t.length - 2]) / 2);
  return out.map(inv);
}

/** Every cell's rectangle in pixels, clipped to the pad. */
export function cellRects(grid: MapGrid, sc: PadScales): CellRect[] {
  const [xLo, xHi] = sc.x.range();
  const [yLo, yHi] = [Math.min(...sc.y.range()), Math.max(...sc.y.range())];
  const xe = edges(grid.n, Math.log10, (v) => 10 ** v).map((n) => Math.min(xHi, Math.max(xLo, sc.x(n))));
  const ye = edges(grid.s, (v) => v, (v) => v).map((s) => Math.min(yHi, Math.max(yLo, sc.y(s))));
  const out: CellRect[] = [];
  const nx = grid.n.length;
  for (let j = 0; j < grid.s.length; j++) {
    for (let i = 0; i < nx; i++) {
      const top = Math.min(ye[j], ye[j + 1]);
      out.push({ index: j * nx + i, x: xe[i], y: top, w: xe[i + 1] - xe[i], h: Math.abs(ye[j + 1] - ye[j]) });
    }
  }
  return out;
}

/** Value at fractional index u of increasing samples, interpolated in the transform f. */
function along(values: readonly number[], u: number, f: (v: number) => number, inv: (v: number) => number): number {
  const k = Math.min(values.length - 1, Math.max(0, u));
  const a = Math.floor(k);
  const b = Math.min(values.length - 1, a + 1);
  return inv(f(values[a]) + (k - a) * (f(values[b]) - f(values[a])));
}

/**
 * The contour line of `level` over the map as an SVG path in pad pixels. d3-contour puts value i
 * at coordinate i + 0.5 and closes its polygons along the grid's border, half a cell beyond the
 * outermost values; edges that reach out there are not contour lines and are left out, so the line
 * ends where it meets the outermost values (the pad's edges: the grid spans the pad). Cells that
 * are not finite (failed) count as below the level.
 */
export function contourPath(values: ArrayLike<number>, grid: MapGrid, level: number, sc: PadScales): string {
  const nx = grid.n.length;
  const ny = grid.s.length;
  if (nx < 2 || ny < 2) return '';
  // A finite stand-in: d3-contour interpolates between neighbours, and infinities make NaN points.
  const below = level - 1 - Math.abs(level);
  const data = Array.from(values, (v) => (Number.isFinite(v) ? v : below));
  const [shape] = contours().size([nx, ny]).thresholds([level])(data);
  const outside = ([cx, cy]: number[]) => cx < 0.5 || cx > nx - 0.5 || cy < 0.5 || cy > ny - 0.5;
  const px = ([cx, cy]: number[]) => {
    const n = along(grid.n, cx - 0.5, Math.log10, (v) => 10 ** v);
    const s = along(grid.s, cy - 0.5, (v) => v, (v) => v);
    return `${sc.x(n).toFixed(1)},${sc.y(s).toFixed(1)}`;
  };
  let d = '';
  for (const polygon of shape?.coordinates ?? []) {
    for (const ring of polygon) {
      let open = false;
      for (let k = 1; k < ring.length; k++) {
        if (outside(ring[k - 1]) || outside(ring[k])) {
          open = false;
          continue;
        }
        if (!open) d += `M${px(ring[k - 1])}`;
        d += `L${px(ring[k])}`;
        open = true;
      }
    }
  }
  return d;
}

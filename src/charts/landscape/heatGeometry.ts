/**
 * Geometry and colour of the landscape heat map, pure: each grid point owns the rectangle between
 * the midpoints to its neighbours (in log n across, in s up), clipped to the pad; values map to a
 * colour ramp where better is brighter, for accuracy (higher) and for loss (lower) alike.
 */
import { interpolateViridis } from 'd3';
import type { CellSummary } from '../../core/landscapeStats';
import { N_MAX, N_MIN } from '../pad/padGeometry';

export type Metric = 'accuracy' | 'loss';

/** Rectangle edges of each grid value; `log` puts midpoints in log space. Clamped to [lo, hi]. */
export function cellEdges(values: readonly number[], log: boolean, lo: number, hi: number): [number, number][] {
  const f = log ? Math.log10 : (v: number) => v;
  const g = log ? (v: number) => 10 ** v : (v: number) => v;
  const t = values.map(f);
  // A lone value gets a sixth of the axis on either side.
  const lone = (f(hi) - f(lo)) / 12;
  return t.map((v, i) => {
    const left = i > 0 ? (v + t[i - 1]) / 2 : t.length > 1 ? v - (t[1] - v) / 2 : v - lone;
    const right = i < t.length - 1 ? (v + t[i + 1]) / 2 : t.length > 1 ? v + (v - t[i - 1]) / 2 : v + lone;
    return [Math.max(lo, g(left)), Math.min(hi, g(right))];
  });
}

export interface HeatGrid {
  nEdges: [number, number][];
  sEdges: [number, number][];
}

export function heatGrid(grid: { n: readonly number[]; s: readonly number[] }): HeatGrid {
  return { nEdges: cellEdges(grid.n, true, N_MIN, N_MAX), sEdges: cellEdges(grid.s, false, 0, 1) };
}

/** The cell whose rectangle holds (n, s), if any. */
export function cellUnder(cells: readonly CellSummary[], g: HeatGrid, n: number, s: number): CellSummary | undefined {
  const i = g.nEdges.findIndex(([a, b]) => n >= a && n <= b);
  const j = g.sEdges.findIndex(([a, b]) => s >= a && s <= b);
  return i < 0 || j < 0 ? undefined : cells.find((c) => c.i === i && c.j === j);
}

/** The cell's mean of the metric, or null when every run of it diverged. */
export function valueOf(c: CellSummary, metric: Metric): number | null {
  return (metric === 'accuracy' ? c.accuracy?.mean : c.loss?.mean) ?? null;
}

export interface ColourScale {
  /** Range of the legend, in the metric's units (lo < hi). */
  lo: number;
  hi: number;
  /** Where `better` sits: 'hi' for accuracy, 'lo' for loss. */
  better: 'hi' | 'lo';
  colour(v: number): string;
}

/**
 * The ramp over the cells' means, widened to include chance (the input-blind guess), so a map
 * where nothing learned looks flat and dark instead of stretched to full contrast.
 */
export function colourScale(cells: readonly CellSummary[], metric: Metric, chance: number): ColourScale {
  const vals = cells.map((c) => valueOf(c, metric)).filter((v): v is number => v !== null);
  let lo = Math.min(chance, ...vals);
  let hi = Math.max(chance, ...vals);
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const better = metric === 'accuracy' ? 'hi' : 'lo';
  return {
    lo,
    hi,
    better,
    colour: (v) => {
      const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
      return interpolateViridis(better === 'hi' ? t : 1 - t);
    },
  };
}

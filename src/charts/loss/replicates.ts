/**
 * Several seeds of one setting as one curve with a band: each seed's smoothed series sampled on a
 * common grid of steps (linear interpolation), then the mean and mean ± one standard deviation at
 * each step. The grid spans the steps every seed has reached.
 */
import { bisector, deviation, mean } from 'd3';
import type { SeriesPoints } from '../../core/decimate';
import type { Band } from './lossSeries';

const GRID = 240;

function sampleAt(p: SeriesPoints, x: number): number {
  const i = bisector((v: number) => v).left(p.x.subarray(0, p.length) as unknown as number[], x);
  if (i <= 0) return p.y[0];
  if (i >= p.length) return p.y[p.length - 1];
  const x0 = p.x[i - 1];
  const x1 = p.x[i];
  const t = x1 > x0 ? (x - x0) / (x1 - x0) : 0;
  return p.y[i - 1] + t * (p.y[i] - p.y[i - 1]);
}

/** The mean curve and its ± sd band of `series` (one per seed); null when no seed has two points. */
export function meanBand(series: readonly SeriesPoints[]): { mean: SeriesPoints; band: Band } | null {
  const live = series.filter((p) => p.length >= 2);
  if (!live.length) return null;
  const x0 = Math.max(...live.map((p) => p.x[0]));
  const x1 = Math.min(...live.map((p) => p.x[p.length - 1]));
  if (!(x1 > x0)) return null;
  const count = Math.min(GRID, Math.max(2, Math.round(x1 - x0) + 1));
  const x = Float64Array.from({ length: count }, (_, i) => x0 + ((x1 - x0) * i) / (count - 1));
  const m = new Float64Array(count);
  const lo = new Float64Array(count);
  const hi = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const ys = live.map((p) => sampleAt(p, x[i]));
    const mu = mean(ys) ?? NaN;
    const sd = ys.length > 1 ? (deviation(ys) ?? 0) : 0;
    m[i] = mu;
    lo[i] = mu - sd;
    hi[i] = mu + sd;
  }
  return { mean: { x, y: m, length: count }, band: { x, lo, hi } };
}

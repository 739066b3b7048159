/**
 * What the loss chart draws, as plain data: one entry per run (or per compared setting, with a
 * band over its seeds), and the pure helpers that place them: y ranges that ignore rare spikes,
 * paths at one point per pixel column, test points as one path, and the CSV table.
 */
import { line, max, quantileSorted } from 'd3';
import type { SeriesPoints } from '../../core/decimate';
import type { TestPoint } from '../../engine/protocol';
import type { FigureData } from '../exportFormat';
import { pixelThin } from '../shared/seriesPixels';

/** A band (mean ± sd over seeds) sampled at x. */
export interface Band {
  x: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

export interface LossSeries {
  key: string;
  label: string;
  /** CSS colour (e.g. var(--run-homogeneous)); the single-run chart keeps the default styling. */
  colour?: string;
  /** Per-step values, drawn faintly on a canvas (single runs). */
  loss?: SeriesPoints;
  acc?: SeriesPoints;
  lossSmooth: SeriesPoints;
  accSmooth: SeriesPoints;
  tests: readonly TestPoint[];
  lossBand?: Band;
  accBand?: Band;
}

/** A smooth series as an SVG path, one point per pixel column. */
export function linePath(p: SeriesPoints, x: (v: number) => number, y: (v: number) => number): string {
  return line<number>().x((i) => x(p.x[i])).y((i) => y(p.y[i]))(pixelThin(p, x)) ?? '';
}

export function bandPath(b: Band, x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  for (let i = 0; i < b.x.length; i++) d += `${i ? 'L' : 'M'}${x(b.x[i]).toFixed(1)},${y(b.hi[i]).toFixed(1)}`;
  for (let i = b.x.length - 1; i >= 0; i--) d += `L${x(b.x[i]).toFixed(1)},${y(b.lo[i]).toFixed(1)}`;
  return b.x.length ? `${d}Z` : '';
}

/** Many small circles as one path: one element however many points. */
export function dotsPath(pts: { x: number; y: number }[], r: number): string {
  let d = '';
  for (const p of pts) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    d += `M${(p.x - r).toFixed(1)},${p.y.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
  return d;
}

function finite(values: ArrayLike<number>): number[] {
  return Array.from(values).filter(Number.isFinite);
}

/** The step axis: from the first point to the next quarter-decade mark past the last, so it stays put between updates. */
export function stepDomain(series: readonly LossSeries[]): [number, number] {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const s of series) {
    const p = s.loss ?? s.lossSmooth;
    if (!p.length) continue;
    x0 = Math.min(x0, p.x[0]);
    x1 = Math.max(x1, p.x[p.length - 1]);
  }
  if (x0 === Infinity) return [0, 100];
  const end = Math.max(x1, x0 + 10);
  const q = 10 ** Math.floor(Math.log10(end)) / 4;
  return [x0, Math.ceil(end / q) * q];
}

/** Top and bottom of the loss axis: the 99th percentile of the raw losses, so a rare spike does not flatten the rest. */
export function lossRange(series: readonly LossSeries[], chanceLoss?: number): { top: number; bottom: number } {
  const raw = finite(series.flatMap((s) => (s.loss ? Array.from(s.loss.y.subarray(0, s.loss.length)) : []))).sort((a, b) => a - b);
  const smooth = series.flatMap((s) => finite(s.lossSmooth.y.subarray(0, s.lossSmooth.length)));
  const bands = series.flatMap((s) => (s.lossBand ? finite(s.lossBand.hi) : []));
  const tests = series.flatMap((s) => s.tests.map((t) => t.loss)).filter(Number.isFinite);
  const chance = chanceLoss && Number.isFinite(chanceLoss) ? chanceLoss : 0;
  // Nothing drawn yet: an axis up to the chance level (or 1), not a magnified empty range.
  if (!raw.length && !smooth.length && !tests.length) return { top: chance || 1, bottom: (chance || 1) / 100 };
  const top = Math.max(raw.length ? (quantileSorted(raw, 0.99) ?? 0) : 0, max(smooth) ?? 0, max(bands) ?? 0, chance, max(tests) ?? 0, 1e-3);
  const low = raw.length ? (quantileSorted(raw, 0.005) ?? top / 100) : Math.min(top / 100, ...smooth);
  const bottom = Math.max(1e-4, Math.min(low || top / 100, ...tests.filter((v) => v > 0)));
  return { top, bottom };
}

/**
 * One run: long format (series, step, value) with every series and the test points. Several runs:
 * one column per run (smoothed loss, then smoothed accuracy), a row per step any run has.
 */
export function lossTable(series: readonly LossSeries[]): FigureData {
  if (series.length === 1) {
    const s = series[0];
    const rows: (string | number)[][] = [];
    const add = (name: string, p?: SeriesPoints) => {
      if (p) for (let i = 0; i < p.length; i++) rows.push([name, p.x[i], p.y[i]]);
    };
    add('loss', s.loss);
    add('loss_smoothed', s.lossSmooth);
    add('accuracy', s.acc);
    add('accuracy_smoothed', s.accSmooth);
    for (const t of s.tests) rows.push(['test_loss', t.step, t.loss], ['test_accuracy', t.step, t.acc]);
    return { columns: ['series', 'step', 'value'], rows };
  }
  const steps = new Set<number>();
  for (const s of series) for (let i = 0; i < s.lossSmooth.length; i++) steps.add(s.lossSmooth.x[i]);
  const at = (p: SeriesPoints) => {
    const m = new Map<number, number>();
    for (let i = 0; i < p.length; i++) m.set(p.x[i], p.y[i]);
    return m;
  };
  const loss = series.map((s) => at(s.lossSmooth));
  const acc = series.map((s) => at(s.accSmooth));
  const rows = [...steps].sort((a, b) => a - b).map((x) => [x, ...loss.map((m) => m.get(x) ?? ''), ...acc.map((m) => m.get(x) ?? '')]);
  return { columns: ['step', ...series.map((s) => `${s.label} loss`), ...series.map((s) => `${s.label} accuracy`)], rows };
}

/**
 * Samples of γ curves for the activation-evolution figure: one curve for shared (n, s), and for
 * per-neuron parameters the median curve with a quantile band across neurons at each x.
 */
import { median as d3median, quantileSorted } from 'd3';
import { gamma } from '../../core/gamma';
import type { ParamSet } from '../../state/runTypes';

export function xGrid(xr: number, count = 161): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => -xr + (2 * xr * i) / (count - 1));
}

export function curve(xs: Float64Array, n: number, s: number): Float64Array {
  return xs.map((x) => gamma(x, n, s));
}

const q = (sorted: Float64Array, p: number): number => quantileSorted(sorted as unknown as number[], p) ?? NaN;

export interface Band {
  lo: Float64Array;
  median: Float64Array;
  hi: Float64Array;
}

/** At each x, quantiles `lowP`, 0.5 and `highP` of γ_i(x) over the neurons of `p`. */
export function band(xs: Float64Array, p: ParamSet, lowP = 0.1, highP = 0.9): Band {
  const N = p.n.length;
  const vals = new Float64Array(N);
  const lo = new Float64Array(xs.length);
  const median = new Float64Array(xs.length);
  const hi = new Float64Array(xs.length);
  for (let k = 0; k < xs.length; k++) {
    for (let i = 0; i < N; i++) vals[i] = gamma(xs[k], p.n[i], p.s[i]);
    vals.sort();
    lo[k] = q(vals, lowP);
    median[k] = q(vals, 0.5);
    hi[k] = q(vals, highP);
  }
  return { lo, median, hi };
}

/** The curve that stands for a parameter set: its own for shared (n, s), else the median band's. */
export function representative(xs: Float64Array, p: ParamSet): Float64Array {
  return p.n.length === 1 ? curve(xs, p.n[0], p.s[0]) : band(xs, p, 0.5, 0.5).median;
}

/** Median of an array-like (for per-neuron n_i, s_i). */
export function median(a: ArrayLike<number>): number {
  return d3median(Array.from(a)) ?? NaN;
}

/** Indices of a few neurons spread over the range of n (lowest, quartiles, highest). */
export function sampleNeurons(p: ParamSet, count = 5): number[] {
  const idx = Array.from(p.n, (_, i) => i).sort((a, b) => p.n[a] - p.n[b]);
  if (idx.length <= count) return idx;
  return Array.from({ length: count }, (_, k) => idx[Math.round((k * (idx.length - 1)) / (count - 1))]);
}

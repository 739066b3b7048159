/** Small statistics for the benchmark's reports. */
import { quantileSorted } from 'd3';

/** The q-quantile of xs (linear interpolation between order statistics), NaN when empty. */
export function quantile(xs: readonly number[], q: number): number {
  return xs.length ? (quantileSorted([...xs].sort((a, b) => a - b), q) ?? NaN) : NaN;
}

export const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

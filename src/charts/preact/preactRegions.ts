/**
 * Where pre-activations fall on the activation's curve: "silent" (left of the steepest point,
 * slope ≈ 0, output ≈ 0: γ and ReLU), "active" (slope well above 0: the unit passes changes on)
 * and "saturated" (slope ≈ 0 at a plateau: right of the steepest point for a saturating γ, s > 0,
 * and on both sides for tanh). "≈ 0" means below a tenth of the curve's largest slope.
 */
import { maxSlope, saturatesBelow, slope, type Activation } from '../../core/activation';

export type RegionId = 'silent' | 'active' | 'saturated';

export interface Region {
  id: RegionId;
  x0: number;
  x1: number;
}

export const SLOPE_FRACTION = 0.1;
const SAMPLES = 600;

/** Contiguous regions covering [lo, hi], left to right. */
export function regions(act: Activation, lo: number, hi: number): Region[] {
  const tau = SLOPE_FRACTION * maxSlope(act);
  const below: RegionId = saturatesBelow(act) ? 'saturated' : 'silent';
  let peakX = lo;
  let peak = -Infinity;
  const xs: number[] = [];
  const gs: number[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const x = lo + ((hi - lo) * i) / SAMPLES;
    const g = slope(act, x);
    xs.push(x);
    gs.push(g);
    if (g > peak) {
      peak = g;
      peakX = x;
    }
  }
  const label = (i: number): RegionId => (gs[i] >= tau ? 'active' : xs[i] < peakX ? below : 'saturated');
  const out: Region[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const id = label(i);
    const prev = out[out.length - 1];
    if (prev && prev.id === id) prev.x1 = xs[i];
    else {
      if (prev) prev.x1 = (xs[i - 1] + xs[i]) / 2;
      out.push({ id, x0: prev ? prev.x1 : xs[i], x1: xs[i] });
    }
  }
  return out;
}

/** Share of the histogram's mass in each region (bins split by overlap, uniform within a bin). */
export function regionFractions(edges: ArrayLike<number>, counts: ArrayLike<number>, regs: Region[]): Record<RegionId, number> {
  const out: Record<RegionId, number> = { silent: 0, active: 0, saturated: 0 };
  let total = 0;
  for (let b = 0; b < counts.length; b++) {
    const a0 = edges[b];
    const a1 = edges[b + 1];
    const c = counts[b];
    if (!(c > 0) || !(a1 > a0)) continue;
    total += c;
    for (const r of regs) {
      const overlap = Math.max(0, Math.min(a1, r.x1) - Math.max(a0, r.x0));
      out[r.id] += (c * overlap) / (a1 - a0);
    }
  }
  if (total > 0) for (const k of Object.keys(out) as RegionId[]) out[k] /= total;
  return out;
}

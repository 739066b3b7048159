/**
 * Colours of the (n, s) maps. The gradient map is a ratio (gain per step): a diverging scale on
 * its logarithm, white at 1, blue where gradients shrink and red where they grow, saturating at
 * RATIO_DECADES decades either way. The MI map is a sequential scale from 0 bits to its largest
 * value. Each returns the colour of a value and the legend's ticks.
 */
import { interpolateRdBu, interpolateViridis, scaleDiverging, scaleSequential } from 'd3';

/** Decades of gain per step either side of 1 before the colour saturates. */
export const RATIO_DECADES = 1.5;

export interface MapColour {
  colour(v: number): string;
  /** Colour at fraction t ∈ [0, 1] of the legend. */
  at(t: number): string;
  /** Legend ticks: position t ∈ [0, 1] and label. */
  ticks: { t: number; label: string }[];
}

export function ratioColour(): MapColour {
  // Reversed RdBu: red for large values.
  const sc = scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([-RATIO_DECADES, 0, RATIO_DECADES]).clamp(true);
  const t = (v: number) => (Math.log10(v) + RATIO_DECADES) / (2 * RATIO_DECADES);
  return {
    colour: (v) => (v > 0 ? sc(Math.log10(v)) : sc(-RATIO_DECADES)),
    at: (x) => sc(-RATIO_DECADES + 2 * RATIO_DECADES * x),
    ticks: [0.03, 0.1, 0.3, 1, 3, 10, 30].map((v) => ({ t: t(v), label: String(v) })),
  };
}

export function bitsColour(max: number): MapColour {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const sc = scaleSequential(interpolateViridis).domain([0, top]).clamp(true);
  const step = top > 4 ? 1 : top > 2 ? 0.5 : top > 0.8 ? 0.2 : 0.1;
  const ticks = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push({ t: v / top, label: String(Number(v.toFixed(2))) });
  return { colour: (v) => sc(v), at: (x) => sc(x * top), ticks };
}

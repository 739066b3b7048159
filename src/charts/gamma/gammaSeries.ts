/**
 * Samples of γ, its three derivatives and the landmark curves over x ∈ [−xr, xr], and the y
 * domains the γ chart uses. Pure: no DOM, so the chart can memoise it on (n, s, xr).
 */
import { gamma, gammaGrad } from '../../core/gamma';
import { LANDMARKS, type LandmarkId } from '../../core/landmarks';

export type Overlay = 'dx' | 'dn' | 'ds';
export const DERIVATIVES: readonly Overlay[] = ['dx', 'dn', 'ds'];

/** Odd, so x = 0 is sampled exactly (γ(0) and the step's jump sit there). */
export const SAMPLES = 241;
/** Extra samples across the bend, whose width is about 1/n. */
const CORE_SAMPLES = 81;
const CORE_HALF_WIDTH = 6;

function uniform(half: number, count: number): Float64Array {
  const x = new Float64Array(count);
  const mid = (count - 1) / 2;
  for (let i = 0; i < count; i++) x[i] = (half * (i - mid)) / mid;
  return x;
}

/**
 * x samples over [−xr, xr]: a uniform grid, plus a denser one across the bend (|x| < 6/n) when the
 * gain makes it narrow, so sharp curves stay sharp with few points.
 */
export function sampleX(xr: number, n?: number): Float64Array {
  const base = uniform(xr, SAMPLES);
  const w = n ? CORE_HALF_WIDTH / n : Infinity;
  if (w > xr / 8) return base;
  const core = uniform(w, CORE_SAMPLES);
  const merged = Array.from(new Set([...base, ...core])).sort((a, b) => a - b);
  return Float64Array.from(merged);
}

export interface GammaSeries {
  x: Float64Array;
  gamma: Float64Array;
  dx: Float64Array;
  dn: Float64Array;
  ds: Float64Array;
}

export function gammaSeries(n: number, s: number, xr: number): GammaSeries {
  const x = sampleX(xr, n);
  const out: GammaSeries = {
    x,
    gamma: new Float64Array(x.length),
    dx: new Float64Array(x.length),
    dn: new Float64Array(x.length),
    ds: new Float64Array(x.length),
  };
  for (let i = 0; i < x.length; i++) {
    out.gamma[i] = gamma(x[i], n, s);
    const g = gammaGrad(x[i], n, s);
    out.dx[i] = g.dx;
    out.dn[i] = g.dn;
    out.ds[i] = g.ds;
  }
  return out;
}

export interface Ghost {
  id: LandmarkId;
  label: string;
  x: Float64Array;
  y: Float64Array;
}

export function ghostSeries(xr: number): Ghost[] {
  const x = sampleX(xr);
  return LANDMARKS.map((l) => ({ id: l.id, label: l.label, x, y: x.map((v) => l.f(v)) }));
}

function extent(arrays: readonly Float64Array[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (const v of a) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}

export interface YDomains {
  /** γ (and the ghosts, and the derivatives when they share it). */
  primary: [number, number];
  /** Set when the shown derivatives live on a scale too different from γ's: a right-hand axis. */
  secondary: [number, number] | null;
}

/** How different two spans may be (ratio) and still share one axis. */
const SHARE_RATIO = 4;

/**
 * γ's axis stays put while n and s move whenever possible (the eye should see the curve morph,
 * not the axis): with ghosts shown it spans the ReLU's [0, xr]; it grows only when γ exceeds that.
 */
export function yDomains(series: GammaSeries, xr: number, ghosts: boolean, overlays: readonly Overlay[]): YDomains {
  const [, gHi] = extent([series.gamma]);
  const top = Math.max(gHi, ghosts ? xr : 1);
  const pad = 0.06 * top;
  let primary: [number, number] = [-pad, top + pad];
  if (overlays.length === 0) return { primary, secondary: null };
  const [dLo, dHi] = extent(overlays.map((o) => series[o]));
  const dSpan = Math.max(dHi - dLo, 1e-9);
  const pSpan = primary[1] - primary[0];
  if (dSpan / pSpan <= SHARE_RATIO && pSpan / dSpan <= SHARE_RATIO) {
    primary = [Math.min(primary[0], dLo - 0.04 * dSpan), Math.max(primary[1], dHi + 0.04 * dSpan)];
    return { primary, secondary: null };
  }
  const dPad = 0.06 * dSpan;
  return { primary, secondary: [Math.min(dLo - dPad, -dPad), Math.max(dHi + dPad, dPad)] };
}

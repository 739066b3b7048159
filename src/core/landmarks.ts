/**
 * Named members of the γ family and the analytic largest slope sup_x γ′(x; n, s).
 * Colours are not here (core is framework-free): the page maps each landmark id to a CSS variable.
 */

export type LandmarkId = 'relu' | 'softplus' | 'sigmoid' | 'step';

export interface Landmark {
  id: LandmarkId;
  label: string;
  /** Where the landmark sits on the (n, s) pad; ReLU and step are limits n → ∞, drawn at nLimit. */
  n: number;
  s: number;
  /** True when the landmark is a limit that the family only approaches. */
  isLimit: boolean;
  /** The landmark's own curve (exact, not the γ approximation). */
  f: (x: number) => number;
}

/** The pad's right edge stands in for n → ∞. */
export const N_LIMIT = 100;

export const LANDMARKS: readonly Landmark[] = [
  { id: 'relu', label: 'ReLU', n: N_LIMIT, s: 0, isLimit: true, f: (x) => Math.max(0, x) },
  {
    id: 'softplus',
    label: 'softplus',
    n: 1,
    s: 0,
    isLimit: false,
    f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  },
  {
    id: 'sigmoid',
    label: 'sigmoid',
    n: 1,
    s: 1,
    isLimit: false,
    f: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  },
  { id: 'step', label: 'step', n: N_LIMIT, s: 1, isLimit: true, f: (x) => (x > 0 ? 1 : x < 0 ? 0 : 0.5) },
];

/**
 * sup_x γ′(x; n, s). γ′ = (1 − s)·S + s·n·S(1 − S) with S = σ(n x) ∈ (0, 1): a concave quadratic in
 * S whose vertex S* = (1 + s(n − 1)) / (2 s n) lies below 1 exactly when s > 1/(n + 1); otherwise
 * the supremum is the limit S → 1, i.e. 1 − s (approached as x → ∞).
 */
export function supSlope(n: number, s: number): number {
  if (s > 1 / (n + 1)) {
    const a = 1 + s * (n - 1);
    return (a * a) / (4 * n * s);
  }
  return 1 - s;
}

/**
 * The saturation at which sup γ′ = 1 for a given gain: s = 1/(√n − 1)², defined for n ≥ 4
 * (where it is ≤ 1). Above it (larger s) sup γ′ > 1: locally expanding units.
 * Returns null where no s in (0, 1] reaches slope 1.
 */
export function unitSlopeSaturation(n: number): number | null {
  if (n < 4) return null;
  const r = Math.sqrt(n) - 1;
  const s = 1 / (r * r);
  return s <= 1 ? s : null;
}

/** True where some x has γ′ > 1 (locally expanding unit). */
export function isExpanding(n: number, s: number): boolean {
  return supSlope(n, s) > 1;
}

/**
 * Distance on the pad, in units where log10 n spans [−1, 2] and s spans [0, 1], both scaled to 1,
 * used to name the nearest landmark.
 */
export function nearestLandmark(n: number, s: number): { landmark: Landmark; distance: number } {
  const ln = (v: number) => (Math.log10(Math.min(Math.max(v, 0.1), N_LIMIT)) + 1) / 3;
  let best = LANDMARKS[0];
  let bestD = Infinity;
  for (const l of LANDMARKS) {
    const d = Math.hypot(ln(n) - ln(l.n), s - l.s);
    if (d < bestD) {
      bestD = d;
      best = l;
    }
  }
  return { landmark: best, distance: bestD };
}

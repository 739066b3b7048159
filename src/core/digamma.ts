/**
 * The digamma function ψ(x) = d/dx ln Γ(x) for real x > 0 (what the nearest-neighbour
 * estimators need): the recurrence ψ(x) = ψ(x + 1) − 1/x lifts x to at least 10, where the
 * asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ), cut after x⁻¹⁰, is accurate to ~2e-14 (the
 * first omitted term is 691/(32760·x¹²)).
 */

/** B₂ₖ/(2k) for k = 1..5: 1/12, −1/120, 1/252, −1/240, 1/132. */
const SERIES = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132];

export function digamma(x: number): number {
  if (!(x > 0)) throw new Error(`digamma(${x}): defined here for x > 0 only`);
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // Horner in 1/x²: Σ c_k·x^(−2k).
  let tail = 0;
  for (let k = SERIES.length - 1; k >= 0; k--) tail = (tail + SERIES[k]) * inv2;
  return Math.log(x) - 0.5 / x - tail - shift;
}

/**
 * The activation family γ(x; n, s) = (1 − s)·softplus_n(x) + s·σ(n·x) on plain float64 numbers.
 * softplus_n(x) = log(1 + e^{n·x}) / n. Every branch is written so that no large argument is
 * exponentiated and no two large, nearly equal terms are subtracted: the results stay finite and
 * accurate for n in [0.01, 500] and x in [−100, 100].
 */

export interface GammaGrad {
  /** ∂γ/∂x */
  dx: number;
  /** ∂γ/∂n */
  dn: number;
  /** ∂γ/∂s */
  ds: number;
}

/** σ(z) without overflow for either sign of z. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** softplus_n(x) = log(1 + e^{n·x}) / n. */
export function softplusN(x: number, n: number): number {
  return softplus(n * x) / n;
}

export function gamma(x: number, n: number, s: number): number {
  const z = n * x;
  return (1 - s) * softplusN(x, n) + s * sigmoid(z);
}

/**
 * x·S − P, with S = σ(n·x) and P = softplus_n(x). For n·x > 0 both terms are ≈ x, so it is
 * rewritten as −x·σ(−z) − log1p(e^{−z})/n to avoid cancelling them.
 */
function xSminusP(x: number, n: number, z: number): number {
  if (z > 0) return -x * sigmoid(-z) - Math.log1p(Math.exp(-z)) / n;
  return x * sigmoid(z) - Math.log1p(Math.exp(z)) / n;
}

export function gammaGrad(x: number, n: number, s: number): GammaGrad {
  const z = n * x;
  const S = sigmoid(z);
  const dS = S * sigmoid(-z); // S·(1 − S) without cancellation near S = 1
  const P = softplusN(x, n);
  return {
    dx: (1 - s) * S + s * n * dS,
    dn: ((1 - s) * xSminusP(x, n, z)) / n + s * x * dS,
    ds: S - P,
  };
}

/** ∂γ/∂x alone (the Jacobian entries of the RNN step). */
export function gammaPrime(x: number, n: number, s: number): number {
  const z = n * x;
  const S = sigmoid(z);
  return (1 - s) * S + s * n * S * sigmoid(-z);
}

/** γ(0) = (1 − s)·ln2/n + s/2. */
export function gammaAtZero(n: number, s: number): number {
  return ((1 - s) * Math.LN2) / n + s / 2;
}

/** γ′(0) = (1 − s)/2 + s·n/4. */
export function gammaPrimeAtZero(n: number, s: number): number {
  return (1 - s) / 2 + (s * n) / 4;
}

/**
 * How often the training worker computes λ₁ (engine/analyses.ts), in a module without tfjs so the
 * page can say so too.
 */

/** λ₁ across training: a few milliseconds every this often (see lyapunovAnalysis.ts). */
export const LYAPUNOV_EVERY_MS = 2000;

/**
 * Names and attributes of the per-step recurrent kernels: a backend that cannot run the whole
 * recurrence in one dispatch (WebGL has no workgroup barrier) registers these instead, so that a
 * time step costs two draws each way rather than ~16 op-by-op kernels (unrollSteps.ts). The kernels
 * are backend code (src/engine/webgl/ registers them for 'webgl'); core calls them by name, like
 * the fused kernels (fusedNames.ts).
 *
 * Shapes (float32, rows r = t·B + b in the time-major [T·B, ·] matrices):
 *   STEP_FORWARD  {x: [I, T·B] columns, U: [I, N], bias: [1, N], V?: [N, N], h?: [B, N]}
 *                 → a_t = x_tᵀ·U + h·V + b, [B, N] (V and h absent at t = 0).
 *   STEP_BACK     {dA: [B, N], V: [N, N], dH?: [T·B, N]} → g_t = dH_t + dA_{t+1}·Vᵀ, [B, N];
 *                 {dH} alone → dH_t.
 *   STEP_CELL     {a, n: [1, L], s: [1, L]} → φ(a), same shape as a.
 *   STEP_CELL_BACK {g, a, n, s} → g ⊙ φ′(a).
 *   STEP_GAMMA_SUMS {g, a, n, s} → [2P, N]: partial column sums over P chunks of rows; row 2p
 *                 holds chunk p's Σ g ⊙ ∂γ/∂n(a), row 2p + 1 its Σ g ⊙ ∂γ/∂s(a) (per neuron even
 *                 when n, s are shared).
 *   COLUMN_SUMS   {x: [R, N]} → [2P, N], partial column sums whose total over rows is Σ_r x[r, :].
 *   STACK_ROWS    [X_0, X_1, …] (each [R_k, N]) → their rows stacked, [Σ R_k, N].
 *   STEP_LAYOUT   {x} → the same values in the layout the kernels read (webgl: packed 2×2 blocks).
 *                 Called once per pass for the weights and the input: a backend converts an input
 *                 in another layout at every draw that reads it, i.e. at every step.
 *   FLAT_ADAM_MOMENT {g: [P], m: [P], norm: []} → β·m + (1 − β)·ĝ (or ĝ² with `square`), where
 *                 ĝ = g·clip/max(norm, clip) when clip > 0, else g: one of Adam's moments.
 *   FLAT_ADAM_DELTA {m: [P], v: [P], scale: [P]} → scale ⊙ α·m/(√v + ε̂): the step subtracted.
 * L = 1 (n, s shared) or N (per neuron); tanh and relu ignore n and s. The two Adam kernels serve
 * flatAdamUpdate.ts, where tfjs would make a dozen passes over the P parameters.
 */
import type { ActKind } from './fusedNames';

export const STEP_FORWARD = 'AdaptiveRnnStepForward';
export const STEP_BACK = 'AdaptiveRnnStepBack';
export const STEP_CELL = 'AdaptiveRnnStepCell';
export const STEP_CELL_BACK = 'AdaptiveRnnStepCellBack';
export const STEP_GAMMA_SUMS = 'AdaptiveRnnStepGammaSums';
export const COLUMN_SUMS = 'AdaptiveRnnColumnSums';
export const STEP_LAYOUT = 'AdaptiveRnnStepLayout';
export const STACK_ROWS = 'AdaptiveRnnStackRows';
export const FLAT_ADAM_MOMENT = 'AdaptiveRnnFlatAdamMoment';
export const FLAT_ADAM_DELTA = 'AdaptiveRnnFlatAdamDelta';

export const STEP_KERNELS = [STEP_FORWARD, STEP_BACK, STEP_CELL, STEP_CELL_BACK, STEP_GAMMA_SUMS, COLUMN_SUMS, STACK_ROWS, STEP_LAYOUT, FLAT_ADAM_MOMENT, FLAT_ADAM_DELTA] as const;

/**
 * Rows of the time-major matrices the backward pass stacks at once (unrollSteps.ts cuts longer
 * sequences into segments). A packed WebGL texture holds 2 rows a texel, so a segment stays one
 * unfolded texture on any GL with 4,096 texels a side or more (nearly all WebGL 2 devices; this
 * machine's software GL has 8,192).
 */
export const SEGMENT_ROWS = 8192;

/** STEP_FORWARD and STEP_BACK: which step t (its rows t·B … t·B + B − 1), and B. */
export interface StepAttrs {
  t: number;
  B: number;
}

/** The cell kernels: which activation, and whether n and s are per neuron. */
export interface CellAttrs {
  act: ActKind;
  perNeuron: boolean;
}

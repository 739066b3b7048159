/**
 * Names and attributes of the per-step recurrent kernels: a backend that cannot run the whole
 * recurrence in one dispatch (WebGL has no workgroup barrier) registers these instead, so that a
 * time step costs two draws each way rather than ~16 op-by-op kernels (unrollSteps.ts). The kernels
 * are backend code (src/engine/webgl/ registers them for 'webgl'); core calls them by name, like
 * the fused kernels (fusedNames.ts).
 *
 * Shapes (float32, rows r = t·B + b in the time-major [T·B, ·] matrices):
 *   STEP_FORWARD  {x: [I, T·B] columns, U: [I, N], bias: [1, N], V?: [N, N], h?: [B, N]}
 *                 → a_t = x_tᵀ·U + h·V + b (V and h absent at t = 0), as the parts of the backend's
 *                 own split of [B, N] (one or more tensors), which only STEP_CELL reads.
 *   STEP_BACK     {dA: [B, N], V: [N, N], dH?: [T·B, N]} → g_t = dH_t + dA_{t+1}·Vᵀ;
 *                 {dH} alone → dH_t; both as parts, which only STEP_CELL_BACK reads.
 *   STEP_CELL     {a0, a1, …: STEP_FORWARD's parts, n: [1, L], s: [1, L]}, {act, perNeuron, B, N}
 *                 → [a, φ(a)], each [B, N].
 *   STEP_CELL_BACK {g0, g1, …: STEP_BACK's parts, a, n, s} → [g ⊙ φ′(a), g];
 *                 {g: [B, N], a, n, s} → [g ⊙ φ′(a)].
 *   OUTER_SUMS    {l0 … l(k−1): [B, M], r0 … r(k−1): [B, N], prev0, prev1, …?} → prev + Σ_j l_jᵀ·r_j
 *                 as the parts of [M, N] (prev: a previous draw's parts), k ≤ OUTER_BLOCKS:
 *                 ∂L/∂V = Σ_t h_{t−1}ᵀ·dA_t, a few steps per draw.
 *   INPUT_OUTER_SUMS {x: [I, T·B] columns, r0 … r(k−1): [B, N], prev0, …?}, {t, B}
 *                 → prev + Σ_j [x_{t+j}; 1]·r_j as the parts of [I + 1, N], k ≤ INPUT_BLOCKS (x_t:
 *                 columns t·B … t·B + B − 1, [I, B]; the 1 a row of ones): ∂L/∂U in rows 0 … I − 1,
 *                 ∂L/∂b in row I.
 *   MERGE_PARTS   {p0, p1, …: the parts of OUTER_SUMS or INPUT_OUTER_SUMS}, {R, C} → [R, C].
 *   GAMMA_BLOCK_SUMS {g0 … g(k−1), a0 … a(k−1): [B, N], n, s} → [2m, N], m ≥ 1 partial sums over
 *                 rows: their sum is Σ_j of the column sums of g_j ⊙ ∂γ/∂n(a_j) (even rows) and
 *                 g_j ⊙ ∂γ/∂s(a_j) (odd rows), k ≤ GAMMA_BLOCKS; per neuron even when n and s are shared.
 *   STACK_ROWS    [X_0, X_1, …] (each [R_k, N]) → their rows stacked, [Σ R_k, N].
 *   STEP_LAYOUT   {x} → the same values in the layout the kernels read (webgl: packed 2×2 blocks).
 *                 Called once per pass for the weights and the input: a backend converts an input
 *                 in another layout at every draw that reads it, i.e. at every step.
 *   FLAT_ADAM_MOMENT {g: [P], m: [P], norm: []} → β·m + (1 − β)·ĝ (or ĝ² with `square`), where
 *                 ĝ = g·clip/max(norm, clip) when clip > 0, else g: one of Adam's moments.
 *   FLAT_ADAM_DELTA {m: [P], v: [P], scale: [P]} → scale ⊙ α·m/(√v + ε̂): the step subtracted.
 *   LOSS_ROWS     {logits: [R, C], y: [R] labels (−1: none)} → [R, 2]: −log softmax(logits)[y] and
 *                 1 when the first arg-max is y, per row; 0 for a row without a label.
 *   LOSS_GRAD     {logits, y, scale: []} → (softmax(logits) − one-hot(y))·scale on labelled rows, [R, C].
 *   FLAT_GATHER   {p0, p1, …: [rows, cols]}, {slots: FlatSlot[], P} → [P]: the gradients laid end
 *                 to end, row-major, zeros where a slot has no input.
 *   FLAT_APPLY    {x: [rows, cols], delta: [P]}, {offset} → x − delta[offset …], x's shape.
 * L = 1 (n, s shared) or N (per neuron); tanh and relu ignore n and s. The two Adam kernels serve
 * flatAdamUpdate.ts, where tfjs would make a dozen passes over the P parameters; the flat ones
 * flatGradient.ts, where tfjs re-laid out, unpacked and repacked every variable.
 */
import type { ActKind } from './fusedNames';

export const STEP_FORWARD = 'AdaptiveRnnStepForward';
export const STEP_BACK = 'AdaptiveRnnStepBack';
export const STEP_CELL = 'AdaptiveRnnStepCell';
export const STEP_CELL_BACK = 'AdaptiveRnnStepCellBack';
export const OUTER_SUMS = 'AdaptiveRnnOuterSums';
export const INPUT_OUTER_SUMS = 'AdaptiveRnnInputOuterSums';
export const GAMMA_BLOCK_SUMS = 'AdaptiveRnnGammaBlockSums';
export const STEP_LAYOUT = 'AdaptiveRnnStepLayout';
export const STACK_ROWS = 'AdaptiveRnnStackRows';
export const FLAT_ADAM_MOMENT = 'AdaptiveRnnFlatAdamMoment';
export const FLAT_ADAM_DELTA = 'AdaptiveRnnFlatAdamDelta';
export const FLAT_GATHER = 'AdaptiveRnnFlatGather';
export const LOSS_ROWS = 'AdaptiveRnnLossRows';
export const LOSS_GRAD = 'AdaptiveRnnLossGrad';
export const FLAT_APPLY = 'AdaptiveRnnFlatApply';
export const MERGE_PARTS = 'AdaptiveRnnMergeParts';

export const STEP_KERNELS = [STEP_FORWARD, STEP_BACK, STEP_CELL, STEP_CELL_BACK, OUTER_SUMS, INPUT_OUTER_SUMS, GAMMA_BLOCK_SUMS, STACK_ROWS, STEP_LAYOUT, FLAT_ADAM_MOMENT, FLAT_ADAM_DELTA, FLAT_GATHER, FLAT_APPLY, LOSS_ROWS, LOSS_GRAD, MERGE_PARTS] as const;

/**
 * Steps per draw of the block sums. A draw samples at most 16 textures, what every WebGL 2 device
 * offers a fragment shader: OUTER_SUMS two [B, ·] blocks a step and the running sum's 4 parts,
 * INPUT_OUTER_SUMS one block a step, the input and 4 parts, GAMMA_BLOCK_SUMS two a step and n, s.
 */
export const OUTER_BLOCKS = 6;
export const INPUT_BLOCKS = 11;
export const GAMMA_BLOCKS = 7;

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

/** The cell kernels at a step: the activation and the step's [B, N]. */
export interface CellStepAttrs extends CellAttrs {
  B: number;
  N: number;
}

/** FLAT_GATHER: one variable's place in the flat vector; `input` when its gradient is an input. */
export interface FlatSlot {
  offset: number;
  rows: number;
  cols: number;
  input: boolean;
}

/**
 * How many results of each analysis a run's history keeps (thinned evenly over the whole run, the
 * newest always kept): enough for the replay scrubber, bounded however long the run.
 */
import type { AnalysisId } from '../engine/protocol';

export const ANALYSIS_RETENTION: Record<AnalysisId, number> = {
  portrait: 32,
  preact: 64,
  /** λ₁ across training: one point every few seconds of training. */
  lyapunov: 240,
  /** Sent once per model build; only the latest matters. */
  probe: 2,
};

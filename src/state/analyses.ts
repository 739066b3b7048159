/**
 * How many results of each analysis a run's history keeps (thinned evenly over the whole run, the
 * newest always kept): enough for the replay scrubber, bounded however long the run.
 */
import type { AnalysisId } from '../engine/protocol';

export const ANALYSIS_RETENTION: Record<AnalysisId, number> = {
  portrait: 32,
  preact: 64,
};

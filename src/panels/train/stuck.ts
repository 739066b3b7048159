/**
 * A run that learned and then fell back to guessing (its units saturated after too large a step,
 * say) stays finite, so it never counts as diverged; the reader should still be told. Stuck: the
 * smoothed loss has been at the level of guessing for the last STUCK_STEPS steps or more, after
 * it had been clearly lower. A run that has not learned yet is not stuck: it may only be slow.
 */
import type { RunView } from '../../state/runTypes';

export const STUCK_STEPS = 300;
/** "At the level of guessing": within this fraction of the chance loss. */
const AT_CHANCE = 0.97;
/** "Clearly lower": below this fraction of the chance loss. */
const LEARNED = 0.85;

/** How many steps the run has been stuck at chance, or null when it is not stuck. */
export function stuckSince(run: Pick<RunView, 'lossSmooth' | 'task'>): { steps: number } | null {
  const chance = run.task?.chanceLoss;
  const p = run.lossSmooth;
  if (!chance || p.length < 2) return null;
  let i = p.length - 1;
  while (i >= 0 && p.y[i] >= AT_CHANCE * chance) i--;
  if (i === p.length - 1) return null;
  const since = i >= 0 ? p.x[i + 1] : p.x[0];
  const steps = p.x[p.length - 1] - since;
  if (steps < STUCK_STEPS) return null;
  for (let k = 0; k <= i; k++) if (p.y[k] < LEARNED * chance) return { steps };
  return null;
}

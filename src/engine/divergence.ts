/**
 * Divergence in words a reader understands: what became non-finite (or exploded), at which step,
 * with which learning rate, and the ways back.
 */

/**
 * A loss this many times the loss of the best input-blind guess counts as diverged even while it
 * is still finite: no healthy run gets there, and a run that does has weights so large that it
 * only overflows later (or never, when saturating units keep it bounded) while learning nothing.
 */
export const EXPLODED_FACTOR = 100;

/** Index of the first value that is NaN, ±Infinity or above `limit`, or −1. */
export function firstDiverged(values: ArrayLike<number>, from = 0, to = values.length, limit = Infinity): number {
  for (let i = from; i < to; i++) if (!Number.isFinite(values[i]) || values[i] > limit) return i;
  return -1;
}

function describe(value: number): string {
  return Number.isNaN(value) ? 'NaN' : 'infinite';
}

export function lossDivergedReason(value: number, step: number, lr: number, chanceLoss: number): string {
  const what = Number.isFinite(value)
    ? `loss exploded to ${value.toPrecision(3)} (over ${EXPLODED_FACTOR} times the ${chanceLoss.toPrecision(3)} of guessing)`
    : `loss became ${describe(value)}`;
  return `${what} at step ${step} with learning rate ${lr}: steps too large for this network — lower the learning rate or reset`;
}

export function weightsDivergedReason(step: number, lr: number): string {
  return (
    `weights became NaN or infinite by step ${step} with learning rate ${lr}: ` +
    'steps too large for this network — lower the learning rate or reset'
  );
}

export function restoredReason(step: number, lr: number): string {
  return `weights restored from step ${step}, the last healthy checkpoint; learning rate now ${lr} — press play to continue`;
}

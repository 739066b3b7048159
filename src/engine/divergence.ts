/**
 * Divergence in words a reader understands: what became non-finite, at which step, with which
 * learning rate, and the ways back.
 */

/** Index of the first value that is NaN or ±Infinity, or −1. */
export function firstNonFinite(values: ArrayLike<number>, from = 0, to = values.length): number {
  for (let i = from; i < to; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

function describe(value: number): string {
  return Number.isNaN(value) ? 'NaN' : 'infinite';
}

export function lossDivergedReason(value: number, step: number, lr: number): string {
  return (
    `loss became ${describe(value)} at step ${step} with learning rate ${lr}: ` +
    'steps too large for this network — lower the learning rate or reset'
  );
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

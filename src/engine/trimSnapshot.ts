/**
 * After a restart the fresh worker trains again over steps the page has already seen: the client
 * passes on only what lies beyond them, so subscribers' step numbers only ever go up.
 */
import type { Snapshot } from './protocol';

/** Drops the part of a snapshot at or below the floors; undefined when nothing new is left. */
export function trimSnapshot(s: Snapshot, floorStep: number, floorTest: number): Snapshot {
  let i = 0;
  while (i < s.steps.length && s.steps[i] <= floorStep) i++;
  if (i === 0 && s.tests.every((p) => p.step > floorTest)) return s;
  return {
    ...s,
    steps: s.steps.slice(i),
    losses: s.losses.slice(i),
    accs: s.accs.slice(i),
    tests: s.tests.filter((p) => p.step > floorTest),
  };
}

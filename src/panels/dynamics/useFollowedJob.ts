/**
 * A Dynamics figure's analysis of a run's weights, kept up to date by a follower (follower.ts):
 * re-computed when newer weights arrive (while the run trains, at most every FOLLOW_GAP_MS and at
 * most a tenth of the time; at once when it stops), only while the figure is on screen. A new run (scope) starts from nothing.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { DynamicsJob } from '../../engine/dynamicsClient';
import { createFollower, type FollowerState } from './follower';

/** Least time between two analyses of a training run's weights. */
export const FOLLOW_GAP_MS = 10_000;
/**
 * While the run trains, an analysis also waits this many times as long as it last took: each
 * keeps the dynamics worker busy at most a tenth of the time, leaving the cores to training.
 */
export const FOLLOW_BUSY_FACTOR = 9;

export function useFollowedJob<I, R, P = never>(
  scope: string | null,
  input: I | null,
  active: boolean,
  training: boolean,
  start: (input: I, onProgress: (p: P) => void) => DynamicsJob<R>,
): FollowerState<I, R, P> {
  // A new scope (run) starts a new follower with nothing shown; callers pass module-level `start`s.
  const follower = useMemo(() => {
    void scope;
    return createFollower<I, R, P>(start);
  }, [scope, start]);
  useEffect(() => () => follower.dispose(), [follower]);
  useEffect(() => follower.update(input, active, training ? FOLLOW_GAP_MS : 0, FOLLOW_BUSY_FACTOR), [follower, input, active, training]);
  return useSyncExternalStore(follower.subscribe, follower.get);
}

/**
 * What the reader's per-neuron runs show, as facts for sentences: per task the latest run's start,
 * centre of mass and spread, whether it moved towards the task's best fixed cell, and whether the
 * tasks' centres differ. Pure.
 */
import { deviation } from 'd3';
import { centreOf, type Point, type Solution } from '../../state/solutions';
import type { TaskId } from '../../state/schema';

/** Pad distance: log10 n over its 3 decades and s over [0, 1], both scaled to 1. */
export function padDistance(a: Point, b: Point): number {
  const l = (n: number) => Math.log10(Math.max(n, 1e-3)) / 3;
  return Math.hypot(l(a.n) - l(b.n), a.s - b.s);
}

/** Two centres count as different when a tenth of the pad or more apart. */
export const DISTINCT = 0.1;

export interface TaskSolutionFacts {
  task: TaskId;
  sol: Solution;
  start: Point;
  centre: Point;
  /** Standard deviation of n_i and s_i across neurons. */
  sdN: number;
  sdS: number;
  /** Relative to the best static cell: null without a landscape. */
  towardsBest: boolean | null;
}

export function taskFacts(task: TaskId, sols: readonly Solution[], best: Point | undefined): TaskSolutionFacts | null {
  const sol = sols[sols.length - 1];
  if (!sol) return null;
  const start = centreOf(sol.initial);
  const centre = centreOf(sol.final);
  return {
    task,
    sol,
    start,
    centre,
    sdN: deviation(sol.final.n) ?? 0,
    sdS: deviation(sol.final.s) ?? 0,
    towardsBest: best ? padDistance(centre, best) < padDistance(start, best) : null,
  };
}

/** Whether any two tasks' centres are at least DISTINCT apart on the pad. */
export function centresDiffer(facts: readonly TaskSolutionFacts[]): boolean {
  return facts.some((a, i) => facts.slice(i + 1).some((b) => padDistance(a.centre, b.centre) >= DISTINCT));
}

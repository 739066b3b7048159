/**
 * The session's memory of heterogeneous solutions: for each task, the per-neuron (n_i, s_i) of the
 * latest few per-neuron runs (Train and compared), kept after a run is reset or replaced so a
 * reader can train one task, then another, and see both clouds side by side. Framework-free; fed
 * by the page (panels/solutions/solutionFeed.ts).
 */
import type { RunStatus } from '../engine/protocol';
import type { ParamSet } from './runTypes';
import type { TaskId } from './schema';

export interface Solution {
  runId: string;
  task: TaskId;
  label: string;
  /** CSS colour of the run. */
  colour: string;
  step: number;
  status: RunStatus;
  initial: ParamSet;
  final: ParamSet;
}

export interface Point {
  n: number;
  s: number;
}

/** Runs remembered per task (the latest). */
export const PER_TASK = 3;
/** A run is worth showing once it has taken this many steps. */
export const MIN_STEPS = 20;

/** Mean n and mean s over the neurons (the cloud's centre of mass, on linear n). */
export function centreOf(p: ParamSet): Point {
  let n = 0;
  let s = 0;
  for (let i = 0; i < p.n.length; i++) {
    n += p.n[i];
    s += p.s[i];
  }
  return { n: n / p.n.length, s: s / p.s.length };
}

export interface SolutionMemory {
  /** Adds or updates a run's solution (by runId). */
  record(sol: Solution): void;
  /** Tasks in the order first seen, each with its runs, oldest first. */
  byTask(): ReadonlyMap<TaskId, readonly Solution[]>;
  version(): number;
  subscribe(fn: () => void): () => void;
}

export function createSolutionMemory(): SolutionMemory {
  let tasks = new Map<TaskId, readonly Solution[]>();
  let version = 0;
  const listeners = new Set<() => void>();
  return {
    record(sol) {
      const list = tasks.get(sol.task) ?? [];
      const i = list.findIndex((x) => x.runId === sol.runId);
      if (i >= 0 && list[i].step === sol.step && list[i].status === sol.status && list[i].final === sol.final) return;
      const next = i >= 0 ? list.map((x, k) => (k === i ? sol : x)) : [...list, sol].slice(-PER_TASK);
      tasks = new Map(tasks).set(sol.task, next);
      version++;
      for (const fn of [...listeners]) fn();
    },
    byTask: () => tasks,
    version: () => version,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

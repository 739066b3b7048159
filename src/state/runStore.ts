/**
 * The main thread's memory of every training run, keyed by runId and fed with the worker's
 * messages (see runHistory.ts for what one run keeps). Listeners hear at most one change
 * notification per animation frame.
 */
import type { WorkerMessage } from '../engine/protocol';
import { RunHistory } from './runHistory';

export { EMA_BETA, LIMITS, RunHistory, type Fallback, type ParamSet, type RestartNotice } from './runHistory';

/** Schedules one callback; the default is the next animation frame. */
export type FrameScheduler = (fn: () => void) => void;

const nextFrame: FrameScheduler = (fn) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => fn());
  else setTimeout(fn, 16);
};

export interface RunStore {
  /** Files a worker message under its runId. */
  ingest(msg: WorkerMessage): void;
  /** The run's history, created empty on first use. */
  run(runId: string): RunHistory;
  /** Empties a run's history, keeping the entry. */
  clear(runId: string): void;
  /** Drops a run entirely (a reset starts a new run id, so late messages of the old one are ignored). */
  forget(runId: string): void;
  /** Gives `runId` a fresh history that `fill` writes first (a run loaded from a file or this browser). */
  load(runId: string, fill: (history: RunHistory) => void): RunHistory;
  /** Changes anywhere; a counter for useSyncExternalStore. */
  version(): number;
  subscribe(fn: () => void): () => void;
}

export function createRunStore(schedule: FrameScheduler = nextFrame): RunStore {
  const runs = new Map<string, RunHistory>();
  /** Ids whose late messages are dropped instead of re-creating the run. */
  const forgotten = new Set<string>();
  const listeners = new Set<() => void>();
  let version = 0;
  let queued = false;

  const changed = () => {
    version++;
    if (queued) return;
    queued = true;
    schedule(() => {
      queued = false;
      for (const fn of [...listeners]) fn();
    });
  };
  const run = (runId: string) => {
    let r = runs.get(runId);
    if (!r) {
      r = new RunHistory(runId);
      runs.set(runId, r);
    }
    return r;
  };

  return {
    ingest(msg) {
      if (forgotten.has(msg.runId)) return;
      run(msg.runId).addMessage(msg);
      changed();
    },
    run,
    clear(runId) {
      run(runId).clear();
      changed();
    },
    forget(runId) {
      forgotten.add(runId);
      runs.delete(runId);
      changed();
    },
    load(runId, fill) {
      const h = new RunHistory(runId);
      // Filled before it is filed: a fill that throws leaves the store as it was.
      fill(h);
      runs.set(runId, h);
      changed();
      return h;
    },
    version: () => version,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

let pageRuns: RunStore | null = null;

/** The page's run store, created on first use. */
export function runStore(): RunStore {
  pageRuns ??= createRunStore();
  return pageRuns;
}

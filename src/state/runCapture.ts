/**
 * A run's history and its latest checkpoint taken at the same step: what a run file or the copy
 * saved in this browser holds. They agree once the run has stopped (paused, or stepped and
 * waiting) and the worker's checkpoint at that step has arrived beside its last snapshot.
 */
import type { Checkpoint } from '../engine/protocol';
import { exportHistory, type HistoryState } from './historyState';
import type { RunController, RunEntry } from './runController';
import type { RunStore } from './runStore';

export interface RunCapture {
  entry: RunEntry;
  history: HistoryState;
  checkpoint: Checkpoint;
}

/** Statuses in which a run can be saved; a diverged or failed run is not (its weights are not at its step). */
export function savable(status: string): boolean {
  return status === 'idle' || status === 'paused' || status === 'running';
}

/** The run's checkpoint when the run stands still at its step; null while it moves or waits for it. */
export function settledCheckpoint(runs: RunController, store: RunStore, runId: string): Checkpoint | null {
  const checkpoint = runs.client()?.checkpoint(runId);
  const h = store.run(runId);
  if (!runs.entry(runId) || !checkpoint || h.step === 0 || h.status === 'running' || !savable(h.status)) return null;
  if (checkpoint.step + h.stepOffset !== h.step || h.checkpointStep !== h.step) return null;
  return checkpoint;
}

/** The capture when the run stands still at its checkpoint's step; null while it moves or waits for it. */
export function settledCapture(runs: RunController, store: RunStore, runId: string): RunCapture | null {
  const checkpoint = settledCheckpoint(runs, store, runId);
  const entry = runs.entry(runId);
  return checkpoint && entry ? { entry, history: exportHistory(store.run(runId)), checkpoint } : null;
}

/** Resolves with the settled capture as soon as there is one; rejects after `timeoutMs` or when the run goes. */
export function waitForCapture(runs: RunController, store: RunStore, runId: string, timeoutMs = 30_000): Promise<RunCapture> {
  return new Promise((resolve, reject) => {
    let off = () => {};
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the run did not stop at a saved step within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const check = () => {
      if (!runs.entry(runId)) {
        finish();
        reject(new Error('the run was replaced before it could be saved'));
        return;
      }
      const c = settledCapture(runs, store, runId);
      if (c) {
        finish();
        resolve(c);
      }
    };
    const finish = () => {
      clearTimeout(timer);
      off();
    };
    off = store.subscribe(check);
    check();
  });
}

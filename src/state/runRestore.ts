/**
 * Builds a saved run (from a file or this browser) as a group's run: its weights and Adam's state
 * go to the worker with the configuration, its history into a fresh history in the run store.
 */
import { importHistory } from './historyState';
import type { RunController, RunGroup } from './runController';
import type { LoadedRun } from './runFile';
import { RunHistory } from './runHistory';
import type { RunStore } from './runStore';

export function restoreRun(runs: RunController, store: RunStore, run: LoadedRun, group: RunGroup, look: { label: string; colour: string }): string {
  const at = run.checkpoint.step + run.history.stepOffset;
  // Tried on a scratch history first: nothing on the page changes unless the whole run loads.
  importHistory(new RunHistory('scratch'), run.history, at);
  const [runId] = runs.replace(group, [{ config: run.config, ...look, restore: run.checkpoint }]);
  store.load(runId, (h) => importHistory(h, run.history, at));
  return runId;
}

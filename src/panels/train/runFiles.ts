/**
 * The Train section's run to and from a run file (state/runFile.ts), and the copy saved in this
 * browser (state/runPersistence.ts). A loaded run replaces the Train section's run: its weights and
 * Adam's state go to the worker, its history into a fresh history, and (from a file) its settings to
 * the page, so the controls and the URL say what it was trained with.
 */
import { download } from '../../charts/export';
import { waitForCapture } from '../../state/runCapture';
import { liveChanges, runConfig, stateFromConfig } from '../../state/runConfig';
import { parseRunFile, serializeRun, type LoadedRun } from '../../state/runFile';
import { createRunPersistence, type RunPersistence } from '../../state/runPersistence';
import { restoreRun } from '../../state/runRestore';
import { runStore } from '../../state/runStore';
import { appStore } from '../../state/store';
import { runs } from '../runtime';
import { TRAIN_COLOUR, trainEntry } from './trainRun';

/**
 * Builds `run` as the Train section's run. `settings`: 'file' applies its settings to the page;
 * 'page' keeps the page's (a reload: the URL is the reader's) and sends the live ones to the run.
 */
export function buildLoadedRun(run: LoadedRun, settings: 'file' | 'page'): string {
  const runId = restoreRun(runs(), runStore(), run, 'train', { label: 'this run', colour: TRAIN_COLOUR });
  if (settings === 'file') appStore().set(stateFromConfig(run.config));
  else runs().setLive(runId, liveChanges(run.config, runConfig(appStore().get())));
  return runId;
}

/** Loads a run file's text as the Train section's run: where it stands, or what is wrong with the file. */
export function loadRunText(text: string): { ok: true; runId: string; step: number } | { ok: false; error: string } {
  const r = parseRunFile(text);
  if (!r.ok) return r;
  try {
    return { ok: true, runId: buildLoadedRun(r.run, 'file'), step: r.run.checkpoint.step + r.run.history.stepOffset };
  } catch (e) {
    return { ok: false, error: `the run could not be built: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function runFileName(task: string, mode: string, step: number): string {
  return `adaptive-rnn-${task}-${mode}-step${step}.json`;
}

/**
 * Downloads the Train section's run as a file. A training run pauses until its weights and
 * history agree at one step, then trains on.
 */
export async function saveTrainRun(): Promise<string> {
  const e = trainEntry();
  if (!e) throw new Error('there is no run to save yet');
  const wasRunning = runStore().run(e.runId).status === 'running';
  if (wasRunning) runs().command(e.runId, 'pause');
  try {
    const c = await waitForCapture(runs(), runStore(), e.runId);
    const text = JSON.stringify(serializeRun(c.entry, c.history, c.checkpoint));
    const name = runFileName(c.entry.config.task, c.entry.config.mode, c.history.step);
    download(new Blob([text], { type: 'application/json' }), name);
    return name;
  } finally {
    if (wasRunning && trainEntry()?.runId === e.runId) runs().command(e.runId, 'play');
  }
}

let persistence: RunPersistence | null = null;

/** The page's saved-run keeper, started on first use (the Train section's first render). */
export function pagePersistence(): RunPersistence {
  if (!persistence) {
    persistence = createRunPersistence({ runs: runs(), store: runStore(), restore: (run) => buildLoadedRun(run, 'page') });
    void persistence.start();
  }
  return persistence;
}

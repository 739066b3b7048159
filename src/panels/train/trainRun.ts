/**
 * The Train section's run: at most one at a time (group 'train' of the run controller), built
 * from the page's settings when the reader first trains or resets.
 */
import { useRunEntries } from '../useRun';
import { runs } from '../runtime';
import { runConfig } from '../../state/runConfig';
import type { RunEntry } from '../../state/runController';
import { appStore } from '../../state/store';

export const TRAIN_COLOUR = 'var(--accent)';

export function trainEntry(): RunEntry | undefined {
  return runs().group('train')[0];
}

/** A new run from the current settings (same settings and seed: the same run again). */
export function resetTrainRun(): string {
  return runs().replace('train', [{ config: runConfig(appStore().get()), label: 'this run', colour: TRAIN_COLOUR }])[0];
}

/** The Train section's run, built from the current settings if there is none yet. */
export function ensureTrainRun(): string {
  return trainEntry()?.runId ?? resetTrainRun();
}

/** The Train section's run entry (undefined before the reader first trains). */
export function useTrainEntry(): RunEntry | undefined {
  return useRunEntries('train')[0];
}

/** Start the shift experiment from the Train section's latest weights; pause and resume it. */
import { useMemo } from 'react';
import { taskShape } from '../../core/tasks/shape';
import type { RunView } from '../../state/runTypes';
import { appStore } from '../../state/store';
import { runs } from '../runtime';
import { useTrainEntry } from '../train/trainRun';
import { useRunEntries, useRunValue, useRuns } from '../useRun';
import { shiftSpecs } from './shiftRuns';
import controls from '../controls/controls.module.css';

const checkpointOf = (v: RunView | null) => v?.checkpointStep ?? null;

/** Builds the four runs from the Train section's run as it stands and plays them; returns false when there is nothing to start from. */
export function startShiftExperiment(): boolean {
  const ctl = runs();
  const base = ctl.group('train')[0];
  const checkpoint = base && ctl.checkpoint(base.runId);
  if (!base || !checkpoint || checkpoint.step === 0) return false;
  const st = appStore().get();
  const ids = ctl.replace('shift', shiftSpecs(base, checkpoint, st, taskShape(base.config.task, base.config.delay).steps));
  for (const id of ids) if (ctl.entry(id)?.tag !== 'none') ctl.command(id, 'play');
  return true;
}

export function ShiftButtons() {
  const base = useTrainEntry();
  const checkpointStep = useRunValue(base?.runId ?? null, checkpointOf, { hz: 2, name: 'shift-buttons' });
  const entries = useRunEntries('shift');
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { hz: 4, name: 'shift-buttons' });
  const running = views.some((v) => v.status === 'running');
  const ready = !!base && (checkpointStep ?? 0) > 0;
  const finished = entries.every((e, i) => e.until === undefined || (views[i]?.step ?? 0) >= e.until);
  return (
    <div className={controls.trainButtons} role="group" aria-label="shift experiment controls">
      <button type="button" className={controls.primary} onClick={startShiftExperiment} disabled={!ready} data-testid="shift-run" title={ready ? undefined : 'Train the network in the Train section first'}>
        ▶ Run the experiment{ready ? ` from step ${checkpointStep}` : ''}
      </button>
      {entries.length > 0 && !finished && (
        <button type="button" onClick={() => entries.forEach((e) => e.tag !== 'none' && runs().command(e.runId, running ? 'pause' : 'play'))} data-testid="shift-pause">
          {running ? '❚❚ Pause' : '▶ Resume'}
        </button>
      )}
    </div>
  );
}

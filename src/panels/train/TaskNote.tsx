/**
 * Under the settings: what the chosen task asks of the network, in a sentence a class follows,
 * and what a step will cost here before anything runs: the estimated time per step on the backend
 * that will (or does) compute, a warning when that is slow, and a refusal when the step would not
 * fit in memory. Once the run has stepped with these settings, its measured speed replaces the
 * estimate.
 */
import { useAppState } from '../../app/useAppState';
import { estimateStepMs, formatDuration, SLOW_STEP_MS, type CostBackend } from '../../core/costModel';
import { bpttShapeOf, bpttTooLarge } from '../../engine/bpttMemory';
import { taskShape } from '../../core/tasks/shape';
import type { RunView } from '../../state/runTypes';
import type { TaskId } from '../../state/schema';
import { useRunValue } from '../useRun';
import { useTrainEntry } from './trainRun';
import { usePendingSettings } from './usePending';
import common from '../../app/common.module.css';
import controls from '../controls/controls.module.css';
import styles from './trainPanel.module.css';

const TASK_TEXT: Record<TaskId, string> = {
  rows: 'Each handwritten digit is read one row of 28 pixels at a time; after the last row the network names the digit (ten classes).',
  ps14: 'Each digit, shrunk to 14×14, is read one pixel at a time in a fixed shuffled order: the network must remember across 196 steps.',
  ps28: 'Each digit is read one pixel at a time, 784 steps in a fixed shuffled order: the paper’s long-memory benchmark, and slow in a browser.',
  copy: 'Ten symbols, a long pause, a signal: the network must then repeat the ten symbols in order. Pure memory.',
  flipflop: 'Three switches are flipped now and then; at every step the network reports the last setting of each: a memory of eight states.',
};

/** Steps a class typically watches: what the "≈ … for N steps" figure is given for. */
const SHOWN_STEPS = 500;

const rateOf = (v: RunView | null) => (v && v.status === 'running' ? Math.round(v.stepsPerSec * 10) / 10 : 0);
const backendOf = (v: RunView | null) => v?.backendName ?? null;

export function TaskNote() {
  const task = useAppState((s) => s.task);
  const delay = useAppState((s) => s.delay);
  const hidden = useAppState((s) => s.hidden);
  const batch = useAppState((s) => s.batch);
  const mode = useAppState((s) => s.mode);
  const chosen = useAppState((s) => s.backend);
  const runId = useTrainEntry()?.runId ?? null;
  const rate = useRunValue(runId, rateOf, { hz: 1, name: 'task-note' });
  const active = useRunValue(runId, backendOf, { hz: 1, name: 'task-note' });
  const pending = usePendingSettings().length > 0;

  const shape = taskShape(task, delay);
  const cfg = { hidden, batch, mode };
  // auto picks wasm on machines like the one the estimates come from; a forced backend is what it says.
  const backend: CostBackend = chosen === 'auto' ? (active ?? 'wasm') : chosen;
  const tooBig = bpttTooLarge(bpttShapeOf(shape, cfg), backend);
  const measured = !pending && rate > 0 ? 1000 / rate : null;
  const ms = measured ?? estimateStepMs(shape, cfg, backend);
  const slow = ms > SLOW_STEP_MS;
  return (
    <div className={styles.taskNote} data-testid="task-note">
      <p>{TASK_TEXT[task]}</p>
      {tooBig ? (
        <p className={`${controls.notice} ${controls.warn}`} role="status" data-testid="notice-too-big">
          This setting cannot train here: {tooBig}.
        </p>
      ) : (
        <p className={slow ? `${controls.notice} ${controls.warn}` : common.mutedText} data-testid="step-estimate" data-ms={Math.round(ms)} data-slow={slow ? 'true' : 'false'}>
          {slow ? <strong>This setting is slow here. </strong> : null}
          {measured ? 'Measured' : 'Estimated'}: about {formatDuration(ms)} per step on {backend}
          {chosen === 'auto' && !active ? ' (auto usually picks it on a laptop without a GPU)' : ''}, so {SHOWN_STEPS} steps take about{' '}
          {formatDuration(ms * SHOWN_STEPS)}.{slow ? ' Fewer hidden units or a smaller batch train faster.' : ''}
        </p>
      )}
    </div>
  );
}

/**
 * The Train section's finding in plain words, from the reader's own run: where its test loss
 * stands against guessing, when its smoothed training loss (the chart's curve) got clearly below
 * chance, against the step count the task's defaults promise, and where the activation went.
 */
import { fmt3 } from '../../charts/axes/format';
import type { RunView } from '../../state/runTypes';
import { centreOf } from '../../state/solutions';
import type { RunConfig } from '../../engine/protocol';
import { stateFromConfig } from '../../state/runConfig';
import { BELOW_CHANCE, taskPatch, TASK_DEFAULTS, TASK_KEYS } from '../../state/taskDefaults';
import { useTrainEntry } from '../train/trainRun';
import { useRun } from '../useRun';
import { activationText, firstBelow } from './runFacts';
import narrative from './narrative.module.css';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export function TrainFinding() {
  const entry = useTrainEntry();
  const view = useRun(entry?.runId ?? null, { hz: 1, name: 'train-finding' });
  if (!entry || !view || !view.task || view.tests.length === 0) return null;
  return <Finding view={view} config={entry.config} />;
}

/** Whether a run was built with its task's default settings (the ones the page's promise is for). */
function onDefaults(config: RunConfig): boolean {
  const want = taskPatch(config.task);
  const have = stateFromConfig(config);
  return TASK_KEYS.every((k) => want[k] === have[k]);
}

function Finding({ view, config }: { view: RunView; config: RunConfig }) {
  const { task, mode } = config;
  const info = view.task!;
  const promise = onDefaults(config) ? '' : ' (for the task’s default settings; this run’s differ)';
  const last = view.tests[view.tests.length - 1];
  const below = firstBelow(view.lossSmooth, info.chanceLoss * BELOW_CHANCE);
  const promised = TASK_DEFAULTS[task].steps;
  const start = view.initial && view.initial.n.length ? centreOf(view.initial) : null;
  const now = view.current && view.current.n.length ? centreOf(view.current) : null;
  return (
    <p className={narrative.finding} data-testid="train-finding">
      <strong>Your run so far.</strong> At step {last.step} the test loss is {fmt3(last.loss)} against {fmt3(info.chanceLoss)} for
      guessing, and test accuracy {pct(last.acc)} against {pct(info.chanceAcc)}.{' '}
      {below !== null ? (
        <>
          Its smoothed training loss fell clearly below chance (under {Math.round(BELOW_CHANCE * 100)} % of it) at step {below}
          {below <= promised ? `, within the ${promised} steps the page promises${promise}` : `, later than the ${promised} steps the page promises${promise}`}.
        </>
      ) : (
        <>Its smoothed training loss is not clearly below chance yet (under {Math.round(BELOW_CHANCE * 100)} % of it); the page promises it within {promised} steps{promise}.</>
      )}{' '}
      {start && now && activationText(mode, start, now, view.current?.n.length ?? 1)}
    </p>
  );
}

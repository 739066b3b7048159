/**
 * Section "Train": a recurrent network learns a task live in a worker while the figures show its
 * loss, how its activation (n, s) moves, where its neurons operate and the shape of its hidden
 * dynamics. Settings come from SCHEMA; the run from the run controller (panels/runtime.ts).
 */
import { memo, useState } from 'react';
import { useAppState } from '../app/useAppState';
import type { RunView } from '../state/runTypes';
import { ActivationFigure, LossFigure, PhasePlaneFigure, PortraitFigure, PreactFigure } from './train/figures';
import { StatusLine } from './train/StatusLine';
import { RunFiles } from './train/RunFiles';
import { TrainButtons } from './train/TrainButtons';
import { TrainSettings } from './train/TrainSettings';
import { TaskNote } from './train/TaskNote';
import { AuthorsSettings } from './train/AuthorsSettings';
import { usePendingSettings } from './train/usePending';
import { saferLr, useTrainActions } from './train/useTrainActions';
import { useTrainEntry } from './train/trainRun';
import { useRun, useRunValue } from './useRun';
import { NetworkEquations } from './train/NetworkEquations';
import { TrainFinding } from './narrative/TrainFinding';
import common from '../app/common.module.css';
import controls from './controls/controls.module.css';
import styles from './train/trainPanel.module.css';

const statusOf = (v: RunView | null) => v?.status ?? 'idle';

/** The status line, re-rendered at most 5 times per second while the rest of the panel stays put. */
function LiveStatus() {
  const entry = useTrainEntry();
  const view = useRun(entry?.runId ?? null, { hz: 5, name: 'status' });
  const lr = useAppState((s) => s.lr);
  const actions = useTrainActions();
  return <StatusLine run={view} saferLr={saferLr(entry?.config.lr ?? lr)} onLowerLr={actions.lowerLrAndResume} onReset={actions.reset} />;
}

/** Buttons, settings and the note on settings that apply on reset. */
const TrainControls = memo(function TrainControls() {
  const status = useRunValue(useTrainEntry()?.runId ?? null, statusOf, { name: 'controls' });
  const pending = usePendingSettings();
  return (
    <div className={controls.trainControlBox}>
      <TrainButtons status={status} pending={pending.length > 0} />
      <TrainSettings pendingKeys={pending} />
      <TaskNote />
      <AuthorsSettings />
      {pending.length > 0 && (
        <p className={styles.pendingNote} data-testid="pending-note">
          Changed since this run was built: {pending.join(', ')}. Reset to train with them.
        </p>
      )}
      <RunFiles />
    </div>
  );
});

export default function TrainPanel() {
  const hidden = useAppState((s) => s.hidden);
  const [time, setTime] = useState<number | null>(null);

  return (
    <div data-testid="train-panel">
      <p className={common.lede}>
        Now let a recurrent network (N = {hidden} neurons) learn a task with this activation. In the{' '}
        <em>homogeneous</em> mode one shared <var>n</var> and <var>s</var> are learned with the weights; in{' '}
        <em>heterogeneous</em> mode every neuron learns its own. Training runs in a background worker, so the page stays
        responsive.
      </p>
      <NetworkEquations />
      <div className={controls.trainTop} data-testid="train-top">
        <TrainControls />
        <LiveStatus />
      </div>
      <TrainFinding />
      <div className={styles.trainFigures}>
        <div className={styles.tfWide}>
          <LossFigure controls={false} />
        </div>
        <div className={styles.tfWide}>
          <ActivationFigure controls={false} time={time} onTime={setTime} />
        </div>
        <div>
          <PortraitFigure controls={false} time={time} />
        </div>
        <div>
          <PreactFigure controls={false} time={time} />
        </div>
      </div>
      <h3 className={common.subhead}>Two neurons, by hand</h3>
      <p className={common.lede}>
        What does the activation do to a network’s dynamics? With only two neurons the whole state space fits on a
        plane. The flow ḣ = −h + γ(Wh + b) shares its fixed points with the network’s update h ← γ(Wh + b); drag{' '}
        <var>n</var> and <var>s</var> (here or in section 1) and watch memories and oscillations appear and vanish.
      </p>
      <PhasePlaneFigure />
    </div>
  );
}

/**
 * The Dynamics section's link to the Train section's run: which run the figures analyse, where it
 * stands, and a button to train it or pause it. Before any run, it says what needs one and offers
 * to start it (the same run the Train section's play button would start).
 */
import { memo } from 'react';
import type { RunView } from '../../state/runTypes';
import { useRunValue } from '../useRun';
import { useTrainActions } from '../train/useTrainActions';
import { useTrainEntry } from '../train/trainRun';
import controls from '../controls/controls.module.css';
import styles from './dynamicsPanel.module.css';

const statusOf = (v: RunView | null) => v?.status ?? 'idle';
const stepOf = (v: RunView | null) => v?.step ?? 0;

function RunBarImpl() {
  const entry = useTrainEntry();
  const runId = entry?.runId ?? null;
  const status = useRunValue(runId, statusOf, { hz: 4, name: 'dynamics-runbar' });
  const step = useRunValue(runId, stepOf, { hz: 4, name: 'dynamics-runbar' });
  const { play, pause } = useTrainActions();
  if (!entry) {
    return (
      <div className={styles.dynRunbar} data-testid="dynamics-no-run">
        <p>
          No network has trained yet, so there are no weights to analyse: λ₁ across training, the spectrum and the gradient
          reach need a run. The two maps need none: they are of untrained networks.
        </p>
        <div className={`${controls.trainButtons} ${styles.buttons}`}>
          <button type="button" className={controls.primary} onClick={play} data-testid="dynamics-train">
            ▶ Train the network of the Train section
          </button>
        </div>
      </div>
    );
  }
  const c = entry.config;
  const running = status === 'running';
  return (
    <div className={styles.dynRunbar} data-testid="dynamics-runbar" data-status={status}>
      <p>
        Analysing the Train section’s run: {c.mode}, N = {c.hidden}, task {c.task}, seed {c.seed} · step{' '}
        <span data-testid="dynamics-step">{step}</span> · {status}
      </p>
      <div className={`${controls.trainButtons} ${styles.buttons}`}>
        {running ? (
          <button type="button" className={controls.primary} onClick={pause} data-testid="dynamics-pause">
            ❚❚ Pause
          </button>
        ) : (
          <button type="button" className={controls.primary} onClick={play} disabled={status === 'failed'} data-testid="dynamics-play">
            ▶ Train
          </button>
        )}
      </div>
    </div>
  );
}

export const RunBar = memo(RunBarImpl);

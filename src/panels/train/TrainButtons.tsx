/** Play / pause, step, and reset, with keyboard-reachable buttons and clear states. */
import type { RunStatus } from '../../engine/protocol';
import { useTrainActions } from './useTrainActions';
import controls from '../controls/controls.module.css';

export function TrainButtons({ status, pending }: { status: RunStatus; pending?: boolean }) {
  const a = useTrainActions();
  const running = status === 'running';
  return (
    <div className={controls.trainButtons} role="group" aria-label="training controls">
      {running ? (
        <button type="button" className={controls.primary} onClick={a.pause} data-testid="train-pause">
          ❚❚ Pause
        </button>
      ) : (
        <button type="button" className={controls.primary} onClick={a.play} disabled={status === 'failed'} data-testid="train-play">
          ▶ Play
        </button>
      )}
      <button type="button" onClick={() => a.step(1)} disabled={running || status === 'failed'} data-testid="train-step">
        Step
      </button>
      <button type="button" onClick={() => a.step(10)} disabled={running || status === 'failed'} data-testid="train-step10">
        +10
      </button>
      <button type="button" className={pending ? controls.attention : undefined} onClick={a.reset} data-testid="train-reset">
        ↺ Reset{pending ? ' to apply' : ''}
      </button>
    </div>
  );
}

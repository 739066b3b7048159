/**
 * A time scrubber for replaying a run: a range input over the steps recorded so far (keyboard
 * operable: arrows, Page Up/Down, Home/End) and a "live" button that snaps back to the present.
 * `time` null means live: the view follows the newest step.
 */
import styles from './timeScrubber.module.css';

export interface TimeScrubberProps {
  /** First and latest recorded steps. */
  first: number;
  last: number;
  time: number | null;
  onTime: (t: number | null) => void;
  testId?: string;
}

export function TimeScrubber({ first, last, time, onTime, testId = 'scrubber' }: TimeScrubberProps) {
  const disabled = last <= first;
  const value = time === null ? last : Math.min(last, Math.max(first, time));
  const live = time === null;
  return (
    <div className={styles.scrubber} data-export="skip" data-testid={testId}>
      <label>
        <span>replay</span>
        <input
          type="range"
          min={first}
          max={Math.max(last, first + 1)}
          step={1}
          value={value}
          disabled={disabled}
          aria-valuetext={`step ${value}${live ? ' (live)' : ''}`}
          onChange={(e) => {
            const t = Number(e.target.value);
            onTime(t >= last ? null : t);
          }}
          data-testid={`${testId}-range`}
        />
      </label>
      <span className={styles.step} aria-live="off">
        step {value}
      </span>
      <button type="button" onClick={() => onTime(null)} disabled={live} aria-pressed={live} data-testid={`${testId}-live`}>
        {live ? '● live' : 'go live'}
      </button>
    </div>
  );
}

/** The header's way into the tour: start it, or rejoin at the last step seen after leaving. */
import { useAppState } from '../../app/useAppState';
import { TOUR } from '../../state/tour';
import { goToStep } from './TourBar';
import { lastTourStep } from './tourMemory';
import common from '../../app/common.module.css';
import styles from './tour.module.css';

export function TourEntry() {
  const k = useAppState((st) => st.tour);
  if (k > 0) return null;
  const last = lastTourStep();
  const focusBar = () => requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('[data-testid=tour-next]')?.focus({ preventScroll: true }));
  return (
    <p className={styles.tourEntry}>
      <button
        type="button"
        className={styles.tourStart}
        onClick={() => {
          goToStep(1);
          focusBar();
        }}
        data-testid="tour-start"
      >
        Take the guided tour ({TOUR.length} steps)
      </button>
      {last > 1 && (
        <button
          type="button"
          className={common.linkButton}
          onClick={() => {
            goToStep(last);
            focusBar();
          }}
          data-testid="tour-rejoin"
        >
          rejoin at step {last}
        </button>
      )}
    </p>
  );
}

/** The header's way into the tour: start it, or rejoin at the last step seen after leaving. */
import { useAppState } from '../../app/useAppState';
import { TOUR } from '../../state/tour';
import { goToStep } from './TourBar';
import { lastTourStep } from './tourMemory';

export function TourEntry() {
  const k = useAppState((st) => st.tour);
  if (k > 0) return null;
  const last = lastTourStep();
  const focusBar = () => requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('[data-testid=tour-next]')?.focus({ preventScroll: true }));
  return (
    <p className="tour-entry">
      <button
        type="button"
        className="tour-start"
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
          className="link-button"
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

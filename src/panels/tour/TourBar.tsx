/**
 * The guided tour's bar, fixed at the bottom of the page while a step is on (state.tour > 0): the
 * step's number, title and sentence, Back and Next (← and → while the bar has focus), and a way to
 * leave; the header offers to rejoin at the last step. Each step is a URL state (state/tour.ts),
 * so a link to a step opens it, and back/forward walk the tour.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useAppState } from '../../app/useAppState';
import { appStore } from '../../state/store';
import { atTourStep, TOUR, tourPatch, tourStep } from '../../state/tour';
import { rememberTourStep } from './tourMemory';
import { useTourScroll } from './useTourScroll';
import common from '../../app/common.module.css';
import styles from './tour.module.css';

export function goToStep(k: number): void {
  const st = appStore().get();
  if (k >= 1) rememberTourStep(k);
  appStore().set(tourPatch(k, st));
}

export function TourBar() {
  const k = useAppState((st) => st.tour);
  const step = tourStep(k);
  const section = step ? { id: step.section } : null;
  const nextRef = useRef<HTMLButtonElement>(null);
  useTourScroll(section?.id ?? null, k);

  // A link that names only the step (#tour=3) gets the step's settings, once, when it opens.
  useEffect(() => {
    const st = appStore().get();
    if (st.tour >= 1 && !atTourStep(st.tour, st)) appStore().set(tourPatch(st.tour, st));
    if (st.tour >= 1) rememberTourStep(st.tour);
  }, []);

  if (!step || !section) return null;
  const last = k === TOUR.length;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' && !last) goToStep(k + 1);
    else if (e.key === 'ArrowLeft' && k > 1) goToStep(k - 1);
    else if (e.key === 'Escape') goToStep(0);
    else return;
    e.preventDefault();
  };
  return (
    <>
      <div className={styles.tourSpacer} aria-hidden="true" />
      <div className={styles.tourBar} role="region" aria-label="Guided tour" onKeyDown={onKey} data-testid="tour-bar" data-step={k} data-section={section.id}>
        <div className={styles.tourText} aria-live="polite">
          <p>
            <span className={styles.tourCount}>
              Step {k} of {TOUR.length}
            </span>{' '}
            <strong data-testid="tour-title">{step.title}</strong>
          </p>
          <p className={styles.tourSentence}>{step.text}</p>
        </div>
        <div className={styles.tourButtons}>
          <button type="button" className={styles.button} onClick={() => goToStep(k - 1)} disabled={k <= 1} data-testid="tour-back" aria-keyshortcuts="ArrowLeft">
            ← Back
          </button>
          <button type="button" className={`${styles.button} ${styles.primary}`} ref={nextRef} onClick={() => goToStep(last ? 0 : k + 1)} data-testid="tour-next" aria-keyshortcuts="ArrowRight">
            {last ? 'Finish' : 'Next →'}
          </button>
          <button type="button" className={common.linkButton} onClick={() => goToStep(0)} data-testid="tour-leave" aria-keyshortcuts="Escape">
            Leave tour
          </button>
        </div>
      </div>
    </>
  );
}

/** Play, pause and rebuild for every run of the comparison at once. */
import { useMemo } from 'react';
import { useAppState } from '../../app/useAppState';
import type { RunView } from '../../state/runTypes';
import { appStore } from '../../state/store';
import { useRunEntries, useRuns } from '../useRun';
import { buildComparison, compareOutdated, pauseComparison, playComparison } from './compareRuns';
import controls from '../controls/controls.module.css';

const anyRunning = (views: readonly RunView[]) => views.some((v) => v.status === 'running');

export function CompareButtons() {
  const entries = useRunEntries('compare');
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { hz: 4, name: 'compare-buttons' });
  const outdated = useAppState((st) => entries.length > 0 && compareOutdated(entries, st));
  const tooFew = useAppState((st) => st.compare.length < 2);
  const running = anyRunning(views);
  return (
    <div className={controls.trainButtons} role="group" aria-label="comparison controls">
      {running ? (
        <button type="button" className={controls.primary} onClick={pauseComparison} data-testid="compare-pause">
          ❚❚ Pause all
        </button>
      ) : (
        <button type="button" className={controls.primary} onClick={() => playComparison(appStore().get())} disabled={tooFew} data-testid="compare-play">
          ▶ Play all
        </button>
      )}
      <button type="button" className={outdated ? controls.attention : undefined} onClick={() => buildComparison(appStore().get())} disabled={tooFew} data-testid="compare-reset">
        ↺ Reset{outdated ? ' to apply' : ''}
      </button>
    </div>
  );
}

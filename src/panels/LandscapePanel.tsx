/**
 * Section "Landscape": which fixed activation suits which task, from the committed sweeps
 * (public/landscape/<task>.json), with the reader's runs drawn over it; then the per-neuron
 * solutions the reader trains, task by task. Every number in the text is read from the file or
 * from the reader's runs.
 */
import { useDeferredValue } from 'react';
import { useAppState } from '../app/useAppState';
import { BestPerTask } from './landscape/BestPerTask';
import { LandscapeFigure } from './landscape/LandscapeFigure';
import { LandscapeFinding } from './landscape/LandscapeFinding';
import { useLandscape } from './landscape/landscapeSource';
import { SolutionsFigure } from './solutions/SolutionsFigure';
import common from '../app/common.module.css';
import styles from './landscape/landscapePanel.module.css';

/** What the map shows, in words: rendered after the map (a deferred value starts as null). */
function Finding() {
  const task = useAppState((st) => st.task);
  const load = useDeferredValue(useLandscape(task), null);
  return load?.status === 'ready' ? <LandscapeFinding file={load.file} cells={load.cells} /> : null;
}

export default function LandscapePanel() {
  return (
    <div className={styles.landscape} data-testid="landscape-section">
      <p className={common.lede}>
        Which fixed (n, s) trains best? For each task, small networks were trained at every point of a grid, several seeds
        each, with the page’s own code (<code>npm run landscape</code>). The map follows the task chosen in the Train section;
        the runs you train on it are drawn on top.
      </p>
      <div className={styles.landscapeGrid}>
        <LandscapeFigure />
        <div className={styles.landscapeSide}>
          <Finding />
          <BestPerTask current={useAppState((st) => st.task)} />
        </div>
      </div>
      <h3 className={common.subhead}>Task-specific solutions</h3>
      <p className={common.lede}>
        When every neuron learns its own n and s, where do they end up, and does that depend on the task? Train per-neuron
        runs on two tasks and compare their clouds.
      </p>
      <SolutionsFigure />
    </div>
  );
}

/** How far an (n, s) map has got: a thin bar and a line of text, or its size and time once done. */
import { memo } from 'react';
import styles from './dynamics.module.css';

interface Props {
  done: number;
  total: number;
  complete: boolean;
  ms?: number;
  failed: number;
  testId: string;
}

function MapProgressImpl({ done, total, complete, ms, failed, testId }: Props) {
  const text = complete
    ? `${total} cells, computed in ${ms !== undefined ? `${(ms / 1000).toFixed(1)} s` : 'this session'}`
    : done === 0
      ? 'starting the background computation…'
      : `refining: ${done} of ${total} cells (coarse first)`;
  return (
    <div className={styles.mapProgress} data-testid={testId} data-done={done} data-total={total} data-complete={complete ? 1 : 0} data-export="skip">
      <div className={styles.mapProgressBar} role="progressbar" aria-label="map computed" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div style={{ width: `${total ? (100 * done) / total : 0}%` }} />
      </div>
      <span>
        {text}
        {failed > 0 ? ` · ${failed} cells failed` : ''}
      </span>
    </div>
  );
}

export const MapProgress = memo(MapProgressImpl);

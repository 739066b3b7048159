/**
 * Live numbers for the current (n, s): γ(0), γ′(0), the largest slope sup γ′ (flagged when above 1:
 * the unit can amplify small differences) and the nearest named function.
 */
import { gammaAtZero, gammaPrimeAtZero } from '../../core/gamma';
import { nearestLandmark, supSlope } from '../../core/landmarks';
import { useAppState } from '../../app/useAppState';
import { fmtFixed } from '../../charts/axes/format';
import styles from './readouts.module.css';

/** Below this pad distance the curve is called "close to" its nearest landmark. */
const CLOSE = 0.12;

export function Readouts() {
  const n = useAppState((st) => st.n);
  const s = useAppState((st) => st.s);
  const g0 = gammaAtZero(n, s);
  const gp0 = gammaPrimeAtZero(n, s);
  const sup = supSlope(n, s);
  const near = nearestLandmark(n, s);
  const expanding = sup > 1;
  return (
    <dl className={styles.readouts} data-testid="readouts" aria-live="polite">
      <div>
        <dt>γ(0)</dt>
        <dd data-testid="readout-g0" data-value={g0}>{fmtFixed(g0, 4)}</dd>
        <dd className={styles.unit}>output at zero input</dd>
      </div>
      <div>
        <dt>γ′(0)</dt>
        <dd data-testid="readout-gp0" data-value={gp0}>{fmtFixed(gp0, 4)}</dd>
        <dd className={styles.unit}>slope at zero input</dd>
      </div>
      <div className={expanding ? styles.isExpanding : undefined}>
        <dt>sup γ′</dt>
        <dd data-testid="readout-sup" data-value={sup}>
          {fmtFixed(sup, 4)}
          {expanding && <span className={styles.badge} data-testid="readout-expanding">expanding</span>}
        </dd>
        <dd className={styles.unit}>{expanding ? 'largest slope > 1: amplifies' : 'largest slope ≤ 1: never amplifies'}</dd>
      </div>
      <div>
        <dt>looks like</dt>
        <dd data-testid="readout-nearest" data-value={near.landmark.id} style={{ color: `var(--c-${near.landmark.id})` }}>
          {near.landmark.label}
        </dd>
        <dd className={styles.unit}>{near.distance < CLOSE ? 'close to this named function' : 'nearest named function, but not close'}</dd>
      </div>
    </dl>
  );
}

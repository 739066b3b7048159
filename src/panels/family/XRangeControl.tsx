/** The γ plot's x half-width on a log slider (0.5 … 50). */
import { SCHEMA } from '../../state/schema';
import { appStore } from '../../state/store';
import { useAppState } from '../../app/useAppState';
import { LogSlider } from './LogSlider';
import styles from './paramSliders.module.css';

export function XRangeControl() {
  const xr = useAppState((st) => st.xr);
  return (
    <label className={styles.xrControl}>
      <span>x range ±{xr}</span>
      <LogSlider
        min={SCHEMA.xr.min}
        max={SCHEMA.xr.max}
        value={xr}
        digits={2}
        onChange={(v, kind) => appStore().set({ xr: v }, kind)}
        testId="xr-slider"
        ariaLabel="x range of the γ plot"
      />
    </label>
  );
}

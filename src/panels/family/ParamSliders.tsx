/**
 * Gain n on a log slider (0.1 … 100) and saturation s on a linear slider (0 … 1), each with a
 * number box. Sliders, boxes and the pad all read and write the same store, so they stay in step.
 */
import { useId } from 'react';
import { SCHEMA } from '../../state/schema';
import { appStore } from '../../state/store';
import { useAppState } from '../../app/useAppState';
import { fmt3 } from '../../charts/axes/format';
import { LogSlider } from './LogSlider';
import { RangeInput } from './RangeInput';
import { NumberField } from './NumberField';
import styles from './paramSliders.module.css';

const S_STEPS = 1000;

/** `className`: where the sliders sit (the phase-plane figure narrows and spaces them). */
export function ParamSliders({ className }: { className?: string }) {
  const n = useAppState((st) => st.n);
  const s = useAppState((st) => st.s);
  const nId = useId();
  const sId = useId();
  const set = appStore().set;
  return (
    <div className={className ? `${styles.paramSliders} ${className}` : styles.paramSliders}>
      <div className={styles.paramRow}>
        <label htmlFor={nId} title={SCHEMA.n.help}>
          gain <var>n</var>
        </label>
        <LogSlider id={nId} min={SCHEMA.n.min} max={SCHEMA.n.max} value={n} digits={3} onChange={(v, kind) => set({ n: v }, kind)} testId="n-slider" ariaLabel="gain n (log scale)" />
        <NumberField value={n} min={SCHEMA.n.min} max={SCHEMA.n.max} format={fmt3} onCommit={(v) => set({ n: v })} ariaLabel="gain n" testId="n-field" />
      </div>
      <div className={styles.paramRow}>
        <label htmlFor={sId} title={SCHEMA.s.help}>
          saturation <var>s</var>
        </label>
        <RangeInput
          id={sId}
          min={0}
          max={S_STEPS}
          step={1}
          value={Math.round(s * S_STEPS)}
          onChange={(p, kind) => set({ s: p / S_STEPS }, kind)}
          ariaLabel="saturation s"
          valueText={s.toFixed(3)}
          testId="s-slider"
        />
        <NumberField value={s} min={SCHEMA.s.min} max={SCHEMA.s.max} format={(v) => String(Number(v.toFixed(3)))} onCommit={(v) => set({ s: v })} ariaLabel="saturation s" testId="s-field" />
      </div>
    </div>
  );
}

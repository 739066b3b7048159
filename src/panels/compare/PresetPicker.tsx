/**
 * Which activations the comparison holds, in the order chosen (that order sets the legend and the
 * CSV columns): a checkbox per preset, at most four.
 */
import { useAppState } from '../../app/useAppState';
import { PRESETS } from '../../state/presets';
import { PRESET_IDS, SCHEMA, type PresetId } from '../../state/schema';
import { appStore } from '../../state/store';
import parts from '../../charts/shared/chartParts.module.css';
import styles from './comparePanel.module.css';

export function PresetPicker() {
  const chosen = useAppState((s) => s.compare);
  const full = chosen.length >= SCHEMA.compare.maxItems;
  const toggle = (id: PresetId, on: boolean) => appStore().set({ compare: on ? [...chosen, id] : chosen.filter((c) => c !== id) });
  return (
    <fieldset className={styles.presetPicker} data-testid="compare-presets">
      <legend>Activations to compare (2–{SCHEMA.compare.maxItems})</legend>
      {PRESET_IDS.map((id) => {
        const on = chosen.includes(id);
        return (
          <label key={id} title={PRESETS[id].help}>
            <input type="checkbox" checked={on} disabled={!on && full} onChange={(e) => toggle(id, e.target.checked)} data-testid={`compare-preset-${id}`} />
            <span className={parts.swatch} style={{ background: `var(${PRESETS[id].colour})` }} /> {PRESETS[id].label}
          </label>
        );
      })}
    </fieldset>
  );
}

/**
 * Legend of the γ chart. With `onToggle` each overlay entry is a checkbox, so the legend is also
 * the set of switches (keyboard operable, labelled for screen readers).
 */
import type { Overlay } from './gammaSeries';
import parts from '../shared/chartParts.module.css';
import styles from './gammaChart.module.css';

export type LegendFlag = Overlay | 'ghosts';

export const OVERLAY_INFO: Record<Overlay, { label: string; color: string; dash?: string; help: string }> = {
  dx: { label: 'γ′ = ∂γ/∂x', color: 'var(--c-dx)', dash: '6 3', help: 'slope: how much the output changes with the input' },
  dn: { label: '∂γ/∂n', color: 'var(--c-dn)', dash: '12 3 2 3', help: 'how the output changes when the gain grows' },
  ds: { label: '∂γ/∂s', color: 'var(--c-ds)', dash: '2 3', help: 'how the output changes when saturation grows' },
};

const LANDMARK_SWATCHES = ['relu', 'softplus', 'sigmoid', 'step'] as const;

interface Props {
  show: readonly string[];
  onToggle?: (flag: LegendFlag, on: boolean) => void;
  /** The derivatives are on the right-hand axis. */
  secondary: boolean;
}

export function GammaLegend({ show, onToggle, secondary }: Props) {
  const item = (flag: LegendFlag, swatch: React.ReactNode, label: string, help: string) => {
    const on = show.includes(flag);
    if (!onToggle) {
      return on ? (
        <li key={flag}>
          {swatch}
          {label}
        </li>
      ) : null;
    }
    return (
      <li key={flag}>
        <label title={help}>
          <input
            type="checkbox"
            checked={on}
            onChange={(e) => onToggle(flag, e.currentTarget.checked)}
            data-testid={`toggle-${flag}`}
          />
          {swatch}
          {label}
        </label>
      </li>
    );
  };
  const lineSwatch = (color: string, dash?: string) => (
    <svg className={parts.swatch} width="22" height="10" aria-hidden="true">
      <line x1="1" x2="21" y1="5" y2="5" style={{ stroke: color }} strokeDasharray={dash} />
    </svg>
  );
  return (
    <ul className={styles.chartLegend} data-testid="gamma-legend">
      <li>
        {lineSwatch('var(--accent)')}
        <strong>γ(x; n, s)</strong>
      </li>
      {(Object.keys(OVERLAY_INFO) as Overlay[]).map((o) =>
        item(o, lineSwatch(OVERLAY_INFO[o].color, OVERLAY_INFO[o].dash), OVERLAY_INFO[o].label, OVERLAY_INFO[o].help),
      )}
      {item(
        'ghosts',
        <span className={styles.swatchGroup} aria-hidden="true">
          {LANDMARK_SWATCHES.map((id) => (
            <i key={id} style={{ background: `var(--c-${id})` }} />
          ))}
        </span>,
        'landmarks',
        'faint curves of ReLU, softplus, sigmoid and step',
      )}
      {secondary && <li className={parts.legendNote}>derivatives on the right-hand axis</li>}
    </ul>
  );
}

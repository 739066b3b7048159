/** A horizontal colour bar with ticks, for a heat map (SVG, so it exports with the figure). */
import { memo, useId } from 'react';
import type { MapColour } from './mapColours';
import parts from '../shared/chartParts.module.css';
import styles from './dynamics.module.css';

interface Props {
  scale: MapColour;
  width: number;
  label: string;
  /** A value marked on the bar (e.g. 1 for the contour), as a position t ∈ [0, 1]. */
  mark?: { t: number; label: string };
  testId?: string;
}

const H = 10;
const STOPS = 24;

function ColourLegendImpl({ scale, width, label, mark, testId }: Props) {
  const id = useId();
  const w = Math.max(60, width);
  return (
    <svg width={w + 20} height={H + 34} className={styles.colourLegend} data-testid={testId} role="img" aria-label={`colour scale: ${label}`}>
      <defs>
        <linearGradient id={id}>
          {Array.from({ length: STOPS + 1 }, (_, k) => (
            <stop key={k} offset={k / STOPS} stopColor={scale.at(k / STOPS)} />
          ))}
        </linearGradient>
      </defs>
      <g transform="translate(10,2)">
        <rect width={w} height={H} fill={`url(#${id})`} />
        {scale.ticks
          .filter((tk) => tk.t >= -1e-9 && tk.t <= 1 + 1e-9)
          .map((tk) => (
            <g key={tk.label} transform={`translate(${tk.t * w},${H})`}>
              <line className={parts.axisTick} y2={4} />
              <text y={14} textAnchor="middle">
                {tk.label}
              </text>
            </g>
          ))}
        {mark && <line className={styles.legendMark} x1={mark.t * w} x2={mark.t * w} y1={-2} y2={H + 2} />}
        <text x={w / 2} y={H + 30} textAnchor="middle" className={styles.legendLabel}>
          {label}
        </text>
      </g>
    </svg>
  );
}

export const ColourLegend = memo(ColourLegendImpl);

/**
 * An SVG axis drawn by React from a D3 scale: the scale decides ticks and labels, React owns the
 * elements. Placed by the caller with `transform`; ticks point outward from the plot.
 */
import { memo } from 'react';
import parts from '../shared/chartParts.module.css';

/** The subset of a D3 continuous scale the axis needs (linear and log both fit). */
export interface TickScale {
  (v: number): number;
  range(): number[];
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (v: number) => string;
}

export interface AxisProps {
  scale: TickScale;
  orient: 'bottom' | 'left' | 'right';
  /** Approximate tick count, or the exact tick values. */
  ticks?: number | readonly number[];
  format?: (v: number) => string;
  label?: string;
  /** Label colour (a CSS colour or var(--…)); defaults to the muted text colour. */
  labelColor?: string;
  transform?: string;
  /** Length of grid lines drawn across the plot (0: none). */
  grid?: number;
  testId?: string;
}

const TICK = 5;
/** Width of one tick-label character at the axes' 12 px (digits and signs), for placing the label clear of them. */
const CHAR_PX = 6.8;

function AxisImpl({ scale, orient, ticks = 5, format, label, labelColor, transform, grid = 0, testId }: AxisProps) {
  const values = typeof ticks === 'number' ? scale.ticks(ticks) : [...ticks];
  const fmt = format ?? scale.tickFormat(typeof ticks === 'number' ? ticks : values.length);
  const [r0, r1] = scale.range();
  const horizontal = orient === 'bottom';
  const sign = orient === 'left' ? -1 : 1;
  const mid = (r0 + r1) / 2;
  // A vertical axis's title stands clear of its longest tick label ("0.0006" needs more room than "1").
  const labels = values.map((v) => fmt(v));
  const titleOffset = Math.max(40, TICK + 3 + Math.max(0, ...labels.map((t) => t.length)) * CHAR_PX + 12);
  return (
    <g className={parts.axis} transform={transform} data-testid={testId}>
      {horizontal ? <line className={parts.axisLine} x1={r0} x2={r1} /> : <line className={parts.axisLine} y1={r0} y2={r1} />}
      {values.map((v, i) => {
        const p = scale(v);
        return horizontal ? (
          <g key={v} transform={`translate(${p},0)`}>
            {grid > 0 && <line className={parts.axisGrid} y2={-grid} />}
            <line className={parts.axisTick} y2={TICK} />
            <text y={TICK + 3} dy="0.71em" textAnchor="middle">
              {labels[i]}
            </text>
          </g>
        ) : (
          <g key={v} transform={`translate(0,${p})`}>
            {grid > 0 && <line className={parts.axisGrid} x2={-sign * grid} />}
            <line className={parts.axisTick} x2={sign * TICK} />
            <text x={sign * (TICK + 3)} dy="0.32em" textAnchor={sign < 0 ? 'end' : 'start'}>
              {labels[i]}
            </text>
          </g>
        );
      })}
      {label &&
        (horizontal ? (
          <text className={parts.axisLabel} data-testid="axis-label" x={mid} y={TICK + 30} textAnchor="middle" style={{ fill: labelColor }}>
            {label}
          </text>
        ) : (
          <text
            className={parts.axisLabel}
            data-testid="axis-label"
            transform={`translate(${sign * titleOffset},${mid}) rotate(${sign < 0 ? -90 : 90})`}
            textAnchor="middle"
            style={{ fill: labelColor }}
          >
            {label}
          </text>
        ))}
    </g>
  );
}

export const Axis = memo(AxisImpl);

/**
 * Faint curves of the four landmarks (ReLU, softplus, sigmoid, step), each labelled in its own
 * colour at a spot chosen so the four labels do not collide for any x range.
 */
import { memo } from 'react';
import { line } from 'd3';
import type { LandmarkId } from '../../core/landmarks';
import type { Ghost } from './gammaSeries';
import styles from './gammaChart.module.css';

/** Where each label sits: fraction of xr along x, text anchor, pixel offset. */
const LABEL_AT: Record<LandmarkId, { fx: number; anchor: 'start' | 'middle' | 'end'; dx: number; dy: number }> = {
  relu: { fx: 0.5, anchor: 'end', dx: -8, dy: -4 },
  softplus: { fx: 0, anchor: 'end', dx: -8, dy: -8 },
  sigmoid: { fx: 0.96, anchor: 'end', dx: 0, dy: 16 },
  step: { fx: 0.96, anchor: 'end', dx: 0, dy: -7 },
};

interface Props {
  ghosts: Ghost[];
  xr: number;
  xs: (v: number) => number;
  ys: (v: number) => number;
}

function GhostCurvesImpl({ ghosts, xr, xs, ys }: Props) {
  return (
    <g data-testid="gamma-ghosts">
      {ghosts.map((g) => {
        const x = g.x;
        const d = line<number>()
          .digits(1)
          .x((i) => xs(x[i]))
          .y((i) => ys(g.y[i]))(Array.from(x, (_, i) => i));
        const at = LABEL_AT[g.id];
        const lx = at.fx * xr;
        // Label height from the exact curve at that x (the step's value at 0 would be the midpoint).
        const ly = g.y[Math.round(((lx + xr) / (2 * xr)) * (x.length - 1))];
        return (
          <g key={g.id} style={{ color: `var(--c-${g.id})` }}>
            <path className={styles.ghostPath} d={d ?? ''} data-testid={`ghost-${g.id}`} />
            <text className={styles.ghostLabel} x={xs(lx) + at.dx} y={ys(ly) + at.dy} textAnchor={at.anchor}>
              {g.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export const GhostCurves = memo(GhostCurvesImpl);

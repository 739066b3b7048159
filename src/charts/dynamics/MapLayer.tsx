/**
 * An (n, s) map as a layer of the pad: one rectangle per cell in its value's colour (SVG: 200
 * cells are cheap, and they export as they are drawn), a contour line at `contourAt`, and the
 * analytic sup γ′ = 1 curve on top, dashed, and the landmarks (the backdrop's are under the cells).
 * Cells with nothing to draw yet stay transparent.
 */
import { memo, useMemo } from 'react';
import { LANDMARKS } from '../../core/landmarks';
import { padScales, unitSlopeEdgePath } from '../pad/padGeometry';
import { cellRects, contourPath, type MapGrid } from './mapGeometry';
import type { MapColour } from './mapColours';
import pad from '../pad/pad.module.css';
import styles from './dynamics.module.css';

export interface MapLayerProps {
  iw: number;
  ih: number;
  grid: MapGrid;
  /** Values to draw (display units), row-major j·nx + i; NaN: not drawn. */
  values: Float64Array;
  colour: MapColour;
  /** Draw the contour of this level (once the map covers the pad). */
  contourAt?: number;
  /** The values cover the pad (the coarsest level is in). */
  covered: boolean;
  format: (v: number) => string;
  testId: string;
}

function MapLayerImpl({ iw, ih, grid, values, colour, contourAt, covered, format, testId }: MapLayerProps) {
  const sc = useMemo(() => padScales(iw, ih), [iw, ih]);
  const rects = useMemo(() => cellRects(grid, sc), [grid, sc]);
  const edge = useMemo(() => unitSlopeEdgePath(sc), [sc]);
  const contour = useMemo(() => (contourAt !== undefined && covered ? contourPath(values, grid, contourAt, sc) : ''), [values, grid, contourAt, covered, sc]);
  const nx = grid.n.length;
  // The sup γ′ = 1 curve is labelled where it crosses s = 0.2 (n ≈ 10.5).
  const labelN = 10.5;
  return (
    <g data-testid={testId}>
      <g className={styles.mapCells} shapeRendering="crispEdges" data-testid={`${testId}-cells`}>
        {rects.map((r) => {
          const v = values[r.index];
          if (!Number.isFinite(v)) return null;
          return (
            <rect key={r.index} x={r.x} y={r.y} width={r.w + 0.5} height={r.h + 0.5} fill={colour.colour(v)}>
              <title>{`n = ${grid.n[r.index % nx]}, s = ${grid.s[Math.floor(r.index / nx)]}: ${format(v)}`}</title>
            </rect>
          );
        })}
      </g>
      <path className={styles.mapUnitSlope} d={edge} data-testid={`${testId}-unit-slope`} />
      <text className={styles.mapCurveLabel} x={sc.x(labelN) + 4} y={sc.y(0.2) - 6}>
        sup γ′ = 1
      </text>
      {contourAt !== undefined && <path className={styles.mapContour} d={contour} data-testid={`${testId}-contour`} data-level={contourAt} />}
      <g>
        {LANDMARKS.map((l) => {
          const x = sc.x(l.n);
          const y = sc.y(l.s);
          const right = l.n >= 10;
          return (
            <g key={l.id} style={{ color: `var(--c-${l.id})` }}>
              {l.isLimit ? <path className={pad.landmark} d={`M${x},${y - 6}L${x + 6},${y}L${x},${y + 6}L${x - 6},${y}Z`} /> : <circle className={pad.landmark} cx={x} cy={y} r={5.5} />}
              <text className={styles.mapLandmarkLabel} x={x + (right ? -9 : 9)} y={y + (l.s > 0.5 ? 14 : -7)} textAnchor={right ? 'end' : 'start'}>
                {l.label}
              </text>
            </g>
          );
        })}
      </g>
    </g>
  );
}

export const MapLayer = memo(MapLayerImpl);

/**
 * The pad's static layers: axes, the sup γ′ > 1 region and its edge, faint sup γ′ contours with
 * their levels along the top edge, and the four landmarks. Depends only on the plot size, so it is
 * memoised and does not re-render while the handle moves.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { LANDMARKS } from '../../core/landmarks';
import { Axis } from '../axes/Axis';
import { N_MAX, SLOPE_LEVELS, expandingRegionPath, padScales, slopeContourPathsUnit, unitSlopeEdgePath } from './padGeometry';
import { estimateWidth, placeLandmarkLabels, type Box } from './landmarkLabels';
import styles from './pad.module.css';

const N_TICKS = [0.1, 0.3, 1, 3, 10, 30, 100];

let measureCtx: CanvasRenderingContext2D | null | undefined;

/** Width of a landmark label as the page draws it (12 px semibold), measured on a canvas. */
function labelWidth(text: string): number {
  if (measureCtx === undefined) {
    measureCtx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (measureCtx) measureCtx.font = `600 12px ${getComputedStyle(document.body).fontFamily}`;
  }
  // A little slack for the label's outline stroke.
  return measureCtx ? measureCtx.measureText(text).width + 3 : estimateWidth(text);
}

interface Props {
  iw: number;
  ih: number;
  contours: boolean;
}

function PadBackdropImpl({ iw, ih, contours }: Props) {
  const sc = useMemo(() => padScales(iw, ih), [iw, ih]);
  const region = useMemo(() => expandingRegionPath(sc), [sc]);
  const edge = useMemo(() => unitSlopeEdgePath(sc), [sc]);
  // The faint contours are extra: computed after the first paint so they never delay it.
  const [computed, setComputed] = useState<{ level: number; d: string }[]>([]);
  useEffect(() => {
    if (!contours) return;
    // A timer, not the effect itself: effects can be flushed before a paint, a timer cannot.
    const id = setTimeout(() => setComputed(slopeContourPathsUnit()), 0);
    return () => clearTimeout(id);
  }, [contours]);
  const lines = contours ? computed : [];
  const fmtN = (v: number) => String(v);
  // Put the region's label inside it, clear of the step landmark and the top-edge labels.
  const labelX = sc.x(N_MAX) - 10;
  const labelY = sc.y(0.55);
  const labels = useMemo(() => {
    // Keep clear of the region's two-line label (right-aligned at labelX).
    const regionBox: Box = { x0: labelX - labelWidth('locally expanding'), y0: labelY - 12, x1: labelX, y1: labelY + 17 };
    const items = LANDMARKS.map((l) => ({ id: l.id, x: sc.x(l.n), y: sc.y(l.s), texts: l.isLimit ? [`${l.label} (n → ∞)`, l.label] : [l.label] }));
    return new Map(placeLandmarkLabels(items, iw, ih, labelWidth, [regionBox]).map((p) => [p.id, p]));
  }, [sc, iw, ih, labelX, labelY]);
  return (
    <g>
      <rect className={styles.bg} width={iw} height={ih} />
      <Axis scale={sc.x} orient="bottom" transform={`translate(0,${ih})`} ticks={N_TICKS} format={fmtN} grid={ih} label="gain n (log scale)" />
      <Axis scale={sc.y} orient="left" ticks={5} grid={iw} label="saturation s" />
      <path className={styles.expanding} d={region} data-testid="pad-expanding" />
      <g transform={`scale(${iw},${ih})`}>
        {lines.map((l) => (
          <path key={l.level} className={styles.contour} d={l.d} data-level={l.level} vectorEffect="non-scaling-stroke" />
        ))}
      </g>
      <path className={styles.edge} d={edge} data-testid="pad-edge" />
      {contours && (
        <g className={styles.levels} aria-hidden="true">
          <text x={0} y={-7}>
            sup γ′ =
          </text>
          {[...SLOPE_LEVELS.slice(0, 2), 1, ...SLOPE_LEVELS.slice(2)].map((L) => (
            <text key={L} x={sc.x(4 * L)} y={-7} textAnchor="middle" className={L === 1 ? styles.levelOne : undefined}>
              {L}
            </text>
          ))}
        </g>
      )}
      <text className={styles.expandingLabel} x={labelX} y={labelY} textAnchor="end">
        <tspan x={labelX}>sup γ′ &gt; 1:</tspan>
        <tspan x={labelX} dy="1.2em">
          locally expanding
        </tspan>
      </text>
      <g className={styles.landmarks} data-testid="pad-landmarks">
        {LANDMARKS.map((l) => {
          const px = sc.x(l.n);
          const py = sc.y(l.s);
          const at = labels.get(l.id);
          return (
            <g key={l.id} style={{ color: `var(--c-${l.id})` }} data-testid={`pad-landmark-${l.id}`}>
              {l.isLimit ? (
                <path className={styles.landmark} d={`M${px},${py - 6}L${px + 6},${py}L${px},${py + 6}L${px - 6},${py}Z`} />
              ) : (
                <circle className={styles.landmark} cx={px} cy={py} r={5.5} />
              )}
              {at && (
                <text className={styles.landmarkLabel} x={at.x} y={at.y} textAnchor={at.anchor} data-testid={`pad-landmark-label-${l.id}`}>
                  {at.text}
                </text>
              )}
            </g>
          );
        })}
      </g>
    </g>
  );
}

export const PadBackdrop = memo(PadBackdropImpl);
